"""Polite, conditional HTTP GETs for the website source (httpx; safe to call from several threads).

Polite: per host (origin) at most ``per_host`` requests in flight (2 by default), their starts at
least ``interval`` seconds apart (raised to the site's ``Crawl-delay`` with ``pace``), a
User-Agent that names Vraagbaak, a size limit, and redirects followed by
hand so that every hop is checked against the allowed prefix and robots.txt *before* it is
requested. Conditional: a URL with a stored copy is asked for with ``If-None-Match`` /
``If-Modified-Since``; a ``304`` hands back the stored bytes, so the page yields the same
chunks as before and nothing is re-embedded.

httpx's exceptions stop here: they become ``FetchError`` (``raise ... from``), with the HTTP
status when there was one.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from knowledge.web.cache import CachedPage, PageCache
from knowledge.web.errors import FetchError
from knowledge.web.urls import normalize_url, origin

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Checks a redirect target before it is requested: a reason to refuse it, or None.
HopCheck = Callable[[str], str | None]


class FetchKind(enum.Enum):
    """How a URL answered."""

    FRESH = "fetched"
    NOT_MODIFIED = "not_modified"
    GONE = "gone"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one URL: its bytes for FRESH and NOT_MODIFIED, a reason for REFUSED."""

    url: str
    kind: FetchKind
    body: bytes = b""
    content_type: str = ""
    final_url: str = ""
    reason: str = ""
    robots: str = ""  # the X-Robots-Tag header of a fresh response ("noindex, nofollow"), lower case


@dataclass
class _Host:
    """One origin's share of politeness: its slots, its pace, and when the last request started."""

    slots: threading.BoundedSemaphore
    interval: float
    turn: threading.Lock = field(default_factory=threading.Lock)
    last: float | None = None


class PoliteFetcher:
    """GETs through one ``httpx.Client``; the client's headers carry the User-Agent."""

    def __init__(
        self,
        client: httpx.Client,
        cache: PageCache,
        *,
        interval: float,
        max_bytes: int,
        per_host: int = 2,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if interval < 0 or max_bytes < 1 or per_host < 1:
            raise ValueError(f"need interval >= 0, max_bytes >= 1 and per_host >= 1, got {interval!r}, "
                             f"{max_bytes!r}, {per_host!r}")  # fmt: skip
        self._client = client
        self._cache = cache
        self.interval = interval
        self._max_bytes = max_bytes
        self._per_host = per_host
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()  # the host table, the request count and the page cache
        self.requests = 0

    def pace(self, url: str, interval: float) -> None:
        """Requests to ``url``'s host start at least ``interval`` seconds apart (never below the default)."""
        self._host(url).interval = max(self.interval, interval)

    def fetch(self, url: str, *, check_hop: HopCheck | None = None) -> Fetched:
        """Fetch ``url`` (conditionally when a copy is stored); raises FetchError on failure."""
        with self._lock:
            cached = self._cache.get(url)
            stored = self._cache.body(cached) if cached else None
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            headers = _conditional_headers(cached) if stored is not None and current == url else {}
            with self._slot(current):
                response = self._send(current, headers)
                try:
                    outcome = self._answer(url, current, response, cached, stored)
                finally:
                    response.close()
            if isinstance(outcome, Fetched):
                return outcome
            reason = check_hop(outcome) if check_hop else None
            if reason:
                return Fetched(url, FetchKind.REFUSED, final_url=outcome, reason=f"redirected to {outcome}: {reason}")
            current = outcome
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _answer(
        self,
        url: str,
        current: str,
        response: httpx.Response,
        cached: CachedPage | None,
        stored: bytes | None,
    ) -> Fetched | str:
        """What one response means: a final outcome, or the next URL of a redirect."""
        status = response.status_code
        if status in _REDIRECTS and "location" in response.headers:
            target = normalize_url(response.headers["location"], current)
            if target is None:
                raise FetchError(f"redirect to an unusable location {response.headers['location']!r}")
            return target
        if status == 304 and cached is not None and stored is not None:
            with self._lock:
                self._cache.keep(cached, etag=response.headers.get("etag"),
                                 last_modified=response.headers.get("last-modified"))  # fmt: skip
            return Fetched(url, FetchKind.NOT_MODIFIED, stored, cached.content_type, current)
        if status in (404, 410):
            return Fetched(url, FetchKind.GONE, final_url=current, reason=f"HTTP {status}")
        if status != 200:
            raise FetchError(f"HTTP {status}", status=status)
        body = self._read(response)
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        with self._lock:
            self._cache.put(url, body, content_type, response.headers.get("etag"),
                            response.headers.get("last-modified"))  # fmt: skip
        robots = ", ".join(response.headers.get_list("x-robots-tag")).lower()
        return Fetched(url, FetchKind.FRESH, body, content_type, current, robots=robots)

    def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        with self._lock:
            self.requests += 1
        try:
            return self._client.send(self._client.build_request("GET", url, headers=headers), stream=True)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc

    def _host(self, url: str) -> _Host:
        key = origin(url)
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(threading.BoundedSemaphore(self._per_host), self.interval)
            return self._hosts[key]

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's slots for a whole request (body included), started in its turn.

        The turn lock is held only while waiting out the interval, so starts are spaced and up
        to ``per_host`` requests overlap once started.
        """
        host = self._host(url)
        with host.slots:
            with host.turn:
                now = self._clock()
                if host.last is not None and host.interval > 0:
                    delay = host.last + host.interval - now
                    if delay > 0:
                        self._sleep(delay)
                        now = self._clock()
                host.last = now
            yield

    def _read(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise FetchError(f"response of {int(declared)} bytes exceeds the limit of {self._max_bytes}")
        parts: list[bytes] = []
        size = 0
        try:
            for part in response.iter_bytes():
                size += len(part)
                if size > self._max_bytes:
                    raise FetchError(f"response exceeds the limit of {self._max_bytes} bytes")
                parts.append(part)
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        return b"".join(parts)


def _conditional_headers(page: CachedPage | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if page is not None and page.etag:
        headers["If-None-Match"] = page.etag
    if page is not None and page.last_modified:
        headers["If-Modified-Since"] = page.last_modified
    return headers
