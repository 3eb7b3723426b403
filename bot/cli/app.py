"""The ``vraagbaak`` command line: the root Typer app and its verbs, no logic of its own.

Expected failures print one line on stderr and exit 1; usage errors exit 2 (Click's own
convention); nothing an operator can cause ends in a traceback (``bot.cli.boundary``). The
settings are built once per command line, on first use, into ``ctx.obj`` (``bot.cli.context``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.cli import db as cli_db
from bot.cli import index as cli_index
from bot.cli import output as cli_output
from bot.cli import queue as cli_queue
from bot.cli import report as cli_report
from bot.cli import staff as cli_staff
from bot.cli import themes as cli_themes
from bot.cli import web as cli_web
from bot.cli.boundary import run_guarded
from bot.cli.chat import run_console
from bot.cli.context import CliState, state
from bot.cli.logfile import add_log_file
from bot.errors import BatchFileError, ConfigurationError, EmptyQuestionError, UsageProblem
from bot.ops import release_large_buffers, setup_logging
from bot.services import reindex as run_reindex
from bot.telegram.app import run_bot
from bot.web import start_beside_bot

PARTIAL_EXIT = 3  # reindex: published (or kept) but a source or file failed (DESIGN.md)

app = typer.Typer(
    name="vraagbaak",
    help="Vraagbaak: the VVSG helpdesk bot on radicalisation, polarisation and the LIVC R.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(cli_index.app, name="index")
app.add_typer(cli_queue.app, name="queue")
app.add_typer(cli_db.app, name="db")
app.add_typer(cli_themes.app, name="themes")
app.add_typer(cli_staff.app, name="staff")
app.command("web")(cli_web.web)
app.command("report")(cli_report.report)


@app.callback()
def root(ctx: typer.Context) -> None:
    """Vraagbaak: the VVSG helpdesk bot on radicalisation, polarisation and the LIVC R."""
    ctx.obj = CliState()


def _read_batch(path: Path) -> list[tuple[object, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchFileError(f"cannot read batch file {path}: {exc}") from exc
    items: list[tuple[object, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append((row.get("id"), str(row["question"])))
        except (ValueError, KeyError, AttributeError) as exc:
            raise BatchFileError(f"{path}:{number}: expected a JSON object with 'id' and 'question'") from exc
    return items


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Argument(help="The question, in Dutch.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON answer object(s).")] = False,
    k: Annotated[int | None, typer.Option("--k", min=1, max=50, help="Number of sources (default 5).")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSON lines file of {id, question}; needs --json.")
    ] = None,
) -> None:
    """Answer a question through the same pipeline the bot uses."""
    if batch is not None and question is not None:
        raise UsageProblem("give either a QUESTION or --batch FILE, not both")
    if batch is not None and not as_json:
        raise UsageProblem("--batch needs --json")
    if batch is None and question is None:
        raise UsageProblem("missing QUESTION (or --batch FILE with --json)")
    items = _read_batch(batch) if batch is not None else [(None, question or "")]
    if batch is None and not (question or "").strip():
        raise EmptyQuestionError("the question is empty: ask something, e.g. 'Wat is een LIVC R?'")
    assistant = cli_output.load_assistant(state(ctx).settings)
    for question_id, text in items:
        try:
            result = assistant.ask(text, k=k)
        except EmptyQuestionError:
            if batch is None:
                raise
            typer.echo(json.dumps({"id": question_id, "question": "", "error": "empty question"}, ensure_ascii=False))
            continue
        if as_json:
            typer.echo(json.dumps(result.to_json(question_id if batch is not None else None), ensure_ascii=False))
        else:
            typer.echo(cli_output.render_answer(result))


@app.command()
def reindex(
    ctx: typer.Context,
    full: Annotated[bool, typer.Option("--full", help="Re-embed everything instead of reusing vectors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """(Re)build the index from the configured sources and publish it.

    Incremental: only new or changed chunks are embedded. A second run while one is busy
    exits at once with status 1; a killed run leaves the served version as it was. Exit status:
    0 all sources fine, 1 handled error (nothing published), 3 a source or file failed (the
    report says which), so that cron notices.
    """
    settings = state(ctx).serve_logs()  # stage lines for cron and systemd logs: converting, embedding, publishing
    release_large_buffers()
    with cli_output.reindex_progress() as progress:
        report = run_reindex(settings, full=full, progress=progress)
    typer.echo(cli_output.render_report(report, as_json=as_json))
    if report.failed:
        raise typer.Exit(PARTIAL_EXIT)


@app.command()
def chat(ctx: typer.Context) -> None:
    """Console chat over the same pipeline (escalations go to the local staff queue)."""
    run_console(state(ctx).settings)


@app.command()
def run(ctx: typer.Context) -> None:
    """Run the Telegram bot (and the staff workspace when VRAAGBAAK_WEB_PORT is set); no token: a console chat."""
    current = state(ctx).serve_logs()
    if current.web_port is not None:  # one process for a small deployment: the workspace beside the bot
        start_beside_bot(current)
        typer.echo(f"Staff workspace on http://{current.web_listen}:{current.web_port}/", err=True)
    if current.telegram_token is None:
        if not sys.stdin.isatty():  # a service or container without its token: say so, do not chat with nobody
            raise ConfigurationError("VRAAGBAAK_TELEGRAM_TOKEN (or TELEGRAM_BOT_TOKEN) is not set and stdin is "
                                     "not a terminal: nothing to run")  # fmt: skip
        typer.echo("No Telegram token set (VRAAGBAAK_TELEGRAM_TOKEN): starting the console chat.", err=True)
        run_console(current)
        return
    if current.log_dir is not None:
        add_log_file(current.log_dir, current.retention_logs_days)
    run_bot(current)


def main() -> None:
    """Entry point: logs on stderr (warnings; INFO and up for the running services); Click handles
    usage errors (exit 2); expected failures are one line, exit 1."""
    setup_logging("WARNING")  # `run` and `web` switch to the configured level (INFO by default)
    run_guarded(app)
