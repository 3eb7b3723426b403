"""Finding URLs: sitemaps (plain, index, gzipped) and the links of an HTML page.

A sitemap's ``<lastmod>`` is ignored on purpose: sites get it wrong often, and the
conditional request tells the truth for the price of one small round trip.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from knowledge.web.errors import WebSourceError
from knowledge.web.urls import normalize_url


@dataclass(frozen=True, slots=True)
class Sitemap:
    """The ``<loc>`` entries of one sitemap file: page URLs, or child sitemaps for an index."""

    pages: list[str]
    sitemaps: list[str]


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """Parse a ``<urlset>`` or ``<sitemapindex>``; raises WebSourceError when it is neither."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise WebSourceError(f"sitemap {url} is a broken gzip file: {exc}") from exc
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise WebSourceError(f"sitemap {url} is not valid XML: {exc}") from exc
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


def _local(tag: str) -> str:
    """An element's name without its XML namespace (sitemaps come with and without one)."""
    return tag.rsplit("}", 1)[-1]


def page_links(html: bytes, page_url: str) -> list[str]:
    """Canonical http(s) URLs of a page's ``<a href>`` links, in page order, without repeats."""
    soup = BeautifulSoup(html, "lxml")
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
