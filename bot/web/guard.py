"""Who is asking: the session behind a request, and the wrappers every page and form go through.

``page`` lets a logged-in staff member in and sends anyone else to the login page; ``action``
also checks the CSRF token of a POSTed form and turns a workspace refusal into a page that says
why; ``api`` answers 401 instead of redirecting. Nothing else decides access.
"""

from __future__ import annotations

import functools
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from bot.web import messages
from bot.web.sessions import CSRF_FIELD, CSRF_HEADER, Session, SessionSigner, csrf_ok, fingerprint
from bot.workspace import ActionFailed, Forbidden, Staff, Workspace

logger = logging.getLogger(__name__)

PageHandler = Callable[[Request, Staff, Session], Awaitable[Response]]
ActionHandler = Callable[[Request, Staff, FormData], Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class WebState:
    """What every handler needs, kept on ``app.state.web`` by the app factory."""

    workspace: Workspace
    signer: SessionSigner
    templates: Jinja2Templates


def web(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


async def current(request: Request) -> tuple[Staff, Session] | None:
    """The logged-in staff member and the session, or ``None``.

    The account is read again on every request: a removed account or a session older than
    the account's last password change (its fingerprint differs) is no longer valid.
    """
    state = web(request)
    session = state.signer.read(request)
    if session is None or session.account_id is None:
        return None
    account = await run_in_threadpool(state.workspace.accounts.get, session.account_id)
    if account is None or not hmac.compare_digest(fingerprint(account.password_hash), session.fingerprint):
        return None
    return Staff.of(account), session


def render(request: Request, template: str, context: Mapping[str, Any], *, status_code: int = 200,
           staff: Staff | None = None, session: Session | None = None) -> Response:  # fmt: skip
    """A page from ``template`` with the layout's values (staff, CSRF token, notice)."""
    values = {"staff": staff, "csrf": session.csrf if session else "", "csrf_field": CSRF_FIELD,
              "notice": messages.NOTICES.get(request.query_params.get("msg", "")), **context}  # fmt: skip
    return web(request).templates.TemplateResponse(request, template, values, status_code=status_code)


def page(handler: PageHandler) -> Callable[[Request], Awaitable[Response]]:
    """A page for logged-in staff; others go to the login page."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        found = await current(request)
        if found is None:
            return RedirectResponse("/login", status_code=303)
        return await handler(request, *found)

    return wrapper


def api(handler: PageHandler) -> Callable[[Request], Awaitable[Response]]:
    """A JSON endpoint for logged-in staff; others get 401."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        found = await current(request)
        if found is None:
            return JSONResponse({"error": messages.API_UNAUTHORISED}, status_code=401)
        return await handler(request, *found)

    return wrapper


def action(handler: ActionHandler) -> Callable[[Request], Awaitable[Response]]:
    """A POSTed form of a logged-in staff member, with a valid CSRF token."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        found = await current(request)
        if found is None:
            return RedirectResponse("/login", status_code=303)
        staff, session = found
        form = await request.form()
        submitted = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
        if not csrf_ok(session, submitted if isinstance(submitted, str) else None):
            logger.warning("Workspace form refused: bad CSRF token (account %s)", staff.account_id)
            return problem(request, messages.CSRF_REFUSED, 403, staff, session)
        try:
            return await handler(request, staff, form)
        except Forbidden as exc:
            return problem(request, str(exc), 403, staff, session)
        except ActionFailed as exc:
            return problem(request, str(exc), 409, staff, session)

    return wrapper


def problem(request: Request, text: str, status_code: int, staff: Staff | None = None,
            session: Session | None = None) -> Response:  # fmt: skip
    """A page that says what went wrong, with a way back."""
    return render(request, "problem.html", {"problem": text}, status_code=status_code, staff=staff, session=session)


def field(form: FormData, name: str) -> str:
    """A text field of a form ('' when absent or a file)."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def go(path: str, notice: str | None = None) -> RedirectResponse:
    """Redirect after a POST (303), with a notice key the next page shows."""
    return RedirectResponse(f"{path}?msg={notice}" if notice else path, status_code=303)


def blocking(function: Callable[..., Any], *args: Any) -> Awaitable[Any]:
    """Run a synchronous workspace call in the thread pool (database work blocks)."""
    return run_in_threadpool(function, *args)
