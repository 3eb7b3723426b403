"""Composition root of the staff workspace: the Starlette app, its routes and its headers.

``create_app`` takes a ready ``Workspace`` (tests and ``vraagbaak run`` pass theirs);
``bot.web.server`` builds one from the settings and serves the app with uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web import auth, knowledge, reports, tickets
from bot.web.guard import WebState
from bot.web.sessions import SessionSigner
from bot.workspace import Workspace

HERE = Path(__file__).resolve().parent
# No inline or outside scripts (htmx is served from /static); pygal's inline SVG styles need 'unsafe-inline'.
SECURITY_HEADERS = {
    b"content-security-policy": b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    b"cache-control": b"no-store",
}


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in SECURITY_HEADERS]
                static = scope["path"].startswith("/static/")
                headers += [(k, v) for k, v in SECURITY_HEADERS.items() if not (static and k == b"cache-control")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


async def healthz(request: Request) -> Response:
    """200 while the process lives; no login needed."""
    return PlainTextResponse("ok")


def routes() -> list[Route | Mount]:
    """Every URL of the workspace."""
    post = ["POST"]
    return [
        Route("/healthz", healthz),
        Route("/login", auth.login_form, methods=["GET"]),
        Route("/login", auth.login, methods=post),
        Route("/logout", auth.logout, methods=post),
        Route("/", tickets.inbox),
        Route("/tickets/{ticket_id:int}", tickets.ticket),
        Route("/tickets/{ticket_id:int}/claim", tickets.claim, methods=post),
        Route("/tickets/{ticket_id:int}/assign", tickets.assign, methods=post),
        Route("/tickets/{ticket_id:int}/answer", tickets.answer, methods=post),
        Route("/tickets/{ticket_id:int}/close", tickets.close, methods=post),
        Route("/tickets/{ticket_id:int}/note", tickets.note, methods=post),
        Route("/tickets/{ticket_id:int}/faq", tickets.make_faq, methods=post),
        Route("/faq", knowledge.drafts),
        Route("/faq/{draft_id:int}/edit", knowledge.edit_draft, methods=post),
        Route("/faq/{draft_id:int}/approve", knowledge.approve_draft, methods=post),
        Route("/faq/{draft_id:int}/reject", knowledge.reject_draft, methods=post),
        Route("/kennis", knowledge.index_status),
        Route("/kennis/reindex", knowledge.start_reindex, methods=post),
        Route("/kennis/rollback", knowledge.roll_back, methods=post),
        Route("/standaardantwoorden", knowledge.canned),
        Route("/standaardantwoorden", knowledge.add_canned, methods=post),
        Route("/standaardantwoorden/{reply_id:int}/delete", knowledge.delete_canned, methods=post),
        Route("/reports", reports.report_page),
        Route("/reports/{year:int}.csv", reports.report_csv),
        Route("/reports/{year:int}.xlsx", reports.report_xlsx),
        Route("/api/report", reports.report_api),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]


def create_app(workspace: Workspace, secret: str) -> Starlette:
    """The workspace app over ``workspace``; ``secret`` signs the session cookies."""
    app = Starlette(routes=routes(), middleware=[Middleware(SecurityHeaders)])
    templates = Jinja2Templates(directory=HERE / "templates")
    zone = ZoneInfo(workspace.settings.timezone)
    templates.env.filters["lokaal"] = lambda moment: moment.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    app.state.web = WebState(workspace, SessionSigner(secret), templates)
    return app
