"""The knowledge side: FAQ review (drafts from staff answers), canned replies, the index page."""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from bot.web.guard import action, blocking, field, go, page, render, web
from bot.web.sessions import Session
from bot.workspace import Staff

PLACEHOLDER = re.compile(r"\[[a-z][a-z -]{2,40}\]")


def marked(text: str) -> Markup:
    """Escaped text with the de-identification placeholders (``[telefoonnummer]``...) highlighted."""
    escaped = str(escape(text))
    return Markup(PLACEHOLDER.sub(lambda match: f'<mark class="redacted">{match.group(0)}</mark>', escaped))


@page
async def drafts(request: Request, staff: Staff, session: Session) -> Response:
    """Drafts waiting for review, editable, with what was scrubbed highlighted."""
    found = await blocking(web(request).workspace.drafts)
    return render(request, "faq.html", {"drafts": found, "marked": marked}, staff=staff, session=session)


@action
async def edit_draft(request: Request, staff: Staff, form: FormData) -> Response:
    draft_id = int(request.path_params["draft_id"])
    workspace = web(request).workspace
    await blocking(workspace.edit_draft, staff, draft_id, field(form, "question"), field(form, "faq_answer"))
    if "approve" in form:
        await blocking(workspace.approve_draft, staff, draft_id)
        return go("/faq", "approved")
    return go("/faq", "edited")


@action
async def approve_draft(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.approve_draft, staff, int(request.path_params["draft_id"]))
    return go("/faq", "approved")


@action
async def reject_draft(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.reject_draft, staff, int(request.path_params["draft_id"]))
    return go("/faq", "rejected")


@page
async def canned(request: Request, staff: Staff, session: Session) -> Response:
    """Canned replies: everyone reads them, admins keep them."""
    replies = await blocking(web(request).workspace.canned)
    return render(request, "canned.html", {"replies": replies}, staff=staff, session=session)


@action
async def add_canned(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.add_canned, staff, field(form, "title"), field(form, "text"))
    return go("/standaardantwoorden", "canned_added")


@action
async def delete_canned(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.delete_canned, staff, int(request.path_params["reply_id"]))
    return go("/standaardantwoorden", "canned_deleted")


@page
async def index_status(request: Request, staff: Staff, session: Session) -> Response:
    """The served index version, its sources, the last run and the kept versions."""
    status = await blocking(web(request).workspace.knowledge.status)
    return render(request, "knowledge.html", {"status": status}, staff=staff, session=session)


@action
async def start_reindex(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.knowledge.reindex, staff)
    return go("/kennis", "reindexing")


@action
async def roll_back(request: Request, staff: Staff, form: FormData) -> Response:
    await blocking(web(request).workspace.knowledge.rollback, staff, field(form, "version"))
    return go("/kennis", "rolled_back")
