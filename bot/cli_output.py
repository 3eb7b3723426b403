"""How the CLI shows answers, reports and progress; kept apart so the commands stay short."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from index import BuildReport

from .assistant import Assistant
from .results import AnswerResult, Decision
from .settings import Settings


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing at all under cron or in a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def load_assistant(settings: Settings) -> Assistant:
    from .services import build_assistant

    with progress_bar("Building the index (first run)") as progress:
        return build_assistant(settings, progress=progress)


def render_answer(result: AnswerResult) -> str:
    lines = [result.answer, ""]
    if result.sources:
        lines.append("Bronnen:" if result.decision is Decision.ANSWER else "Gevonden in de kennisbank:")
        for number, source in enumerate(result.sources, start=1):
            where = f" — {source.section}" if source.section and source.section != source.title else ""
            date = f" ({source.published.isoformat()})" if source.published else ""
            lines.append(f"  {number}. {source.title}{where}{date} [{source.doc_id}]")
    lines.append(f"(beslissing: {result.decision.value}, zekerheid {result.confidence:.2f})")
    return "\n".join(lines)


def render_report(report: BuildReport, *, as_json: bool) -> str:
    if as_json:
        payload = asdict(report)
        payload["skipped"] = [{"path": f.path, "reason": f.reason} for f in report.skipped]
        return json.dumps(payload, ensure_ascii=False)
    if not report.published:
        head = f"Index unchanged (version {report.version_id}): {report.documents} documents, {report.chunks} chunks."
    else:
        head = (
            f"Published index version {report.version_id}: {report.documents} documents, {report.chunks} chunks "
            f"({report.embedded} embedded, {report.reused} reused) in {report.seconds:.1f} s."
        )
    lines = [head]
    for label, items in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        if items:
            lines.append(f"{label.capitalize()} ({len(items)}): " + ", ".join(items))
    for failure in report.skipped:
        lines.append(f"Skipped {failure.path}: {failure.reason}")
    return "\n".join(lines)
