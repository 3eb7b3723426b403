"""``vraagbaak report --year YYYY [--json|--csv]``: the workspace's yearly figures at a terminal."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bot.cli.context import state
from bot.errors import UsageProblem
from bot.storage import Storage
from bot.workspace import ThemeCatalog, build_report
from bot.workspace.export import figure_rows, government_rows, theme_rows, to_csv


def report(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", min=2000, max=2200, help="Calendar year (Brussels time).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the /api/report JSON object.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (figures, themes, local governments).")] = False,
) -> None:
    """The helpdesk's figures for a year: questions, bot vs staff, local governments, themes."""
    if as_json and as_csv:
        raise UsageProblem("give --json or --csv, not both")
    settings = state(ctx).settings
    storage = Storage.open(settings.resolved_database_url)
    try:
        storage.database.upgrade()
        themes = ThemeCatalog.from_knowledge_dir(settings.knowledge_dir)
        target = settings.response_target_hours
        figures = build_report(storage, year, themes, zone=settings.timezone, response_target_hours=target)
    finally:
        storage.database.dispose()
    if as_json:
        typer.echo(json.dumps(figures.to_json(), ensure_ascii=False))
    elif as_csv:
        typer.echo(to_csv(figures), nl=False)
    else:
        lines = [f"{label}: {'-' if value is None else value}" for label, value in figure_rows(figures)]
        lines += ["", "Themes:"] + [f"  {name}: {q} questions, {t} tickets" for name, q, t in theme_rows(figures)]
        lines += ["", "Local governments:"] + [
            f"  {n}: {q} questions, {t} tickets" for n, q, t in government_rows(figures)
        ]
        typer.echo("\n".join(lines))
