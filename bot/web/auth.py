"""Login and logout: the only pages without a session (besides ``/healthz``)."""

from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.web import messages
from bot.web.guard import blocking, current, field, problem, render, web
from bot.web.sessions import CSRF_FIELD, csrf_ok, new_session
from bot.workspace import LoginRefused, LoginThrottled


async def login_form(request: Request) -> Response:
    """The login form; a logged-in member goes straight to the inbox."""
    if await current(request) is not None:
        return RedirectResponse("/", status_code=303)
    signer = web(request).signer
    session = signer.read(request) or new_session(None)
    response = render(request, "login.html", {"email": ""}, session=session)
    signer.write(request, response, session)
    return response


async def login(request: Request) -> Response:
    """Check the address and password; a good login gets a new session (and a new CSRF token)."""
    state = web(request)
    session = state.signer.read(request)
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not csrf_ok(session, token if isinstance(token, str) else None):
        return problem(request, messages.CSRF_REFUSED, 403)
    email, password = field(form, "email"), field(form, "password")
    client = request.client.host if request.client else "-"
    try:
        account = await blocking(state.workspace.accounts.authenticate, email, password, client)
    except LoginThrottled as exc:
        error, status = messages.LOGIN_THROTTLED.format(minutes=max(1, math.ceil(exc.retry_after / 60))), 429
    except LoginRefused:
        error, status = messages.LOGIN_REFUSED, 400
    else:
        response = RedirectResponse("/", status_code=303)
        state.signer.write(request, response, new_session(account.id, account.password_hash))
        return response
    return render(request, "login.html", {"email": email, "error": error}, status_code=status, session=session)


async def logout(request: Request) -> Response:
    """Forget the session (the form carries the CSRF token, so no other site can log staff out)."""
    state = web(request)
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not csrf_ok(state.signer.read(request), token if isinstance(token, str) else None):
        return problem(request, messages.CSRF_REFUSED, 403)
    found = await current(request)
    if found is not None:
        await blocking(state.workspace.accounts.logged_out, found[0].account_id)
    response = RedirectResponse("/login?msg=logged_out", status_code=303)
    state.signer.clear(response)
    return response
