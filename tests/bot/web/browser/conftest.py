"""Real-browser tests: Debian's chromium driven by Playwright against uvicorn on 127.0.0.1.

The bot runs as in the queue tests (real PTB against the fake Bot API, the staff queue wired
in, SQLite); the workspace is served by a real uvicorn in a thread over the same database.
Chromium comes from the ``chromium`` Debian package (``.ci/run`` installs it); Playwright's
own browser download is never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.async_api import Browser, async_playwright

from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage
from bot.web import create_app
from bot.workspace import Role, Workspace
from tests.bot.queue.conftest import launch, queue_settings, stub  # noqa: F401  (fixtures)
from tests.support.workspace import PASSWORD, fast_accounts

from ..conftest import ADMIN_EMAIL, SECRET, STAFF_EMAIL

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """The queue fixtures' database: SQLite only for the browser tests."""
    return sqlite_url


@pytest.fixture
def published() -> list[int]:
    return []


@pytest.fixture
def browser_workspace(queue_settings: Settings, storage: Storage, published: list[int]) -> Workspace:  # noqa: F811
    made = Workspace(queue_settings, StaffQueue.over(storage, queue_settings), accounts=fast_accounts(storage),
                     reindex=lambda: published.append(1))  # fmt: skip
    made.accounts.add(STAFF_EMAIL, "Sara Peeters", PASSWORD, Role.STAFF)
    made.accounts.add(ADMIN_EMAIL, "Tom Janssens", PASSWORD, Role.ADMIN)
    return made


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def web_url(browser_workspace: Workspace) -> Iterator[str]:
    """The workspace served by uvicorn in a thread; its base URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(browser_workspace, SECRET), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium (apt-get install chromium); .ci/run does"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: ``WORKSPACE_SCREENSHOTS`` (to refresh docs/), else a temporary folder."""
    return Path(os.environ.get("WORKSPACE_SCREENSHOTS") or tmp_path)
