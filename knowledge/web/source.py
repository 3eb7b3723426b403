"""A website as a knowledge source: crawl politely, reuse stored copies, yield Documents.

``WebSource(config, cache_dir).crawl()`` returns the same ``LoadResult`` a FolderSource does
(documents, failures, skipped, hashes), plus crawl statistics. What it requests:

1. ``robots.txt`` of every origin it touches (``knowledge.web.robots``);
2. the sitemap (and the child sitemaps of a sitemap index), or the start URLs;
3. each listed page inside the allowed prefixes that robots.txt allows, up to
   ``max_pages``; from each HTML page, the PDF and DOCX files it links to (sitemap mode) or
   every link inside the prefixes (start-URL mode). Nothing outside the prefixes is ever
   requested, redirects included.

What happens to a URL:
- 200: parsed by the loader for its content type (HTML, PDF, DOCX) and stored;
- 304: the stored copy is parsed, giving the same chunks as before: nothing is re-embedded;
- 404 or 410: the page is gone, so it is left out and its document disappears from the index;
- any other failure: the stored copy is used when there is one (reported as a failure with
  "using the copy fetched ..."), else the page is reported and left out. A temporary outage
  must not empty the index overnight.
When nothing at all could be fetched, the crawl raises WebSourceError instead of returning
an empty result, so the caller keeps the previous run's documents.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from knowledge.errors import LoaderError
from knowledge.loaders import Loader, load_docx, load_html, load_pdf, loader_for
from knowledge.models import Document, LoadFailure
from knowledge.source import LoadResult, SkippedFile
from knowledge.web.cache import PageCache
from knowledge.web.config import WebsiteConfig
from knowledge.web.discovery import page_links, parse_sitemap, robots_directives
from knowledge.web.errors import FetchError, WebSourceError
from knowledge.web.fetcher import Fetched, FetchKind, PoliteFetcher
from knowledge.web.robots import RobotsRules
from knowledge.web.urls import doc_id_for_url, looks_like_document, normalize_url, origin

logger = logging.getLogger(__name__)

OUTSIDE_PREFIX = "outside the allowed prefixes"
DISALLOWED = "disallowed by robots.txt"
NOINDEX = "noindex (robots meta tag or X-Robots-Tag)"
MAX_SITEMAPS = 50
WINDOW_PER_SLOT = 4  # fetches queued ahead per allowed slot; the fetcher keeps each host to its slots
# The counters of CrawlResult.stats, always all present: requests made (robots.txt and sitemaps
# included); then per listed or linked URL: visited, and how it answered (fetched = 200,
# not_modified = 304, stale = failed but the stored copy was used, gone = 404/410, failed),
# or why it was not requested (disallowed by robots.txt, outside the prefixes, over the limit);
# noindex = fetched but not indexed because the page or its X-Robots-Tag said so.
STAT_KEYS = ("requests", "visited", "fetched", "not_modified", "stale", "gone", "failed", "disallowed",
             "listed_outside_prefix", "outside_prefix", "over_limit", "noindex")  # fmt: skip
_BY_TYPE: dict[str, Loader] = {
    "text/html": load_html,
    "application/xhtml+xml": load_html,
    "application/pdf": load_pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": load_docx,
}
_UNTYPED = ("", "application/octet-stream", "binary/octet-stream", "application/download")
_WEB_SUFFIXES = (".pdf", ".docx", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """The documents of one crawl, and counts of how each URL answered (for the manifest)."""

    load: LoadResult
    stats: dict[str, int]


class WebSource:
    """One configured website; cheap to construct, ``crawl()`` does the network work."""

    def __init__(
        self,
        config: WebsiteConfig,
        cache_dir: Path,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.cache_dir = cache_dir
        self._transport = transport
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"WebSource({self.config.name!r}, {self.config.sitemap or self.config.start_urls!r})"

    @property
    def doc_id_prefixes(self) -> tuple[str, ...]:
        """Every doc id this source can produce starts with one of these."""
        return self.config.scope.doc_id_prefixes()

    def load(self) -> LoadResult:
        return self.crawl().load

    def crawl(self) -> CrawlResult:
        """Crawl the site; raises WebSourceError when the site as a whole is unusable."""
        started = time.perf_counter()
        cache = PageCache(self.cache_dir).load()
        headers = {"User-Agent": self.config.user_agent}
        with httpx.Client(headers=headers, timeout=self.config.timeout, transport=self._transport) as client:
            fetcher = PoliteFetcher(client, cache, interval=self.config.request_interval,
                                    max_bytes=self.config.max_bytes, per_host=self.config.per_host_concurrency,
                                    sleep=self._sleep)  # fmt: skip
            result = _Crawl(self.config, fetcher, cache).run()
        cache.commit()
        logger.info("Crawled %s in %.1fs: %s", self.config.name, time.perf_counter() - started, result.stats)
        return result


class _Crawl:
    """The state of one crawl; a fresh object per run."""

    def __init__(self, config: WebsiteConfig, fetcher: PoliteFetcher, cache: PageCache) -> None:
        self.config = config
        self.scope = config.scope
        self.fetcher = fetcher
        self.cache = cache
        self.robots = RobotsRules(lambda url: fetcher.fetch(url), cache, config.user_agent)
        self.robots_lock = threading.RLock()
        self.documents: list[Document] = []
        self.failures: list[LoadFailure] = []
        self.skipped: list[SkippedFile] = []
        self.hashes: dict[str, str] = {}
        self.stats: Counter[str] = Counter()
        self.seen: set[str] = set()
        self.outside: set[str] = set()
        self.queue: deque[tuple[str, bool]] = deque()

    def run(self) -> CrawlResult:
        seeds = self._sitemap_pages() if self.config.sitemap else self._start_urls()
        self.queue.extend((url, True) for url in seeds)
        window = self.config.per_host_concurrency * WINDOW_PER_SLOT
        with ThreadPoolExecutor(max_workers=window, thread_name_prefix=f"crawl-{self.config.name}") as pool:
            in_flight: deque[tuple[str, str, Future[Fetched | FetchError]]] = deque()
            while self.queue or in_flight:
                while self.queue and len(in_flight) < window:
                    url, listed = self.queue.popleft()
                    if self._admit(url, listed):
                        in_flight.append((url, doc_id_for_url(url), pool.submit(self._get, url)))
                if in_flight:
                    url, doc_id, future = in_flight.popleft()  # in order: the same crawl as one at a time
                    self._visit(url, doc_id, future.result())
        if self.stats["over_limit"]:
            self.skipped.append(SkippedFile(f"{self.stats['over_limit']} more URLs",
                                            f"page limit of {self.config.max_pages} reached"))  # fmt: skip
        reached = sum(self.stats[key] for key in ("fetched", "not_modified", "stale", "gone"))
        if not reached and self.failures:
            first = self.failures[0]
            message = f"{self.config.name}: nothing could be fetched ({first.path}: {first.reason})"
            raise WebSourceError(message)
        self.stats["requests"] = self.fetcher.requests
        self.stats["outside_prefix"] = len(self.outside)
        stats = {key: self.stats[key] for key in STAT_KEYS}
        self.failures.sort(key=lambda failure: failure.path)
        load = LoadResult(self.documents, self.failures, self.skipped, self.hashes)
        return CrawlResult(load, stats)

    def _start_urls(self) -> list[str]:
        return [url for url in (normalize_url(start) for start in self.config.start_urls) if url]

    def _sitemap_pages(self) -> list[str]:
        assert self.config.sitemap is not None
        root = normalize_url(self.config.sitemap)
        assert root is not None
        pending, done, pages = deque([root]), set[str](), list[str]()
        while pending and len(done) < MAX_SITEMAPS:
            url = pending.popleft()
            if url in done or origin(url) != origin(root):
                continue
            done.add(url)
            sitemap = parse_sitemap(self._fetch_sitemap(url), url)
            pages.extend(sitemap.pages)
            pending.extend(sitemap.sitemaps)
        return pages

    def _fetch_sitemap(self, url: str) -> bytes:
        try:
            fetched = self.fetcher.fetch(url)
        except FetchError as exc:
            stored = self._stored_copy(url, exc, report=False)
            if stored is None:
                raise WebSourceError(f"sitemap {url} unreachable: {exc}") from exc
            return stored.body
        if fetched.kind is not FetchKind.FRESH and fetched.kind is not FetchKind.NOT_MODIFIED:
            raise WebSourceError(f"sitemap {url} not available ({fetched.reason})")
        return fetched.body

    def _refusal(self, url: str) -> str | None:
        """Why ``url`` must not be requested, or None; checked before every request and redirect.

        Also called from worker threads (a redirect hop): robots.txt is read under a lock.
        """
        if url not in self.scope:
            return OUTSIDE_PREFIX
        with self.robots_lock:
            allowed = self.robots.allowed(url)
        return None if allowed else DISALLOWED

    def _admit(self, url: str, listed: bool) -> bool:
        """Whether ``url`` is requested: not seen, allowed, in scope, within the page limit."""
        doc_id = doc_id_for_url(url)
        if doc_id in self.seen:
            return False
        self.seen.add(doc_id)
        reason = self._refusal(url)
        if reason:
            self.stats["disallowed" if reason == DISALLOWED else "listed_outside_prefix"] += 1
            if reason == OUTSIDE_PREFIX:
                self.outside.add(url)
            if listed or reason == DISALLOWED:
                self.skipped.append(SkippedFile(url, reason))
            return False
        if self.stats["visited"] >= self.config.max_pages:
            self.stats["over_limit"] += 1
            return False
        self.stats["visited"] += 1
        with self.robots_lock:
            delay = self.robots.crawl_delay(url)
        self.fetcher.pace(url, delay)
        return True

    def _get(self, url: str) -> Fetched | FetchError:
        """The request itself, in a worker thread; the crawl's state is only touched by ``_visit``."""
        try:
            return self.fetcher.fetch(url, check_hop=self._refusal)
        except FetchError as exc:
            return exc

    def _visit(self, url: str, doc_id: str, outcome: Fetched | FetchError) -> None:
        fetched = self._fetched(url, outcome)
        if fetched is None:
            return
        if fetched.kind is FetchKind.GONE:
            logger.info("%s is gone (%s): its document leaves the index", url, fetched.reason)
            return
        if fetched.kind is FetchKind.REFUSED:
            self.skipped.append(SkippedFile(url, fetched.reason))
            return
        directives = _robots(fetched)
        if "noindex" in directives or "none" in directives:
            self.stats["noindex"] += 1
            self.skipped.append(SkippedFile(url, NOINDEX))
            loader = _loader_for(fetched.content_type, fetched.final_url or url)
        else:
            loader = self._index(url, doc_id, fetched)
        if loader is load_html and not {"nofollow", "none"} & directives:
            self._follow(fetched)

    def _fetched(self, url: str, outcome: Fetched | FetchError) -> Fetched | None:
        if isinstance(outcome, FetchError):
            return self._stored_copy(url, outcome, report=True)
        self.stats[outcome.kind.value] += 1
        return outcome

    def _stored_copy(self, url: str, exc: FetchError, *, report: bool) -> Fetched | None:
        """Fall back on the previous crawl's copy of ``url``; report the failure either way."""
        cached = self.cache.get(url)
        body = self.cache.body(cached) if cached else None
        if cached is None or body is None:
            self.stats["failed"] += 1
            if report:
                self.failures.append(LoadFailure(url, str(exc)))
            return None
        self.cache.keep(cached)
        self.stats["stale"] += 1
        self.failures.append(LoadFailure(url, f"{exc}; using the copy fetched {cached.fetched}"))
        return Fetched(url, FetchKind.NOT_MODIFIED, body, cached.content_type, url)

    def _index(self, url: str, doc_id: str, fetched: Fetched) -> Loader | None:
        loader = _loader_for(fetched.content_type, fetched.final_url or url)
        if loader is None:
            reason = f"unsupported content type {fetched.content_type or '(none)'!r}"
            self.skipped.append(SkippedFile(url, reason))
            return None
        self.hashes[doc_id] = hashlib.sha256(fetched.body).hexdigest()
        try:
            documents = loader(fetched.body, doc_id)
        except LoaderError as exc:
            self.failures.append(LoadFailure(url, str(exc)))
            return loader
        except Exception as exc:  # a parser bug must cost one page, not the whole crawl
            logger.exception("%s: unexpected error in the loader", url)
            self.failures.append(LoadFailure(url, f"unexpected error: {type(exc).__name__}: {exc}"))
            return loader
        self.documents.extend(_with_url(document, url) for document in documents)
        return loader

    def _follow(self, fetched: Fetched) -> None:
        for link in page_links(fetched.body, fetched.final_url or fetched.url):
            if link not in self.scope:
                self.outside.add(link)
            elif self.config.start_urls or looks_like_document(link):
                self.queue.append((link, False))


def _robots(fetched: Fetched) -> set[str]:
    """noindex / nofollow / none from the X-Robots-Tag header and, for HTML, the robots meta tag."""
    directives = {part.strip() for part in fetched.robots.split(",") if part.strip()}
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        directives |= robots_directives(fetched.body)
    return directives


def _loader_for(content_type: str, url: str) -> Loader | None:
    """The loader for a response: by content type, by URL suffix when the server gives none."""
    if content_type in _BY_TYPE:
        return _BY_TYPE[content_type]
    path = url.split("?", 1)[0].lower()
    if content_type in _UNTYPED and path.endswith(_WEB_SUFFIXES):
        return loader_for(path)
    return None


def _with_url(document: Document, url: str) -> Document:
    return document if document.url else replace(document, url=url)
