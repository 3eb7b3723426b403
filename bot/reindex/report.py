"""A reindex report three ways: ``--json`` (the contract), text for a terminal, Dutch for staff.

The ``--json`` object (one line; documented in docs/reindexing.md)::

    {"version_id": "...", "previous_version_id": "...", "published": true,
     "reason": "changed" | "full" | "unchanged", "full": false,
     "documents": 51, "chunks": 412, "embedded": 3, "reused": 409,
     "added": [doc ids], "changed": [doc ids], "removed": [doc ids],
     "failed": [{"source": "...", "path": "...", "reason": "..."}],
     "skipped": [{"source": "...", "path": "...", "reason": "..."}],
     "sources": [{"name", "kind", "location", "status", "documents", "chunks", "kept_chunks",
                  "failed", "skipped", "seconds", "error", "stats", "failures"}],
     "started": "...", "finished": "...", "seconds": 12.3, "build_seconds": 9.8}

``failed`` lists what could not be read (with why) and sources that failed as a whole;
``skipped`` lists what was deliberately not indexed (unsupported type, robots.txt, outside the
allowed prefixes, page limit). Neither stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.reindex.sources import SourceOutcome, SourceStatus
from index import BuildReport
from knowledge import LoadFailure, SkippedFile

TEXT_LIST_LIMIT = 20
STAFF_LIST_LIMIT = 5
STAFF_MESSAGE_LIMIT = 3500  # a Telegram message holds 4096 characters


@dataclass(frozen=True, slots=True)
class ReindexReport:
    """What one run did: the build, each source's outcome, and when."""

    build: BuildReport
    sources: tuple[SourceOutcome, ...]
    full: bool
    started: datetime
    finished: datetime

    @property
    def seconds(self) -> float:
        return (self.finished - self.started).total_seconds()

    @property
    def failed(self) -> list[tuple[str, LoadFailure]]:
        """(source name, failure) for every file or page that failed, and every failed source."""
        rows: list[tuple[str, LoadFailure]] = []
        for outcome in self.sources:
            if outcome.status is SourceStatus.FAILED:
                reason = f"{outcome.error}; kept {outcome.kept_chunks} chunks of the served version"
                rows.append((outcome.name, LoadFailure(outcome.location, reason)))
            rows.extend((outcome.name, failure) for failure in outcome.failures)
        return rows

    @property
    def skipped(self) -> list[tuple[str, SkippedFile]]:
        return [(outcome.name, item) for outcome in self.sources for item in outcome.skipped]


def report_json(report: ReindexReport) -> dict[str, Any]:
    build = report.build
    return {
        "version_id": build.version_id, "previous_version_id": build.previous_version_id,
        "published": build.published, "reason": build.reason, "full": report.full,
        "documents": build.documents, "chunks": build.chunks,
        "embedded": build.embedded, "reused": build.reused,
        "added": build.added, "changed": build.changed, "removed": build.removed,
        "failed": [{"source": name, "path": f.path, "reason": f.reason} for name, f in report.failed],
        "skipped": [{"source": name, "path": s.path, "reason": s.reason} for name, s in report.skipped],
        "sources": [outcome.to_json() for outcome in report.sources],
        "started": report.started.isoformat(timespec="seconds"),
        "finished": report.finished.isoformat(timespec="seconds"),
        "seconds": round(report.seconds, 3), "build_seconds": round(build.seconds, 3),
    }  # fmt: skip


def render_text(report: ReindexReport) -> str:
    """The operator's summary on stdout (English, like the rest of the CLI)."""
    build = report.build
    if build.published:
        head = (f"Published index version {build.version_id}: {build.documents} documents, "
                f"{build.chunks} chunks ({build.embedded} embedded, {build.reused} reused) "
                f"in {report.seconds:.1f} s.")  # fmt: skip
    else:
        head = (f"Index unchanged (version {build.version_id}): {build.documents} documents, "
                f"{build.chunks} chunks; checked in {report.seconds:.1f} s.")  # fmt: skip
    lines = [head]
    for label, items in (("Added", build.added), ("Changed", build.changed), ("Removed", build.removed)):
        if items:
            lines.append(f"{label} ({len(items)}): " + _listed(items, TEXT_LIST_LIMIT, "and {n} more"))
    lines.extend(f"Source {outcome.name}: {_source_text(outcome)}" for outcome in report.sources)
    lines.extend(f"Failed {failure.path}: {failure.reason}" for _, failure in report.failed)
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} (not indexed on purpose; see --json).")
    return "\n".join(lines)


def _source_text(outcome: SourceOutcome) -> str:
    if outcome.status is SourceStatus.FAILED:
        return f"FAILED ({outcome.error}); kept {outcome.kept_chunks} chunks of the served version"
    stats = ", ".join(f"{key} {value}" for key, value in outcome.stats.items() if value)
    failed = f", {len(outcome.failures)} failed" if outcome.failures else ""
    return f"{outcome.status.value}, {outcome.documents} documents{failed} in {outcome.seconds:.1f} s" + (
        f" ({stats})" if stats else ""
    )


def summary_nl(report: ReindexReport) -> str:
    """A short Dutch summary for the staff chat: what changed, what failed and why, how long it took."""
    build = report.build
    took = _duration_nl(report.seconds)
    if build.published:
        lines = [f"Herindexering klaar ({took}): versie {build.version_id} is nu in gebruik."]
    else:
        lines = [f"Herindexering klaar ({took}): niets gewijzigd, "
                 f"versie {build.version_id} blijft in gebruik."]  # fmt: skip
    lines.append(f"Toegevoegd: {len(build.added)} · gewijzigd: {len(build.changed)} · "
                 f"verwijderd: {len(build.removed)} · mislukt: {len(report.failed)}")  # fmt: skip
    lists = (("Toegevoegd", build.added), ("Gewijzigd", build.changed), ("Verwijderd", build.removed))
    for label, items in lists:
        if items:
            lines.append(f"{label}: " + _listed(items, STAFF_LIST_LIMIT, "en nog {n}"))
    if report.failed:
        lines.append("Mislukt:")
        lines.extend(f"• {failure.path}: {failure.reason}" for _, failure in report.failed[:STAFF_LIST_LIMIT])
        if len(report.failed) > STAFF_LIST_LIMIT:
            lines.append(f"• … en nog {len(report.failed) - STAFF_LIST_LIMIT}")
    lines.append("Bronnen: " + " · ".join(_source_nl(outcome) for outcome in report.sources))
    text = "\n".join(lines)
    return text if len(text) <= STAFF_MESSAGE_LIMIT else text[: STAFF_MESSAGE_LIMIT - 1] + "…"


def _source_nl(outcome: SourceOutcome) -> str:
    if outcome.status is SourceStatus.FAILED:
        return f"{outcome.name}: MISLUKT ({outcome.error}), vorige inhoud behouden"
    parts = [f"{outcome.documents} {'document' if outcome.documents == 1 else 'documenten'}"]
    if outcome.failures:
        parts.append(f"{len(outcome.failures)} mislukt")
    if outcome.stats.get("not_modified"):
        parts.append(f"{outcome.stats['not_modified']} ongewijzigd op de site")
    return f"{outcome.name}: " + ", ".join(parts)


def _listed(items: list[str], limit: int, more: str) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", {more.format(n=len(items) - limit)}" if len(items) > limit else "")


def _duration_nl(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{max(whole, 0)} s" if seconds >= 1 else f"{seconds:.1f} s"
    minutes, rest = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {rest} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} u {minutes} min"
