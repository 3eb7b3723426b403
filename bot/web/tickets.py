"""The inbox and the ticket page, and the one-click ticket actions behind their forms."""

from __future__ import annotations

import functools

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot.storage import HandoverTrigger, TicketStatus
from bot.web import messages as web_messages
from bot.web.guard import action, blocking, field, go, page, problem, render, web
from bot.web.knowledge import marked
from bot.web.sessions import CSRF_FIELD, Session
from bot.workspace import ActionFailed, InboxFilter, NeedsRedaction, Outcome, Staff
from bot.workspace import messages as labels

AGES = (0, 4, 24, 48, 168)


@page
async def inbox(request: Request, staff: Staff, session: Session) -> Response:
    """Tickets with filters; without filters the open and claimed ones, oldest first."""
    query = request.query_params
    chosen = InboxFilter(
        status=query.get("status", "active"), theme=query.get("theme", ""),
        local_government=query.get("gemeente", ""), assignee=query.get("toegewezen", ""),
        trigger=query.get("aanleiding", ""), older_than_hours=_int(query.get("ouder", "0")),
        search=query.get("q", "").strip()[:200],
    )  # fmt: skip
    workspace = web(request).workspace
    items = await blocking(workspace.inbox, chosen)
    choices = await blocking(workspace.filter_choices)
    context = {"items": items, "chosen": chosen, "choices": choices, "ages": AGES,
               "triggers": list(HandoverTrigger), "labels": labels}  # fmt: skip
    return render(request, "inbox.html", context, staff=staff, session=session)


@page
async def ticket(request: Request, staff: Staff, session: Session) -> Response:
    """One ticket: the question, the bot's attempt, the thread, notes, and the answer box."""
    state = web(request)
    ticket_id = int(request.path_params["ticket_id"])
    try:
        view = await blocking(state.workspace.ticket_page, ticket_id)
    except ActionFailed as exc:
        return problem(request, str(exc), 404, staff, session)
    accounts = await blocking(state.workspace.accounts.list)
    canned_id = _int(request.query_params.get("standaard", "0"))
    prefill = next((reply.text for reply in view.canned if reply.id == canned_id), "")
    context = {"page": view, "t": view.view.ticket, "official": view.view.official, "labels": labels,
               "names": [account.name for account in accounts], "outcomes": list(Outcome), "prefill": prefill,
               "active": view.view.ticket.status in (TicketStatus.OPEN, TicketStatus.CLAIMED)}  # fmt: skip
    return render(request, "ticket.html", context, staff=staff, session=session)


@action
async def claim(request: Request, staff: Staff, form: FormData) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    won = await blocking(web(request).workspace.claim, staff, ticket_id)
    return go(_back(form, ticket_id), "claimed" if won else "taken")


@action
async def assign(request: Request, staff: Staff, form: FormData) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    name = field(form, "assignee").strip()
    await blocking(web(request).workspace.assign, staff, ticket_id, name or None)
    return go(_back(form, ticket_id), "assigned" if name else "unclaimed")


@action
async def answer(request: Request, staff: Staff, form: FormData) -> Response:
    """Send the answer; one naming a third person first comes back redacted, to confirm."""
    ticket_id = int(request.path_params["ticket_id"])
    confirmed = field(form, "confirm") == "redacted"
    try:
        send = functools.partial(web(request).workspace.answer, redacted_ok=confirmed)
        await blocking(send, staff, ticket_id, field(form, "answer"))
    except NeedsRedaction as held:
        context = {"ticket_id": ticket_id, "redacted": held.redacted, "marked": marked, "csrf": field(form, CSRF_FIELD),
                   "explanation": web_messages.ANSWER_HELD.format(kinds=", ".join(held.kinds))}  # fmt: skip
        return render(request, "redaction.html", context, status_code=409, staff=staff)
    return go(f"/tickets/{ticket_id}", "answered")


@action
async def close(request: Request, staff: Staff, form: FormData) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    outcome = field(form, "outcome") or Outcome.ANSWERED.value
    if outcome not in set(Outcome):
        raise ActionFailed(labels.NOT_POSSIBLE.format(status=outcome[:20]))
    await blocking(web(request).workspace.close, staff, ticket_id, Outcome(outcome))
    return go(_back(form, ticket_id), "closed")


@action
async def note(request: Request, staff: Staff, form: FormData) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    await blocking(web(request).workspace.note, staff, ticket_id, field(form, "note"))
    return go(f"/tickets/{ticket_id}", "noted")


@action
async def make_faq(request: Request, staff: Staff, form: FormData) -> Response:
    ticket_id = int(request.path_params["ticket_id"])
    await blocking(web(request).workspace.make_faq, staff, ticket_id)
    return go("/faq", "drafted")


def _back(form: FormData, ticket_id: int) -> str:
    """Back to the inbox when the form came from there, else to the ticket."""
    return "/" if field(form, "from") == "inbox" else f"/tickets/{ticket_id}"


def _int(value: str) -> int:
    try:
        return max(0, int(value))
    except ValueError:
        return 0
