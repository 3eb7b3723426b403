"""Fixtures for reindexing tests: a local website, settings pointing at it, a fake embedder.

The website (``site``) is the VVSG-like site every web test starts from::

    /robots.txt            Disallow: /kennis/intern
    /sitemap.xml           the three /kennis/ pages, /kennis/intern/nota.html, /elders/pagina.html
    /kennis/livcr.html     links to nota.pdf, kapot.pdf and /elders/bijlage.pdf
    /kennis/polarisatie.html
    /kennis/signalen.html
    /kennis/nota.pdf       a real PDF (fpdf2)
    /kennis/kapot.pdf      not a PDF at all
    /kennis/intern/...     disallowed by robots.txt; /elders/... is outside the allowed prefix
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.reindex.run import Reindexer
from bot.settings import Settings
from index import VersionStore
from tests.bot.reindex.site import Site, SiteServer, page, pdf_bytes, sitemap
from tests.support.fake_embedder import FakeEmbedder

KENNIS = ("/kennis/livcr.html", "/kennis/polarisatie.html", "/kennis/signalen.html")


def build_site(site: Site) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /kennis/intern\n", "text/plain")
    site.put(
        "/kennis/livcr.html",
        page(
            "Wat is een LIVC R",
            "De burgemeester richt een lokale integrale veiligheidscel op voor radicalisering.",
            "De LIVC R bespreekt casussen van personen met signalen van radicalisering.",
            links=("/kennis/nota.pdf", "kapot.pdf", "/elders/bijlage.pdf", "polarisatie.html"),
        ),
    )
    site.put(
        "/kennis/polarisatie.html",
        page(
            "Polarisatie in de gemeente",
            "Polarisatie en online haat vragen om een lokale aanpak met jongeren.",
        ),
    )
    site.put(
        "/kennis/signalen.html",
        page(
            "Signalen herkennen",
            "Eerstelijnswerkers herkennen signalen van radicalisering bij jongeren op school.",
        ),
    )
    site.put(
        "/kennis/nota.pdf",
        pdf_bytes(
            "Nota gedeeld beroepsgeheim",
            [
                "Nota over het gedeeld beroepsgeheim",
                "Artikel 458ter van het Strafwetboek regelt het casusoverleg.",
                "Deelnemers mogen informatie delen binnen de LIVC R.",
            ],
        ),
        "application/pdf",
    )
    site.put("/kennis/kapot.pdf", b"%PDF-1.4\nthis is not really a pdf at all\n", "application/pdf")
    site.put("/kennis/intern/nota.html", page("Intern", "Interne nota die robots niet mogen zien."))
    site.put("/elders/pagina.html", page("Elders", "Een pagina buiten het toegestane voorvoegsel."))
    site.put(
        "/elders/bijlage.pdf",
        pdf_bytes("Bijlage", ["Een bijlage buiten het voorvoegsel."]),
        "application/pdf",
    )
    listed = [*KENNIS, "/kennis/intern/nota.html", "/elders/pagina.html"]
    site.put("/sitemap.xml", sitemap([site.url(path) for path in listed]), "application/xml")


@pytest.fixture
def site() -> Iterator[Site]:
    server = SiteServer(Site()).start()
    build_site(server.site)
    yield server.site
    server.stop()


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A small knowledge folder of our own (the shipped corpus is slower and not the point)."""
    root = tmp_path / "kennis"
    root.mkdir()
    (root / "expertenpool.md").write_text(
        "---\ntitle: Vlaamse expertenpool\n---\n\n# Vlaamse expertenpool\n\n"
        "De expertenpool ondersteunt gemeenten bij de aanpak van radicalisering en extremisme.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def web_settings(tmp_path: Path, site: Site, knowledge_dir: Path) -> Callable[..., Settings]:
    """Settings with the knowledge folder and one website source on ``site``."""

    def make(**website: object) -> Settings:
        source = {
            "kind": "website",
            "name": "vvsg",
            "sitemap": site.url("/sitemap.xml"),
            "allowed_prefixes": [site.url("/kennis/")],
            "request_interval": 0,
            "timeout": 5,
        }
        source.update(website)
        if "start_urls" in website:
            source.pop("sitemap")
        return Settings(
            data_dir=tmp_path / "var",
            knowledge_dir=knowledge_dir,
            sources=[source],  # type: ignore[arg-type]
            embedding_model="fake-bow-64",
        )

    return make


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


def reindexer(settings: Settings, embedder: FakeEmbedder) -> Reindexer:
    return Reindexer(settings, VersionStore(settings.index_dir), embedder)


def web_id(site: Site, path: str) -> str:
    return f"web/{site.host}{path}"
