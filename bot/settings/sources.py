"""The ``[[sources]]`` tables of ``vraagbaak.toml``: extra folders and websites to index.

Two sources are always there and need no table: the knowledge root (``knowledge_dir``,
doc ids without prefix) and the staff-approved FAQ folder (``<data dir>/staff-faq``, doc
ids ``staff-faq/...``). A table adds one more; see ``vraagbaak.toml.example``.
These are pydantic models so that a bad value fails at start naming the key and value;
``bot.reindex.sources`` turns them into the knowledge package's own source objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.web import WebsiteConfig

RESERVED_NAMES = frozenset({"knowledge", "staff-faq"})
RESERVED_PREFIXES = ("web/", "staff-faq/")
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class FolderSourceSettings(BaseModel):
    """Another folder of knowledge files; its doc ids get ``prefix`` in front."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["folder"]
    name: str = Field(pattern=NAME_PATTERN, description="Short name, shown in reports.")
    path: Path
    prefix: str = Field(description="Doc-id prefix, a relative folder ending in '/': 'intern/'.")

    @model_validator(mode="after")
    def _check_prefix(self) -> FolderSourceSettings:
        from knowledge import FolderSource

        if not self.prefix:
            raise ValueError(f"folder source {self.name!r} needs a prefix, e.g. '{self.name}/'")
        if self.prefix.startswith(RESERVED_PREFIXES):
            raise ValueError(f"folder source {self.name!r}: prefix {self.prefix!r} is reserved")
        FolderSource(self.path, doc_id_prefix=self.prefix)  # raises ValueError naming a bad prefix
        return self


class WebsiteSourceSettings(BaseModel):
    """A website: a sitemap or start URLs, restricted to allowed URL prefixes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["website"]
    name: str = Field(pattern=NAME_PATTERN, description="Short name; cache in <data dir>/sources/<name>/.")
    sitemap: str | None = None
    start_urls: tuple[str, ...] = ()
    allowed_prefixes: tuple[str, ...] = Field(min_length=1)
    max_pages: int = Field(default=500, ge=1)
    request_interval: float = Field(default=1.0, ge=0, description="Seconds between two requests, at least.")
    per_host_concurrency: int = Field(default=2, ge=1, description="Requests in flight per host, at most.")
    timeout: float = Field(default=30.0, gt=0)
    max_bytes: int = Field(default=25_000_000, ge=1)
    user_agent: str | None = None

    @model_validator(mode="after")
    def _check(self) -> WebsiteSourceSettings:
        self.to_config("Vraagbaak")  # WebsiteConfig validates the rest, naming the bad value
        return self

    def to_config(self, default_user_agent: str) -> WebsiteConfig:
        return WebsiteConfig(
            name=self.name, allowed_prefixes=self.allowed_prefixes, sitemap=self.sitemap,
            start_urls=self.start_urls, max_pages=self.max_pages, request_interval=self.request_interval,
            timeout=self.timeout, max_bytes=self.max_bytes, user_agent=self.user_agent or default_user_agent,
            per_host_concurrency=self.per_host_concurrency,
        )  # fmt: skip


SourceSettings = Annotated[FolderSourceSettings | WebsiteSourceSettings, Field(discriminator="kind")]


def check_sources(sources: tuple[FolderSourceSettings | WebsiteSourceSettings, ...]) -> None:
    """Names unique and not reserved, folder prefixes unique: raises ValueError otherwise."""
    names = [source.name for source in sources]
    for name in names:
        if name in RESERVED_NAMES:
            raise ValueError(f"source name {name!r} is reserved for a built-in source")
        if names.count(name) > 1:
            raise ValueError(f"source name {name!r} is used twice")
    prefixes = [source.prefix for source in sources if isinstance(source, FolderSourceSettings)]
    for prefix in prefixes:
        if prefixes.count(prefix) > 1:
            raise ValueError(f"folder prefix {prefix!r} is used twice")
