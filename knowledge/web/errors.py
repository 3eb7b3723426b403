"""Errors of the website source.

KnowledgeError (knowledge.errors)
└── WebSourceError       the website as a whole cannot be crawled (robots.txt or sitemap
    │                    unreachable, nothing reachable at all): the caller keeps the
    │                    documents of the previous run instead of dropping them
    └── FetchError       one URL could not be fetched; caught per URL, reported, and the
                         stored copy (if any) is used instead
"""

from __future__ import annotations

from knowledge.errors import KnowledgeError


class WebSourceError(KnowledgeError):
    """The whole website source failed; no page of it can be trusted this run."""


class FetchError(WebSourceError):
    """A single request failed (network error, 5xx, too large); the crawl goes on."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
