"""One reindex run: take the lock, read every source, build, publish, remember the result.

The order matters for two promises of ``vraagbaak reindex``:
- *a second run exits at once*: the build lock is taken before anything else, so a run that
  finds another one busy has not crawled a website or loaded a model first;
- *a crash or kill leaves the live version serving*: sources are read into memory and the
  page cache is replaced atomically; the version is written into a staging folder and only
  then published by replacing ``CURRENT`` (``index.store``). A kill anywhere before that
  leaves ``CURRENT`` untouched; the next run removes the dead staging folder.

Every finished run, published or not, is recorded in ``<index>/last-run.json``, and a
published version's manifest carries each source's result, for ``vraagbaak index status``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from bot.ops import record_reindex
from bot.reindex.report import ReindexReport, report_json
from bot.reindex.sources import MAX_LISTED, collect, configured_sources
from bot.settings import Settings
from index import Embedder, IndexBuilder, VersionStore
from index.chunk_codec import read_chunks
from knowledge import Chunk

logger = logging.getLogger(__name__)

# (phase label, done, total or None when unknown): drives the terminal progress bar.
PhaseProgress = Callable[[str, int, int | None], None]


class Reindexer:
    """Runs reindexes for one data directory; cheap to construct, ``run()`` does the work."""

    def __init__(
        self,
        settings: Settings,
        store: VersionStore,
        embedder: Embedder,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._store = store
        self._embedder = embedder
        self._transport = transport

    def run(self, *, full: bool = False, progress: PhaseProgress | None = None) -> ReindexReport:
        """Reindex every source; raises IndexLockedError at once when another run holds the lock."""
        started = datetime.now(UTC)
        with self._store.build_lock():
            try:
                report = self._run_locked(full, progress, started)
            except Exception as exc:
                record_reindex("failed", (datetime.now(UTC) - started).total_seconds())
                self._store.record_run({
                    "started": _iso(started), "finished": _iso(datetime.now(UTC)), "published": False,
                    "full": full, "error": f"{type(exc).__name__}: {exc}",
                })  # fmt: skip
                raise
        self._store.record_run(report_json(report))
        record_reindex("published" if report.build.published else "unchanged", report.seconds)
        logger.info("Reindex done in %.1fs: %s, %d added, %d changed, %d removed, %d failed", report.seconds,
                    "published " + str(report.build.version_id) if report.build.published else "unchanged",
                    len(report.build.added), len(report.build.changed), len(report.build.removed),
                    len(report.failed))  # fmt: skip
        return report

    def _run_locked(self, full: bool, progress: PhaseProgress | None, started: datetime) -> ReindexReport:
        sources = configured_sources(self._settings, transport=self._transport)

        def reading(name: str) -> None:
            if progress:
                progress(f"Reading {name}", 0, None)

        collected = collect(sources, previous=self._served_chunks, on_source=reading)
        finished = _iso(datetime.now(UTC))
        manifest_sources: dict[str, object] = {
            outcome.name: outcome.to_json(limit=MAX_LISTED) | {"finished": finished} for outcome in collected.outcomes
        }

        def embedding(done: int, total: int) -> None:
            if progress:
                progress("Embedding", done, total)

        builder = IndexBuilder(self._store, self._embedder, keep_versions=self._settings.keep_versions)
        build = builder.build(collected.chunks, failures=collected.failures, full=full, progress=embedding,
                              sources=manifest_sources, locked=True)  # fmt: skip
        return ReindexReport(build, tuple(collected.outcomes), full, started, datetime.now(UTC))

    def _served_chunks(self) -> list[Chunk]:
        """The chunks of the served version, for sources that failed this run (none before the first)."""
        if self._store.current_id() is None:
            return []
        folder, _ = self._store.current()
        try:
            return read_chunks(folder / "chunks.jsonl")
        except (OSError, ValueError) as exc:
            logger.warning("Served version unreadable, nothing to keep for failed sources: %s", exc)
            return []


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
