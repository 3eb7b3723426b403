"""The crawler honours noindex/nofollow, expands gzip only so far, and parses sitemaps safely."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from knowledge.web import WebsiteConfig, WebSource
from knowledge.web.discovery import gunzip, parse_sitemap
from knowledge.web.errors import WebSourceError
from tests.bot.reindex.conftest import web_id
from tests.bot.reindex.site import Site, page, sitemap


def _crawl(site: Site, tmp_path: Path, *paths: str) -> list[str]:
    site.put("/sitemap.xml", sitemap([site.url(path) for path in paths]), "application/xml")
    config = WebsiteConfig("vvsg", (site.url("/kennis/"),), sitemap=site.url("/sitemap.xml"), request_interval=0,
                           user_agent="Vraagbaak/test")  # fmt: skip
    result = WebSource(config, tmp_path / "cache").crawl()
    return [document.doc_id for document in result.load.documents]


def test_noindex_in_meta_or_header_keeps_a_page_out_and_nofollow_stops_its_links(site: Site, tmp_path: Path) -> None:
    meta = page("Verborgen", "Niet indexeren.", links=("/kennis/via-meta.html",)).replace(
        "<head>", '<head><meta name="robots" content="noindex, follow">'
    )
    site.put("/kennis/meta.html", meta)
    site.put("/kennis/via-meta.html", page("Gevolgd", "Deze pagina werd via een link gevonden."))
    site.put("/kennis/header.html", page("Kop", "Alleen de kop zegt het."), headers={"X-Robots-Tag": "noindex"})
    nofollow = page("Geen links volgen", "Wel indexeren.", links=("/kennis/achter.html",)).replace(
        "<head>", '<head><meta name="ROBOTS" content="NOFOLLOW">'
    )
    site.put("/kennis/nofollow.html", nofollow)
    site.put("/kennis/achter.html", page("Achter", "Mag niet gevonden worden via nofollow."))
    site.put("/kennis/none.html", page("Niets", "Niets."), headers={"X-Robots-Tag": "none"})

    ids = _crawl(site, tmp_path, "/kennis/meta.html", "/kennis/header.html", "/kennis/nofollow.html",
                 "/kennis/none.html")  # fmt: skip

    assert web_id(site, "/kennis/meta.html") not in ids and web_id(site, "/kennis/header.html") not in ids
    assert web_id(site, "/kennis/none.html") not in ids
    assert web_id(site, "/kennis/nofollow.html") in ids
    assert "/kennis/achter.html" not in site.paths()


def test_a_gzip_bomb_sitemap_is_refused_not_expanded() -> None:
    bomb = gzip.compress(b"<" + b"a" * 5_000_000)

    with pytest.raises(WebSourceError, match="expands to more than"):
        gunzip(bomb, "http://x/sitemap.xml.gz", limit=1_000_000)
    with pytest.raises(WebSourceError, match="broken gzip"):
        gunzip(gzip.compress(b"<urlset/>")[:-6], "http://x/sitemap.xml.gz")


def test_sitemaps_with_entities_are_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>'
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>&x;</loc></url></urlset>"
    )
    for data in (laughs, external):
        with pytest.raises(WebSourceError, match="forbidden XML"):
            parse_sitemap(data, "http://x/sitemap.xml")
    good = gzip.compress(b"<urlset><url><loc>http://x/kennis/a.html</loc></url></urlset>")
    assert parse_sitemap(good, "http://x/sitemap.xml.gz").pages == ["http://x/kennis/a.html"]
