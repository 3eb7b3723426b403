"""What one website source is: where to start, what it may touch, and how politely."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.web.urls import UrlScope, normalize_url

DEFAULT_USER_AGENT = "Vraagbaak (VVSG helpdesk bot)"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True, slots=True)
class WebsiteConfig:
    """A website source; the constructor validates, so a bad value names itself at start.

    Exactly one of ``sitemap`` (its pages, plus PDF/DOCX files they link to) and
    ``start_urls`` (follow links from there) says what to crawl; ``allowed_prefixes`` says
    what may be requested at all.
    """

    name: str
    allowed_prefixes: tuple[str, ...]
    sitemap: str | None = None
    start_urls: tuple[str, ...] = ()
    max_pages: int = 500
    request_interval: float = 1.0
    per_host_concurrency: int = 2
    timeout: float = 30.0
    max_bytes: int = 25_000_000
    user_agent: str = DEFAULT_USER_AGENT

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"source name must be lowercase letters, digits, '-' or '_', got {self.name!r}")
        UrlScope(self.allowed_prefixes)  # raises ValueError naming a bad prefix
        if (self.sitemap is None) == (not self.start_urls):
            raise ValueError(f"website source {self.name!r} needs exactly one of sitemap and start_urls")
        for url in (self.sitemap, *self.start_urls):
            if url is not None and normalize_url(url) is None:
                raise ValueError(f"website source {self.name!r}: not an http(s) URL: {url!r}")
        if self.per_host_concurrency < 1:
            raise ValueError(f"website source {self.name!r}: per_host_concurrency must be >= 1, "
                             f"got {self.per_host_concurrency!r}")  # fmt: skip
        if self.max_pages < 1 or self.request_interval < 0 or self.timeout <= 0 or self.max_bytes < 1:
            raise ValueError(
                f"website source {self.name!r}: need max_pages >= 1, request_interval >= 0, timeout > 0 "
                f"and max_bytes >= 1, got {self.max_pages!r}, {self.request_interval!r}, {self.timeout!r}, "
                f"{self.max_bytes!r}"
            )
        if "vraagbaak" not in self.user_agent.lower():
            raise ValueError(f"the User-Agent must name Vraagbaak, got {self.user_agent!r}")

    @property
    def scope(self) -> UrlScope:
        return UrlScope(self.allowed_prefixes)
