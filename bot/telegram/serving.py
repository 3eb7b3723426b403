"""Running the Application: polling or our webhook server, the health port, until a signal.

``running`` is the one way the Application runs, in production (``serve_until_stopped``) and
in tests and benchmarks: start in PTB's order, stop in reverse. The HTTP server starts before
the model loads, so ``/healthz`` answers at once and ``/readyz`` says 503 until the bot is ready
(a container's health check and a load balancer see the truth while it warms up); Telegram is
told the webhook only once the bot can handle updates.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from telegram import Update

from bot.settings import Settings
from bot.telegram.context import BotApplication
from bot.telegram.durable import stop_taking
from bot.telegram.server import HttpServer, health_routes, webhook_route

logger = logging.getLogger(__name__)

STOP_WITHIN = 8.0  # seconds from the signal to the end of the process, at most (systemd waits 90)


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook server listens and what Telegram is told (URL and secret token).

    Telegram sends the secret in ``X-Telegram-Bot-Api-Secret-Token``; the server answers 403 to
    a request without it. Without a configured secret a random one is made per start (fine for
    one process; replicas behind one URL need the same configured secret).
    """
    assert settings.webhook_url is not None
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlparse(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def http_server(application: BotApplication, settings: Settings, options: dict[str, Any] | None) -> HttpServer | None:
    """The webhook server (with the health routes), the polling bot's health port, or none."""
    routes = health_routes(application.bot_data.readiness)
    if options is not None:
        routes.append(webhook_route(application, options["url_path"], options["secret_token"]))
        return HttpServer(routes, options["listen"], options["port"])
    if settings.health_port is not None:
        return HttpServer(routes, settings.health_listen, settings.health_port)
    return None


@asynccontextmanager
async def running(
    application: BotApplication, settings: Settings, *, poll_timeout: float = 10.0
) -> AsyncIterator[BotApplication]:
    """Run ``application`` in the current event loop, stopping in PTB's order."""
    updater = application.updater
    assert updater is not None, "the Application needs an Updater"
    options = webhook_options(settings) if settings.webhook_url else None
    server = http_server(application, settings, options)
    await application.initialize()
    try:
        if server is not None:
            await server.start()
        try:
            async with _started(application, settings, options, poll_timeout):
                yield application
        finally:
            if server is not None:
                await server.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


@asynccontextmanager
async def _started(
    application: BotApplication, settings: Settings, options: dict[str, Any] | None, poll_timeout: float
) -> AsyncIterator[None]:
    updater = application.updater
    assert updater is not None
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    try:
        if options is not None:
            await application.bot.set_webhook(options["webhook_url"], secret_token=options["secret_token"],
                                              allowed_updates=options["allowed_updates"])  # fmt: skip
        else:
            await updater.start_polling(timeout=timedelta(seconds=poll_timeout), allowed_updates=Update.ALL_TYPES)
        yield
    finally:
        if updater.running:
            await updater.stop()
        await application.stop()


def serve_until_stopped(application: BotApplication, settings: Settings) -> None:
    """``vraagbaak run``: run until SIGINT or SIGTERM (what systemd and containers send). Blocks."""
    asyncio.run(_until_signal(application, settings))


async def _until_signal(application: BotApplication, settings: Settings) -> None:
    """Run until a signal, then stop within ``STOP_WITHIN`` seconds.

    A signal stops the gate taking updates (what is stored stays for the next start), lets the
    updates in hand finish and stops PTB in order. Should that take too long (a long job, a
    hung send) the watchdog ends the process: every update not done is still in the inbox.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watchdog: threading.Timer | None = None
    try:
        async with running(application, settings):
            await stop.wait()
            logger.info("Stopping on a signal")
            stop_taking(application)
            watchdog = threading.Timer(STOP_WITHIN, _stop_now)
            watchdog.daemon = True
            watchdog.start()
    finally:
        if watchdog is not None:
            watchdog.cancel()
    logger.info("Stopped")


def _stop_now() -> None:
    """The watchdog: the stop took too long; what is not done stays stored for the next start."""
    logger.warning("Stop took over %.0f s; exiting now (unfinished updates stay stored)", STOP_WITHIN)
    logging.shutdown()
    os._exit(0)
