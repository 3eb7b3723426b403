"""The staff workspace in the browser: Starlette, Jinja2 templates, htmx served from ``static/``.

Thin handlers over ``bot.workspace``; the only package that imports the web framework.
Nothing here calls Telegram: a staff answer goes into the queue's outbox, which the running
bot delivers.
"""

from bot.web.app import create_app
from bot.web.server import (
    WorkspaceThread,
    build_workspace,
    opened_workspace,
    serve,
    start_beside_bot,
    uvicorn_server,
)

__all__ = [
    "WorkspaceThread",
    "build_workspace",
    "create_app",
    "opened_workspace",
    "serve",
    "start_beside_bot",
    "uvicorn_server",
]
