"""The knowledge sources of one installation, loaded for a reindex, each with its own result.

Sources, in order: the knowledge root (``knowledge_dir``, doc ids without prefix), every
``[[sources]]`` table of the configuration, and the staff-approved FAQ folder
(``<data dir>/staff-faq``, doc ids ``staff-faq/...``; absent until staff approve an answer).

A source that fails as a whole (its folder is gone, the website or its robots.txt is
unreachable) must not empty the index overnight: its documents of the served version are
kept, and the failure is reported. Which served documents belong to which source is decided
by doc-id prefix, the longest match winning (the knowledge root, prefix ``""``, owns the
rest). A run in which *every* source failed publishes nothing (its error is raised).
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import httpx

from bot.reindex.errors import NothingToIndex
from bot.settings import Settings
from bot.settings.sources import FolderSourceSettings
from knowledge import Chunk, Chunker, FolderSource, KnowledgeError, LoadFailure, LoadResult, SkippedFile
from knowledge.web import WebSource

logger = logging.getLogger(__name__)

MAX_LISTED = 50  # failures / skipped files kept per source in a manifest


class SourceStatus(enum.Enum):
    """How a source did in one run."""

    OK = "ok"
    PARTIAL = "partial"  # loaded, but some files or pages failed
    FAILED = "failed"  # nothing loaded; its previous documents were kept


class KnowledgeSource(Protocol):
    """What a reindex needs from a source: a name, the doc ids it owns, and one read."""

    name: str
    kind: str
    location: str
    doc_id_prefixes: tuple[str, ...]

    def read(self) -> tuple[LoadResult, dict[str, int]]: ...


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """One source's result in one run: what the operator and the manifest are told."""

    name: str
    kind: str
    location: str
    status: SourceStatus
    documents: int = 0
    chunks: int = 0
    kept_chunks: int = 0
    failures: tuple[LoadFailure, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    stats: dict[str, int] = field(default_factory=dict)

    def to_json(self, *, limit: int | None = None) -> dict[str, Any]:
        """The manifest / ``--json`` form; ``limit`` caps the listed failures and skipped files."""
        return {
            "name": self.name, "kind": self.kind, "location": self.location, "status": self.status.value,
            "documents": self.documents, "chunks": self.chunks, "kept_chunks": self.kept_chunks,
            "failed": len(self.failures), "skipped": len(self.skipped), "seconds": round(self.seconds, 3),
            "error": self.error, "stats": dict(self.stats),
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures[:limit]],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Collected:
    """Every source's chunks together, the failures for the build report, and each outcome."""

    chunks: list[Chunk]
    failures: list[LoadFailure]
    outcomes: list[SourceOutcome]


class FolderKnowledge:
    """A folder of files (``FolderSource``); an optional one may simply not exist yet."""

    kind = "folder"

    def __init__(self, name: str, root: Path, prefix: str = "", *, optional: bool = False) -> None:
        self.name = name
        self.location = str(root)
        self.doc_id_prefixes: tuple[str, ...] = (prefix,)
        self._source = FolderSource(root, doc_id_prefix=prefix)
        self._optional = optional

    def read(self) -> tuple[LoadResult, dict[str, int]]:
        if self._optional and not self._source.root.exists():
            return LoadResult([], [], [], {}), {}
        result = self._source.load()
        return result, {"files": len(result.file_hashes)}


class WebsiteKnowledge:
    """A website (``knowledge.web.WebSource``) with its page cache in the data directory."""

    kind = "website"

    def __init__(self, source: WebSource) -> None:
        self.name = source.config.name
        self.location = source.config.sitemap or ", ".join(source.config.start_urls)
        self.doc_id_prefixes = source.doc_id_prefixes
        self._source = source

    def read(self) -> tuple[LoadResult, dict[str, int]]:
        crawl = self._source.crawl()
        return crawl.load, crawl.stats


def user_agent() -> str:
    """The User-Agent of every request: it names Vraagbaak and its version, as polite robots do."""
    try:
        version = metadata.version("vraagbaak")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"Vraagbaak/{version} (VVSG helpdesk bot)"


def configured_sources(settings: Settings, *, transport: httpx.BaseTransport | None = None) -> list[KnowledgeSource]:
    """The sources of this installation, in reindex order (``transport`` is for tests)."""
    sources: list[KnowledgeSource] = [FolderKnowledge("knowledge", settings.knowledge_dir)]
    for entry in settings.sources:
        if isinstance(entry, FolderSourceSettings):
            sources.append(FolderKnowledge(entry.name, entry.path, entry.prefix))
        else:
            cache_dir = settings.data_dir / "sources" / entry.name
            web = WebSource(entry.to_config(user_agent()), cache_dir, transport=transport)
            sources.append(WebsiteKnowledge(web))
    sources.append(FolderKnowledge("staff-faq", settings.staff_faq_dir, "staff-faq/", optional=True))
    return sources


def owner_of(doc_id: str, sources: Sequence[KnowledgeSource]) -> KnowledgeSource | None:
    """The source whose doc-id prefix is the longest one ``doc_id`` starts with."""
    best: tuple[int, KnowledgeSource] | None = None
    for source in sources:
        for prefix in source.doc_id_prefixes:
            if doc_id.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), source)
    return best[1] if best else None


def collect(
    sources: Sequence[KnowledgeSource],
    *,
    previous: Callable[[], list[Chunk]],
    chunker: Chunker | None = None,
    on_source: Callable[[str], None] | None = None,
) -> Collected:
    """Read and chunk every source; a failed one keeps its chunks from ``previous()`` (read once)."""
    chunker = chunker or Chunker()
    collected = Collected([], [], [])
    errors: list[KnowledgeError] = []
    served: list[Chunk] | None = None
    for source in sources:
        if on_source:
            on_source(source.name)
        started = time.perf_counter()
        try:
            result, stats = source.read()
        except KnowledgeError as exc:
            errors.append(exc)
            served = previous() if served is None else served
            kept = [chunk for chunk in served if owner_of(chunk.doc_id, sources) is source]
            _keep_failed(collected, source, exc, kept, time.perf_counter() - started)
            continue
        found = chunker.chunk(result.documents)
        collected.chunks.extend(found)
        collected.failures.extend(result.failures)
        status = SourceStatus.PARTIAL if result.failures else SourceStatus.OK
        collected.outcomes.append(SourceOutcome(
            source.name, source.kind, source.location, status, documents=len(result.documents),
            chunks=len(found), failures=tuple(result.failures), skipped=tuple(result.skipped),
            seconds=time.perf_counter() - started, stats=stats,
        ))  # fmt: skip
    if errors and (len(errors) == len(sources) or not collected.chunks):
        raise errors[0]
    if not collected.chunks:
        raise NothingToIndex(_nothing_line(collected))
    return collected


def _nothing_line(collected: Collected) -> str:
    """One line for an empty or all-broken corpus: where it looked and how many files failed."""
    where = ", ".join(f"{o.name} ({o.location})" for o in collected.outcomes) or "no source"
    failed = len(collected.failures)
    why = f"all {failed} files failed to load" if failed else "no documents found"
    return f"nothing to index in {where}: {why}; nothing was published"


def _keep_failed(
    collected: Collected, source: KnowledgeSource, exc: KnowledgeError, kept: list[Chunk], seconds: float
) -> None:
    """Record a source that failed as a whole, keeping its chunks of the served version."""
    logger.warning("Source %s failed (%s); keeping its %d served chunks", source.name, exc, len(kept))
    collected.chunks.extend(kept)
    collected.failures.append(LoadFailure(source.location, f"{exc}; kept {len(kept)} chunks of the served version"))
    collected.outcomes.append(SourceOutcome(source.name, source.kind, source.location, SourceStatus.FAILED,
                                            kept_chunks=len(kept), seconds=seconds, error=str(exc)))  # fmt: skip
