"""robots.txt per origin, read with ``urllib.robotparser`` and fetched like any other URL.

What an answer means (the convention of ``urllib.robotparser``, a bit stricter than RFC 9309):
- 200: the rules apply; the stored copy is reused on a 304;
- 401 or 403: the site does not want robots at all: nothing is fetched;
- 404, 410 or another 4xx: there are no rules: everything in the allowed prefix may be fetched;
- 5xx, 429 or a network error: the rules are unknown. The stored copy is used when there is
  one; otherwise the crawl stops with WebSourceError (and the caller keeps the documents of
  the previous run), because guessing "allowed" would be impolite and guessing
  "disallowed" would empty the index.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.robotparser import RobotFileParser

from knowledge.web.cache import PageCache
from knowledge.web.errors import FetchError, WebSourceError
from knowledge.web.fetcher import Fetched, FetchKind
from knowledge.web.urls import origin

logger = logging.getLogger(__name__)

_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


class RobotsRules:
    """The robots.txt rules of every origin the crawl touches, fetched once per crawl."""

    def __init__(self, fetch: Callable[[str], Fetched], cache: PageCache, user_agent: str) -> None:
        self._fetch = fetch
        self._cache = cache
        self._user_agent = user_agent
        self._parsers: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        return self._parser(url).can_fetch(self._user_agent, url)

    def crawl_delay(self, url: str) -> float:
        """The site's ``Crawl-delay`` for us in seconds, 0 when it sets none."""
        delay = self._parser(url).crawl_delay(self._user_agent)
        return float(delay) if delay else 0.0

    def _parser(self, url: str) -> RobotFileParser:
        key = origin(url)
        if key not in self._parsers:
            self._parsers[key] = self._read(key + "/robots.txt")
        return self._parsers[key]

    def _read(self, robots_url: str) -> RobotFileParser:
        parser = RobotFileParser(robots_url)
        try:
            fetched = self._fetch(robots_url)
        except FetchError as exc:
            if exc.status in (401, 403):
                parser.parse(_DISALLOW_ALL)
                return parser
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                parser.parse([])
                return parser
            return self._stored(parser, robots_url, exc)
        if fetched.kind is FetchKind.GONE:
            parser.parse([])
            return parser
        parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _stored(self, parser: RobotFileParser, robots_url: str, exc: FetchError) -> RobotFileParser:
        cached = self._cache.get(robots_url)
        body = self._cache.body(cached) if cached else None
        if cached is None or body is None:
            raise WebSourceError(f"robots.txt unreachable ({robots_url}: {exc}); crawl not started") from exc
        logger.warning("robots.txt unreachable (%s: %s); using the copy of %s", robots_url, exc,
                       cached.fetched)  # fmt: skip
        self._cache.keep(cached)
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser
