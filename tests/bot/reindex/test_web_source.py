"""The website source against a real local HTTP server: what is fetched, reused, reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.reindex.sources import SourceStatus
from bot.settings import Settings
from index import HybridRetriever, VersionStore
from knowledge.web import WebsiteConfig, WebSource
from tests.bot.reindex.conftest import KENNIS, reindexer, web_id
from tests.bot.reindex.site import Site, page, pdf_bytes, sitemap
from tests.support.fake_embedder import FakeEmbedder

WebSettings = Callable[..., Settings]


def _doc_ids(site: Site, *paths: str) -> set[str]:
    return {web_id(site, path) for path in paths}


def test_first_crawl_indexes_pages_and_linked_pdf(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    report = reindexer(web_settings(), fake_embedder).run()
    web = set(report.build.added) - {"expertenpool.md"}
    assert web == _doc_ids(site, *KENNIS, "/kennis/nota.pdf")
    assert report.build.published and report.build.removed == []
    outcome = next(o for o in report.sources if o.name == "vvsg")
    assert outcome.status is SourceStatus.PARTIAL and outcome.documents == 4
    assert outcome.stats["fetched"] == 5 and outcome.stats["not_modified"] == 0
    # Every request named Vraagbaak.
    assert all("Vraagbaak/" in hit.headers["user-agent"] for hit in site.hits)


def test_broken_pdf_is_reported_and_the_run_goes_on(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    report = reindexer(web_settings(), fake_embedder).run()
    failed = {failure.path: failure.reason for _, failure in report.failed}
    assert list(failed) == [site.url("/kennis/kapot.pdf")]
    assert "PDF" in failed[site.url("/kennis/kapot.pdf")]
    assert report.build.published and web_id(site, "/kennis/nota.pdf") in report.build.added


def test_outside_prefix_and_robots_disallowed_urls_are_never_requested(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    report = reindexer(web_settings(), fake_embedder).run()
    requested = site.paths()
    assert not [path for path in requested if path.startswith(("/elders/", "/kennis/intern"))]
    skipped = {item.path: item.reason for _, item in report.skipped}
    assert skipped[site.url("/kennis/intern/nota.html")] == "disallowed by robots.txt"
    assert skipped[site.url("/elders/pagina.html")] == "outside the allowed prefixes"
    outcome = next(o for o in report.sources if o.name == "vvsg")
    assert outcome.stats["outside_prefix"] == 3  # the listed page, the linked PDF, the home link
    assert outcome.stats["disallowed"] == 1


def test_unchanged_crawl_is_answered_304_and_embeds_nothing(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    first = reindexer(settings, fake_embedder).run()
    encoded = fake_embedder.passages_encoded
    site.clear()
    again = reindexer(settings, fake_embedder).run()
    assert not again.build.published and again.build.reason == "unchanged"
    assert again.build.version_id == first.build.version_id
    assert fake_embedder.passages_encoded == encoded
    documents = [*KENNIS, "/kennis/nota.pdf", "/kennis/kapot.pdf", "/sitemap.xml", "/robots.txt"]
    for path in documents:
        (hit,) = site.hits_for(path)
        assert hit.status == 304 and "if-none-match" in hit.headers, path
    outcome = next(o for o in again.sources if o.name == "vvsg")
    assert outcome.stats["not_modified"] == 5 and outcome.stats.get("fetched", 0) == 0


def test_last_modified_alone_is_enough_for_304(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    body = site.resources["/kennis/signalen.html"].body
    site.put("/kennis/signalen.html", body, etag=False)
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    site.clear()
    reindexer(settings, fake_embedder).run()
    (hit,) = site.hits_for("/kennis/signalen.html")
    assert hit.status == 304 and "if-modified-since" in hit.headers and "if-none-match" not in hit.headers


def test_changed_page_is_the_only_one_re_embedded(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    site.put(
        "/kennis/polarisatie.html",
        page("Polarisatie in de gemeente", "Nieuwe tekst over dialoog en verbinding."),
    )
    before = fake_embedder.passages_encoded
    report = reindexer(settings, fake_embedder).run()
    assert report.build.changed == [web_id(site, "/kennis/polarisatie.html")]
    assert report.build.added == [] and report.build.removed == []
    assert fake_embedder.passages_encoded - before == report.build.embedded == 1


def test_removed_page_leaves_the_index_and_search(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    store = VersionStore(settings.index_dir)
    retriever = HybridRetriever(store, fake_embedder).load()
    gone = web_id(site, "/kennis/polarisatie.html")
    assert gone in {hit.chunk.doc_id for hit in retriever.search("polarisatie online haat jongeren", k=3)}
    site.remove("/kennis/polarisatie.html")
    report = reindexer(settings, fake_embedder).run()
    assert report.build.removed == [gone]
    assert retriever.reload_if_changed()
    assert gone not in {hit.chunk.doc_id for hit in retriever.search("polarisatie online haat jongeren", k=10)}


def test_page_dropped_from_the_sitemap_is_removed(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    site.put("/sitemap.xml", sitemap([site.url("/kennis/livcr.html")]), "application/xml")
    report = reindexer(settings, fake_embedder).run()
    assert report.build.removed == sorted(_doc_ids(site, "/kennis/polarisatie.html", "/kennis/signalen.html"))


def test_temporary_error_keeps_the_stored_copy(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder
) -> None:
    settings = web_settings()
    reindexer(settings, fake_embedder).run()
    site.answer("/kennis/signalen.html", 503)
    report = reindexer(settings, fake_embedder).run()
    assert report.build.removed == [] and not report.build.published
    failed = {failure.path: failure.reason for _, failure in report.failed}
    assert failed[site.url("/kennis/signalen.html")].startswith("HTTP 503; using the copy fetched ")


def test_unreachable_site_keeps_its_served_documents(
    site: Site, web_settings: WebSettings, fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    settings = web_settings()
    first = reindexer(settings, fake_embedder).run()
    (tmp_path / "kennis" / "nieuw.md").write_text("# Nieuw\n\nEen nieuw document over de expertenpool.\n")
    site.answer("/robots.txt", 503)
    (tmp_path / "var" / "sources" / "vvsg" / "pages.json").unlink()  # no stored robots.txt either
    report = reindexer(settings, fake_embedder).run()
    outcome = next(o for o in report.sources if o.name == "vvsg")
    assert outcome.status is SourceStatus.FAILED and "robots.txt unreachable" in (outcome.error or "")
    assert outcome.kept_chunks == first.build.chunks - 1  # everything but expertenpool.md
    assert report.build.added == ["nieuw.md"] and report.build.removed == []
    assert any(path == site.url("/sitemap.xml") for _, failure in report.failed for path in [failure.path])


def test_start_urls_follow_links_inside_the_prefix_up_to_the_page_limit(site: Site, tmp_path: Path) -> None:
    config = WebsiteConfig(
        "vvsg",
        (site.url("/kennis/"),),
        start_urls=(site.url("/kennis/livcr.html"),),
        request_interval=0,
        max_pages=3,
        user_agent="Vraagbaak/test",
    )
    result = WebSource(config, tmp_path / "cache").crawl()
    ids = [document.doc_id for document in result.load.documents]
    # livcr.html, then its links in page order: nota.pdf, kapot.pdf (broken); the limit stops the rest.
    assert ids == [web_id(site, "/kennis/livcr.html"), web_id(site, "/kennis/nota.pdf")]
    assert [f.path for f in result.load.failures] == [site.url("/kennis/kapot.pdf")]
    assert result.load.skipped[-1].reason == "page limit of 3 reached"
    assert "/kennis/polarisatie.html" not in site.paths()
    assert result.load.documents[0].url == site.url("/kennis/livcr.html")


def test_redirect_outside_the_prefix_is_not_followed(site: Site, tmp_path: Path) -> None:
    site.answer("/kennis/verhuisd.html", 301, location=site.url("/elders/pagina.html"))
    site.put("/sitemap.xml", sitemap([site.url("/kennis/verhuisd.html")]), "application/xml")
    config = WebsiteConfig(
        "vvsg",
        (site.url("/kennis/"),),
        sitemap=site.url("/sitemap.xml"),
        request_interval=0,
        user_agent="Vraagbaak/test",
    )
    result = WebSource(config, tmp_path / "cache").crawl()
    assert result.load.documents == []
    assert "outside the allowed prefixes" in result.load.skipped[0].reason
    assert "/elders/pagina.html" not in site.paths()


def test_polite_interval_between_requests(site: Site, tmp_path: Path) -> None:
    slept: list[float] = []
    config = WebsiteConfig(
        "vvsg",
        (site.url("/kennis/"),),
        sitemap=site.url("/sitemap.xml"),
        request_interval=2.5,
        user_agent="Vraagbaak/test",
    )
    WebSource(config, tmp_path / "cache", sleep=slept.append).crawl()
    assert len(slept) >= len(site.hits) - 1 > 5
    assert all(0 < seconds <= 2.5 for seconds in slept)


def test_pdf_served_as_octet_stream_is_read_by_its_suffix(site: Site, tmp_path: Path) -> None:
    site.put("/kennis/nota.pdf", pdf_bytes("Nota", ["Een nota over de LIVC R."]), "application/octet-stream")
    config = WebsiteConfig(
        "vvsg",
        (site.url("/kennis/"),),
        start_urls=(site.url("/kennis/nota.pdf"),),
        request_interval=0,
        user_agent="Vraagbaak/test",
    )
    result = WebSource(config, tmp_path / "cache").crawl()
    assert [document.doc_id for document in result.load.documents] == [web_id(site, "/kennis/nota.pdf")]
