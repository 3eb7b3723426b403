"""The real bot Application, built by its composition root, against the fake Bot API.

Every test here runs PTB for real (polling or webhook, rate limiter, handlers) with the real
Assistant (session fixture, so the model loads once) and real SQLite storage in the test's
own data directory. Helpers wait on the fake's call log instead of sleeping.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.answer.assistant import Assistant
from bot.answer.results import AnswerResult
from bot.settings import Settings
from bot.telegram import BotApplication, build_application, running
from tests.support.fakes import FakeBotAPI, RecordedCall
from tests.support.fakes.ptb import TOKEN

USER = 4242
OTHER = 5151
GROUP = -1001234500001
STAFF = -1009999900001

Launcher = Callable[..., AbstractAsyncContextManager[BotApplication]]


@dataclass
class SpyAssistant:
    """The real Assistant, recording each call, with canned results for chosen questions."""

    inner: Assistant
    canned: dict[str, AnswerResult] = field(default_factory=dict)
    calls: list[tuple[str, str | None]] = field(default_factory=list)

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        self.calls.append((question, context))
        if question in self.canned:
            return self.canned[question]
        return self.inner.ask(question, context=context, k=k, previous_chunk=previous_chunk)


@pytest.fixture
def bot_settings(make_settings: Callable[..., Settings], fake_bot_api: FakeBotAPI) -> Settings:
    return make_settings(
        VRAAGBAAK_TELEGRAM_TOKEN=TOKEN,
        telegram_base_url=fake_bot_api.base_url,
        telegram_base_file_url=fake_bot_api.base_file_url,
        staff_chat_id=STAFF,
    )


@pytest.fixture
def spy(assistant: Assistant) -> SpyAssistant:
    return SpyAssistant(assistant)


@pytest.fixture
def launch(bot_settings: Settings, spy: SpyAssistant) -> Launcher:
    """``async with launch(**parts) as app``: build and run the bot; stops it after the block."""

    def factory(settings: Settings | None = None, **parts: Any) -> AbstractAsyncContextManager[BotApplication]:
        parts.setdefault("assistant", spy)
        current = settings or bot_settings
        return running(build_application(current, **parts), current, poll_timeout=1)

    return factory


@pytest.fixture
async def bot(launch: Launcher) -> AsyncIterator[BotApplication]:
    async with launch() as app:
        yield app


@pytest.fixture
def db(bot_settings: Settings) -> Iterator[Callable[[str], list[tuple[Any, ...]]]]:
    """Run SQL on the bot's SQLite database (read only)."""
    path = Path(bot_settings.resolved_database_url.removeprefix("sqlite:///"))

    def query(sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute(sql).fetchall()

    yield query


def replies_to(server: FakeBotAPI, message_id: int) -> list[RecordedCall]:
    """Successful sendMessage calls that quote ``message_id``."""
    return [
        call
        for call in server.calls("sendMessage")
        if call.ok and (call.params.get("reply_parameters") or {}).get("message_id") == message_id
    ]


async def reply_to(server: FakeBotAPI, message_id: int, *, timeout: float = 10.0) -> RecordedCall:
    """Wait for the bot's (first) reply quoting ``message_id``."""
    await server.wait_for(lambda calls: bool(replies_to(server, message_id)), timeout=timeout)
    return replies_to(server, message_id)[0]


def ask(server: FakeBotAPI, text: str, chat: int = USER, user: int = USER, **options: Any) -> tuple[int, int]:
    """Enqueue a text message; return (update_id, message_id)."""
    update = server.make.text_message(chat, user, text, **options)
    return server.enqueue(update), int(update["message"]["message_id"])


def keyboard_data(call: RecordedCall) -> list[str]:
    """The callback data of the inline keyboard a call carried, row by row."""
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]
