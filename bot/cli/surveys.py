"""``vraagbaak themes survey create|results``: surveys at a terminal until the workspace has them.

A question is written ``KIND: question | option | option`` with KIND ``single``, ``multiple``
or ``text`` (no options), e.g. ``--question "single: Hebt u een LIVC R? | Ja | Nee"``.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.cli.context import state
from bot.errors import UsageProblem
from bot.storage import Storage, StorageError
from bot.themes import QuestionSpec, SurveyService, ThemesError

app = typer.Typer(help="Short surveys of officials: create one, read its results.", no_args_is_help=True)


def parse_question(spec: str) -> QuestionSpec:
    """``KIND: question | option | option`` as a QuestionSpec."""
    kind, colon, rest = spec.partition(":")
    if not colon:
        raise UsageProblem(f"question {spec!r}: write it as 'KIND: question | option | option'")
    parts = [part.strip() for part in rest.split("|")]
    return QuestionSpec(kind.strip().lower(), parts[0], tuple(part for part in parts[1:] if part))


def parse_deadline(value: str, timezone: str) -> datetime:
    """``YYYY-MM-DD`` (end of that day) or ``YYYY-MM-DDTHH:MM``, in ``timezone`` unless it says otherwise."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise UsageProblem(f"deadline {value!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc
    if len(value) == 10:
        moment = datetime.combine(moment.date(), time(23, 59))
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


def _service(storage: Storage, ctx: typer.Context) -> SurveyService:
    settings = state(ctx).settings
    return SurveyService.over(storage.database, cap_per_week=settings.push_cap_per_week, timezone=settings.timezone)


def _storage(ctx: typer.Context) -> Storage:
    try:
        storage = Storage.open(state(ctx).settings.resolved_database_url)
        storage.database.upgrade()
        return storage
    except StorageError as exc:
        raise ThemesError(str(exc)) from exc


@app.command()
def create(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The survey's title, in Dutch.")],
    question: Annotated[list[str], typer.Option("--question", help="'KIND: text | option | ...'; 1 to 5 times.")],
    deadline: Annotated[str, typer.Option("--deadline", help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time).")],
    theme: Annotated[list[str] | None, typer.Option("--theme", help="A theme slug; repeat; none: all.")] = None,
    author: Annotated[str | None, typer.Option("--as", help="Your name, for the record.")] = None,
) -> None:
    """Create a survey and invite the followers of its themes (or all followers)."""
    questions = [parse_question(spec) for spec in question]
    storage = _storage(ctx)
    try:
        until = parse_deadline(deadline, state(ctx).settings.timezone)
        survey_id, invited = _service(storage, ctx).create(title, questions, list(theme or []), until, author)
    finally:
        storage.database.dispose()
    typer.echo(f"Survey {survey_id} created; {invited} followers invited.")


@app.command()
def results(
    ctx: typer.Context,
    survey_id: Annotated[int, typer.Argument(help="The survey number.", min=1)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV: question, answer, count.")] = False,
) -> None:
    """Results per question: counts per option, and the free-text answers (personal data removed)."""
    storage = _storage(ctx)
    try:
        service = _service(storage, ctx)
        if as_csv:
            typer.echo(service.results_csv(survey_id).rstrip("\n"))
            return
        found = service.results(survey_id)
    finally:
        storage.database.dispose()
    if as_json:
        rows = [{"question": r.question.text, "kind": r.question.kind, "counts": r.counts, "texts": r.texts}
                for r in found]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for result in found:
        typer.echo(f"{result.question.position}. {result.question.text}")
        total = max(sum(result.counts.values()), 1)
        for option, count in result.counts.items():
            typer.echo(f"   {count:>4}  {'█' * round(20 * count / total):<20} {option}")
        for text in result.texts:
            typer.echo(f"   - {text}")
