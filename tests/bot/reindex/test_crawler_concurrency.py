"""The crawler keeps at most two requests in flight per host, their starts the politeness delay apart.

A real local HTTP server (``ThreadingHTTPServer``) answers slowly and counts the requests it is
serving at once; the crawl goes through httpx over the socket exactly as in production.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.web import WebsiteConfig, WebSource

from .site import Site, SiteServer, page, sitemap

PAGES = 8
SLOW = 0.5  # each page takes this long to answer: a second request starts while the first is served
INTERVAL = 0.2


@pytest.fixture
def slow_site() -> Iterator[Site]:
    server = SiteServer(Site()).start()
    site = server.site
    paths = [f"/kennis/pagina-{n}.html" for n in range(PAGES)]
    for n, path in enumerate(paths):
        site.put(path, page(f"Pagina {n}", f"Uitleg over de LIVC R, deel {n}."))
        site.resources[path].delay = SLOW
    site.put("/sitemap.xml", sitemap([site.url(path) for path in paths]), "application/xml")
    yield site
    server.stop()


def _crawl(site: Site, tmp_path: Path, per_host: int) -> list[str]:
    config = WebsiteConfig("vvsg", (site.url("/kennis/"),), sitemap=site.url("/sitemap.xml"),
                           request_interval=INTERVAL, per_host_concurrency=per_host,
                           user_agent="Vraagbaak/test")  # fmt: skip
    result = WebSource(config, tmp_path / f"cache-{per_host}").crawl()
    return [document.doc_id for document in result.load.documents]


def test_two_requests_at_most_in_flight_per_host_with_the_delay_between_starts(slow_site: Site, tmp_path: Path) -> None:
    documents = _crawl(slow_site, tmp_path, per_host=2)

    assert slow_site.max_in_flight == 2  # used, and never more
    pages = sorted(hit.started for hit in slow_site.hits if hit.path.startswith("/kennis/"))
    assert len(pages) == PAGES
    gaps = [later - earlier for earlier, later in itertools.pairwise(pages)]
    assert min(gaps) >= INTERVAL / 2  # the politeness delay holds between starts (half: socket jitter)
    assert len(documents) == PAGES


def test_one_slot_per_host_is_one_request_at_a_time_and_finds_the_same_documents(
    slow_site: Site, tmp_path: Path
) -> None:
    parallel = _crawl(slow_site, tmp_path, per_host=2)
    slow_site.max_in_flight = 0
    sequential = _crawl(slow_site, tmp_path, per_host=1)
    assert slow_site.max_in_flight == 1
    assert sequential == parallel  # the same documents, in the same order


def test_a_per_host_concurrency_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="per_host_concurrency"):
        WebsiteConfig("vvsg", ("https://example.org/",), start_urls=("https://example.org/",),
                      per_host_concurrency=0)  # fmt: skip
