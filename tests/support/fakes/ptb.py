"""Wiring real PTB objects to a ``FakeBotAPI``, plus pytest fixtures for it.

Why here: every test that runs the bot needs the same three steps (point PTB at the fake,
start polling fast, stop in the right order), and getting the order wrong leaves a polling task
behind. Enable the fixtures with ``pytest_plugins = ["tests.support.fakes.ptb"]`` in the top-level
``tests/conftest.py``, or import them into a package's ``conftest.py``
(``from tests.support.fakes.ptb import fake_bot, fake_bot_api``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder

from tests.support.fakes.bot_api import FakeBotAPI

TOKEN = "123456:TEST-token"


def builder_for(server: FakeBotAPI, token: str = TOKEN) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """An ``ApplicationBuilder`` whose bot talks to ``server``; add handlers/options, then build."""
    return ApplicationBuilder().token(token).base_url(server.base_url).base_file_url(server.base_file_url)


def bot_for(server: FakeBotAPI, token: str = TOKEN) -> Bot:
    """A plain ``Bot`` talking to ``server`` (use as ``async with``)."""
    return Bot(token, base_url=server.base_url, base_file_url=server.base_file_url)


@asynccontextmanager
async def polling(application: Application[Any, Any, Any, Any, Any, Any], *, timeout: int = 1) -> AsyncIterator[None]:
    """Run ``application`` with long polling for the block, then stop it in PTB's order.

    ``poll_interval=0`` and a short long-poll ``timeout`` keep tests fast; the fake answers a
    long poll the moment an update is enqueued, so the timeout only bounds idle polls.
    """
    async with application:
        await application.start()
        assert application.updater is not None, "build the Application with an Updater"
        await application.updater.start_polling(poll_interval=0, timeout=timeout)
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


@pytest.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotAPI]:
    """A started fake Bot API server, stopped after the test."""
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def fake_bot(fake_bot_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """An initialized PTB ``Bot`` connected to ``fake_bot_api``."""
    async with bot_for(fake_bot_api) as bot:
        yield bot
