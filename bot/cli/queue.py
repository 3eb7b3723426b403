"""``vraagbaak queue list|show|answer|close``: the staff queue at a terminal.

An answer given here goes through the same outbox as one given in Telegram, so a running bot
delivers it within a second or so; nothing here talks to Telegram. Storage errors become one
line on stderr (exit 1) like every other expected failure.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from bot.cli.context import state
from bot.queue import Actor, QueueError, StaffQueue, TicketView
from bot.queue.render import age, snippet
from bot.storage import Storage, StorageError, TicketRecord

app = typer.Typer(help="The staff queue at a terminal: list, show, answer and close tickets.", no_args_is_help=True)

TicketArg = Annotated[int, typer.Argument(help="The ticket number (as in 'vraagbaak queue list').", min=1)]
NameOption = Annotated[
    str, typer.Option("--as", help="Your name, as the official's topic and the audit trail show it.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def _queue(ctx: typer.Context) -> Iterator[StaffQueue]:
    """The queue over the configured database (migrated first, as the bot does at start)."""
    settings = state(ctx).settings
    try:
        storage = Storage.open(settings.resolved_database_url)
        try:
            storage.database.upgrade()
            yield StaffQueue.over(storage, settings)
        finally:
            storage.database.dispose()
    except StorageError as exc:
        raise QueueError(str(exc)) from exc


@app.command("list")
def list_tickets(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Open and claimed tickets, oldest first, with age and assignee."""
    with _queue(ctx) as queue:
        tickets = queue.staff.open_tickets()
    if as_json:
        typer.echo(json.dumps([_ticket_json(ticket) for ticket in tickets], ensure_ascii=False))
        return
    if not tickets:
        typer.echo("No open tickets.")
    now = datetime.now(UTC)
    for ticket in tickets:
        holder = ticket.assignee_name or "-"
        line = f"{ticket.id:>5}  {age(now - ticket.created_at):>7}  {ticket.status.value:<8} {holder:<20} "
        typer.echo(line + snippet(ticket.question_text, 70))


@app.command()
def show(ctx: typer.Context, ticket: TicketArg, as_json: JsonOption = False) -> None:
    """One ticket: question, the bot's attempt and sources, and the whole conversation."""
    with _queue(ctx) as queue:
        view = queue.staff.view(ticket)
    typer.echo(json.dumps(_view_json(view), ensure_ascii=False) if as_json else _view_text(view))


@app.command()
def answer(
    ctx: typer.Context,
    ticket: TicketArg,
    text: Annotated[list[str], typer.Argument(help="The answer for the official (words are joined).")],
    name: NameOption = "Team Veiligheid",
    send_redacted: Annotated[
        bool, typer.Option("--send-redacted", help="Send the redacted version when the answer names a third person.")
    ] = False,
) -> None:
    """Answer the official; the running bot delivers it through the outbox (refused if it names a third person)."""
    message = " ".join(text).strip()
    if not message:
        raise typer.BadParameter("the answer is empty", param_hint="TEXT")
    with _queue(ctx) as queue:
        result = queue.staff.answer(ticket, Actor(None, name), message, redacted_ok=send_redacted)
    typer.echo(f"Ticket {ticket} answered ({result.ticket.status.value}); the bot delivers it to the official.")


@app.command()
def close(ctx: typer.Context, ticket: TicketArg, name: NameOption = "Team Veiligheid") -> None:
    """Close a ticket (the official is told, and may reply to reopen it)."""
    with _queue(ctx) as queue:
        queue.staff.close(ticket, Actor(None, name))
    typer.echo(f"Ticket {ticket} closed.")


def _ticket_json(ticket: TicketRecord) -> dict[str, Any]:
    return {
        "id": ticket.id, "status": ticket.status.value, "trigger": ticket.trigger.value,
        "question": ticket.question_text, "assignee": ticket.assignee_name,
        "created_at": ticket.created_at.isoformat(), "bot_confidence": ticket.bot_confidence,
    }  # fmt: skip


def _view_json(view: TicketView) -> dict[str, Any]:
    payload = _ticket_json(view.ticket)
    payload.update(
        local_government=view.official.local_government if view.official else None,
        bot_answer=view.ticket.bot_answer,
        bot_sources=list(view.ticket.bot_sources),
        messages=[
            {
                "author": m.author_kind.value,
                "name": m.author_name,
                "text": m.text,
                "at": m.created_at.isoformat(),
            }
            for m in view.messages
        ],
    )
    return payload


def _view_text(view: TicketView) -> str:
    ticket, official = view.ticket, view.official
    lines = [
        f"Ticket {ticket.id} ({ticket.status.value}, {ticket.trigger.value})",
        f"Assignee: {ticket.assignee_name or '-'}",
        f"Local government: {(official.local_government if official else None) or '-'}",
        f"Question: {ticket.question_text}",
        f"Bot (confidence {ticket.bot_confidence or 0:.2f}): {snippet(ticket.bot_answer or '-', 300)}",
        *(f"  source: {source.get('doc_id')}" for source in ticket.bot_sources),
        *(f"[{m.created_at:%Y-%m-%d %H:%M}] {m.author_name or m.author_kind.value}: {m.text}" for m in view.messages),
    ]
    return "\n".join(lines)
