"""Serving the workspace with uvicorn: on its own (``vraagbaak web``) or beside the bot.

Beside the bot (``vraagbaak run`` with ``web_port`` set) uvicorn runs in a daemon thread with
its own event loop and its own database engine; the bot's outbox pump delivers what staff
answer here, so the two halves share nothing but the database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from bot import services
from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage
from bot.web.app import create_app
from bot.web.sessions import load_secret
from bot.workspace import Workspace

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8080


def build_workspace(settings: Settings, storage: Storage) -> Workspace:
    """The workspace over ``storage``; an FAQ approval publishes with an incremental reindex."""
    return Workspace(settings, StaffQueue.over(storage, settings), reindex=lambda: services.reindex(settings))


@contextmanager
def opened_workspace(settings: Settings) -> Iterator[Workspace]:
    """A workspace over the configured database (migrated first), closed afterwards."""
    storage = Storage.open(settings.resolved_database_url)
    try:
        storage.database.upgrade()
        yield build_workspace(settings, storage)
    finally:
        storage.database.dispose()


def uvicorn_server(settings: Settings, workspace: Workspace, port: int | None = None) -> uvicorn.Server:
    """A uvicorn server for the app (proxy headers trusted from localhost, for ``Secure`` cookies)."""
    secret = settings.web_secret.get_secret_value() if settings.web_secret else None
    app = create_app(workspace, load_secret(secret, settings.data_dir))
    config = uvicorn.Config(app, host=settings.web_listen, port=port or settings.web_port or DEFAULT_PORT,
                            proxy_headers=True, log_level="warning", access_log=False)  # fmt: skip
    return uvicorn.Server(config)


def serve(settings: Settings, port: int | None = None) -> None:
    """``vraagbaak web``: serve until interrupted."""
    with opened_workspace(settings) as workspace:
        server = uvicorn_server(settings, workspace, port)
        logger.info("Staff workspace on http://%s:%s/", settings.web_listen, server.config.port)
        server.run()


class WorkspaceThread(threading.Thread):
    """The workspace served in a daemon thread; ``stop()`` ends it (the bot's exit ends it too)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(name="workspace-web", daemon=True)
        self.settings = settings
        self.server: uvicorn.Server | None = None
        self.ready = threading.Event()

    def run(self) -> None:
        try:
            with opened_workspace(self.settings) as workspace:
                self.server = uvicorn_server(self.settings, workspace)
                self.ready.set()
                logger.info("Staff workspace on http://%s:%s/", self.settings.web_listen, self.server.config.port)
                self.server.run()
        finally:
            self.ready.set()

    def stop(self, timeout: float = 10.0) -> None:
        self.ready.wait(timeout)
        if self.server is not None:
            self.server.should_exit = True
        self.join(timeout)


def start_beside_bot(settings: Settings) -> WorkspaceThread:
    """Serve the workspace in a daemon thread (``vraagbaak run`` with ``web_port`` set)."""
    thread = WorkspaceThread(settings)
    thread.start()
    return thread
