"""Finding URLs: sitemaps (plain, index, gzipped) and the links of an HTML page.

A sitemap's ``<lastmod>`` is ignored on purpose: sites get it wrong often, and the
conditional request tells the truth for the price of one small round trip. Sitemaps are
parsed with defusedxml (no entity expansion, no external entities) and a gzipped one is
expanded to at most ``MAX_SITEMAP_BYTES`` (the sitemap protocol's own limit), so a small
compressed bomb cannot fill memory. ``robots_directives`` reads ``<meta name="robots">``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass

from bs4 import Tag
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from knowledge.loaders.html import parse_html
from knowledge.web.errors import WebSourceError
from knowledge.web.urls import normalize_url

MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Sitemap:
    """The ``<loc>`` entries of one sitemap file: page URLs, or child sitemaps for an index."""

    pages: list[str]
    sitemaps: list[str]


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """Parse a ``<urlset>`` or ``<sitemapindex>``; raises WebSourceError when it is neither."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, url)
    try:
        root = safe_fromstring(data)
    except ET.ParseError as exc:
        raise WebSourceError(f"sitemap {url} is not valid XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise WebSourceError(f"sitemap {url} uses forbidden XML constructs: {type(exc).__name__}") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise WebSourceError(f"sitemap {url} has root <{kind}>, expected <urlset> or <sitemapindex>")
    locations = [
        (element.text or "").strip()
        for element in root.iter()
        if _local(element.tag) == "loc" and (element.text or "").strip()
    ]
    found = [canonical for loc in locations if (canonical := normalize_url(loc, url))]
    return Sitemap(pages=found, sitemaps=[]) if kind == "urlset" else Sitemap(pages=[], sitemaps=found)


def gunzip(data: bytes, url: str, limit: int | None = None) -> bytes:
    """Expand a gzip file to at most ``limit`` bytes (default ``MAX_SITEMAP_BYTES``); more is an error."""
    limit = MAX_SITEMAP_BYTES if limit is None else limit
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise WebSourceError(f"sitemap {url} is a broken gzip file: {exc}") from exc
    if len(out) > limit:
        raise WebSourceError(f"sitemap {url} expands to more than {limit} bytes")
    if not inflater.eof:
        raise WebSourceError(f"sitemap {url} is a broken gzip file: truncated")
    return out


def robots_directives(html: bytes) -> set[str]:
    """The directives of ``<meta name="robots">`` (and ``name="vraagbaak"``), lower case."""
    soup = parse_html(html)
    found: set[str] = set()
    for meta in soup.find_all("meta"):
        if isinstance(meta, Tag) and str(meta.get("name", "")).lower() in ("robots", "vraagbaak"):
            found |= {part.strip() for part in str(meta.get("content", "")).lower().split(",") if part.strip()}
    return found


def _local(tag: str) -> str:
    """An element's name without its XML namespace (sitemaps come with and without one)."""
    return tag.rsplit("}", 1)[-1]


def page_links(html: bytes, page_url: str) -> list[str]:
    """Canonical http(s) URLs of a page's ``<a href>`` links, in page order, without repeats."""
    soup = parse_html(html)
    base = soup.find("base", href=True)
    base_url = normalize_url(str(base["href"]), page_url) if isinstance(base, Tag) else None
    links: dict[str, None] = {}
    for anchor in soup.find_all("a", href=True):
        if not isinstance(anchor, Tag):
            continue
        canonical = normalize_url(str(anchor["href"]), base_url or page_url)
        if canonical:
            links[canonical] = None
    return list(links)
