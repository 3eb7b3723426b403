"""Websites as knowledge sources: polite, conditional crawling into Documents.

    from knowledge.web import WebsiteConfig, WebSource
    config = WebsiteConfig("vvsg", allowed_prefixes=("https://www.vvsg.be/kennisitems/",),
                           sitemap="https://www.vvsg.be/sitemap.xml")
    result = WebSource(config, data_dir / "sources" / "vvsg").crawl()

Doc ids are ``web/<host>/<path>`` (``knowledge.web.urls``). Every fetched body is stored
with its ETag and Last-Modified under the cache folder, so an unchanged page costs one
conditional request and yields the very same chunks.
"""

from __future__ import annotations

from knowledge.web.cache import CachedPage, PageCache
from knowledge.web.config import DEFAULT_USER_AGENT, WebsiteConfig
from knowledge.web.discovery import Sitemap, page_links, parse_sitemap
from knowledge.web.errors import FetchError, WebSourceError
from knowledge.web.fetcher import Fetched, FetchKind, PoliteFetcher
from knowledge.web.robots import RobotsRules
from knowledge.web.source import CrawlResult, WebSource
from knowledge.web.urls import UrlScope, doc_id_for_url, doc_id_prefix_for, normalize_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "CachedPage",
    "CrawlResult",
    "FetchError",
    "FetchKind",
    "Fetched",
    "PageCache",
    "PoliteFetcher",
    "RobotsRules",
    "Sitemap",
    "UrlScope",
    "WebSource",
    "WebSourceError",
    "WebsiteConfig",
    "doc_id_for_url",
    "doc_id_prefix_for",
    "normalize_url",
    "page_links",
    "parse_sitemap",
]
