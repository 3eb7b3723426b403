"""The bot's own HTTP server: the Telegram webhook beside ``/healthz``, ``/readyz`` and ``/metrics``.

Replaces PTB's built-in webhook server (Tornado, webhook only) with a Starlette app on
uvicorn, after PTB's ``examples/customwebhookbot/starlettebot.py``: the webhook route checks
Telegram's secret-token header and hands the update to the Application's own update processor
(the handlers run exactly as for a polled update), answering 200 once it was handled. A
polling bot serves the same health routes on a port of its own (``health_port``).
``health_routes`` is what another Starlette app (the staff workspace) mounts to answer them too.

Contract (DESIGN.md): ``GET /healthz`` 200 while the process lives; ``GET /readyz`` 200 when
ready, else 503 with a JSON reason; ``GET /metrics`` Prometheus text, names ``vraagbaak_*``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.ops import Readiness, render
from bot.ops.metrics import UPDATES
from bot.storage import InboxRepository, StorageError
from bot.telegram.context import BotApplication
from bot.telegram.errors import ServerStartError
from bot.telegram.intake import InboxNotReady, store_update

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
START_TIMEOUT_S = 10.0


def health_routes(readiness: Readiness) -> list[Route]:
    """``/healthz``, ``/readyz`` and ``/metrics``, for any Starlette app to mount."""

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def readyz(request: Request) -> Response:
        report = await asyncio.to_thread(readiness.report)  # the database check blocks
        return JSONResponse(report.to_json(), status_code=200 if report.ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = render()
        return Response(body, media_type=content_type)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]


def webhook_route(application: BotApplication, path: str, secret: str) -> Route:
    """``POST /<path>``: Telegram's updates, refused (403) without the right secret header."""
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not secrets.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            update = Update.de_json(await request.json(), application.bot)
        except ValueError:
            return Response(status_code=400)
        UPDATES.inc()
        # Stored (redacted) before anything else: no 200 for an update the inbox does not hold,
        # so Telegram resends one the database refused. Then handled before the 200, through the
        # Application's update processor (its concurrency limit holds); a replica killed
        # mid-update leaves it stored, and a redelivery (maybe to the other replica) or the
        # resume job handles it.
        try:
            await store_update(inbox_of(application), update)
        except (InboxNotReady, StorageError) as exc:
            logger.warning("Update %s not stored (%s); Telegram will resend it", update.update_id, type(exc).__name__)
            return Response(status_code=503)
        await application.update_processor.process_update(update, application.process_update(update))
        return Response()

    return Route("/" + path.lstrip("/"), telegram, methods=["POST"])


def inbox_of(application: BotApplication) -> InboxRepository | None:
    """The inbox once the services are loaded."""
    services = application.bot_data.services
    return services.storage.inbox if services is not None else None


class HttpServer:
    """uvicorn serving one Starlette app inside the running event loop; ``start`` / ``stop``."""

    def __init__(self, routes: list[Route], host: str, port: int) -> None:
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be 0-65535, got {port!r}")
        config = uvicorn.Config(Starlette(routes=routes), host=host, port=port, log_config=None,
                                access_log=False, lifespan="off", server_header=False)  # fmt: skip
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[Any] | None = None
        self.where = f"{host}:{port}"

    async def start(self) -> None:
        """Listen; ``ServerStartError`` when the port cannot be bound (uvicorn exits on that)."""
        self._task = asyncio.create_task(self._serve())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT_S
        while not self._server.started:
            if self._task.done() or loop.time() > deadline:
                await self.stop()
                raise ServerStartError(f"the HTTP server could not listen on {self.where}")
            await asyncio.sleep(0.01)
        logger.info("HTTP server listening on %s", self.where)

    async def stop(self) -> None:
        if self._task is None:
            return
        self._server.should_exit = True
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None

    async def _serve(self) -> None:
        try:
            await self._server.serve()
        except SystemExit as exc:  # uvicorn calls sys.exit(1) when it cannot bind
            logger.error("HTTP server on %s stopped at start (exit %s)", self.where, exc.code)
