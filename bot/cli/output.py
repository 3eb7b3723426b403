"""How the CLI shows answers, reports and progress; kept apart so the commands stay short."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.answer.assistant import Assistant
from bot.answer.results import AnswerResult, Decision
from bot.reindex.report import ReindexReport, render_text, report_json
from bot.reindex.run import PhaseProgress
from bot.services import build_assistant
from bot.settings import Settings


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
    with progress_bar("Building the index (first run)") as progress:
        return build_assistant(settings, progress=progress)


def render_answer(result: AnswerResult) -> str:
    lines = [result.answer, ""]
    if result.sources:
        lines.append("Bronnen:" if result.decision is Decision.ANSWER else "Gevonden in de kennisbank:")
        for number, source in enumerate(result.sources, start=1):
            where = f" — {source.section}" if source.section and source.section != source.title else ""
            date = f" ({source.published.isoformat()})" if source.published else ""
            themes = f" {{{', '.join(source.themes)}}}" if source.themes else ""
            lines.append(f"  {number}. {source.title}{where}{date} [{source.doc_id}]{themes}")
    lines.append(f"(beslissing: {result.decision.value}, zekerheid {result.confidence:.2f})")
    return "\n".join(lines)


def render_report(report: ReindexReport, *, as_json: bool) -> str:
    """The reindex report: the ``--json`` contract (one line) or the operator's text."""
    return json.dumps(report_json(report), ensure_ascii=False) if as_json else render_text(report)


@contextmanager
def reindex_progress() -> Iterator[PhaseProgress | None]:
    """One bar that follows the phases of a reindex (reading each source, embedding) on a terminal.

    Under cron, systemd or in a pipe stderr is no terminal, and nothing at all is drawn.
    """
    if not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("Starting", total=None)

        def update(phase: str, done: int, total: int | None) -> None:
            progress.update(task, description=phase, completed=done, total=total)

        yield update
