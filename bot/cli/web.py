"""``vraagbaak web``: the staff workspace in the browser, served by uvicorn until interrupted."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.context import state
from bot.web import serve


def web(
    ctx: typer.Context,
    port: Annotated[
        int | None, typer.Option("--port", min=1, max=65535, help="Port (default VRAAGBAAK_WEB_PORT, else 8080).")
    ] = None,
) -> None:
    """Serve the staff workspace (address: VRAAGBAAK_WEB_LISTEN, default 127.0.0.1)."""
    settings = state(ctx).serve_logs()
    typer.echo(f"Staff workspace on http://{settings.web_listen}:{port or settings.web_port or 8080}/", err=True)
    serve(settings, port)
