"""The staff queue against the fake Bot API, on SQLite and on PostgreSQL.

Each flow test runs the real bot (PTB polling, the conversation handlers, the queue's handlers
and jobs) against ``FakeBotAPI``: an official in a private chat, staff in a forum supergroup.
The answer pipeline is a stub with canned results (no model); only the FAQ test loads the real
model. The database fixtures come from ``tests/storage``: a fresh PostgreSQL database per
session, and PostgreSQL that cannot be reached fails the run instead of skipping it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.answer.results import AnswerResult, Decision, EscalationReason, Source
from bot.settings import Settings
from bot.storage import Storage
from bot.telegram import BotApplication, build_application, running
from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.staff.runtime import QueueRuntime
from bot.telegram.staff.wiring import staff_queue_handover
from knowledge import DEFAULT_CORPUS
from tests.bot.storage.conftest import (  # noqa: F401  (fixtures)
    backend,
    postgres_server,
    postgres_url,
    sqlite_template,
    url,
)
from tests.support.fakes import FakeBotAPI, RecordedCall
from tests.support.fakes.ptb import TOKEN

OFFICIAL = 4242
OTHER_OFFICIAL = 5151
STAFF_CHAT = -1009999900001
SARA, TOM, OUTSIDER = 701, 702, 666
LOW = "Hoeveel subsidie krijgt onze gemeente voor de LIVC R in 2027?"


@dataclass
class StubAssistant:
    """Canned pipeline results: escalations for unknown questions, answers for chosen ones."""

    answers: dict[str, str] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        self.calls.append(question)
        sources = [Source("faq/livcr-basis.yaml#livcr-basis-003", "c1", "Wat is een LIVC R?", "LIVC R", None, 0.41)]
        if question in self.answers:
            return AnswerResult(question, Decision.ANSWER, 0.9, self.answers[question], sources)
        return AnswerResult(question, Decision.ESCALATE, 0.22, "Zal ik je vraag doorgeven?", sources,
                            EscalationReason.LOW_CONFIDENCE)  # fmt: skip


@pytest.fixture
def database_url(url: str) -> str:  # noqa: F811  (the fixture imported above)
    """A migrated, empty database on the test's backend (``tests/storage``'s ``url``)."""
    return url


@pytest.fixture
def queue_settings(tmp_path: Path, fake_bot_api: FakeBotAPI, database_url: str) -> Settings:
    return Settings(  # type: ignore[call-arg]
        VRAAGBAAK_TELEGRAM_TOKEN=TOKEN,
        telegram_base_url=fake_bot_api.base_url,
        telegram_base_file_url=fake_bot_api.base_file_url,
        staff_chat_id=STAFF_CHAT,
        database_url=database_url,
        data_dir=tmp_path / "var",
        knowledge_dir=DEFAULT_CORPUS,
        response_target_hours=48,
    )


@pytest.fixture
def storage(database_url: str) -> Iterator[Storage]:
    opened = Storage.open(database_url, outbox_stale_after=timedelta(seconds=1))
    yield opened
    opened.database.dispose()


@pytest.fixture
def stub() -> StubAssistant:
    return StubAssistant()


Launch = Callable[..., Any]


@pytest.fixture
def launch(queue_settings: Settings, storage: Storage, stub: StubAssistant, fake_bot_api: FakeBotAPI) -> Launch:
    """``async with launch() as (app, runtime)``: the bot with the staff queue wired in, running."""
    fake_bot_api.set_forum(STAFF_CHAT)
    for official in (OFFICIAL, OTHER_OFFICIAL):  # the fake calls everyone a member unless told
        fake_bot_api.set_member_status(STAFF_CHAT, official, "left")

    @asynccontextmanager
    async def factory(
        settings: Settings | None = None, **queue_options: Any
    ) -> AsyncIterator[tuple[BotApplication, QueueRuntime]]:
        current = settings or queue_settings
        queue_options.setdefault("outbox_every", timedelta(seconds=0.2))  # production: every second
        runtime = QueueRuntime(current, **queue_options)
        application = build_application(
            current, assistant=stub, storage=storage, handover=staff_queue_handover(storage, current),
            rate_limiter=RetryingRateLimiter(backoff=0.05), staff_queue=runtime,
        )  # fmt: skip
        async with running(application, current, poll_timeout=1):
            yield application, runtime

    return factory


# Helpers -----------------------------------------------------------------------------------


def sends(server: FakeBotAPI, chat_id: int, needle: str = "") -> list[RecordedCall]:
    """Successful sendMessage calls to ``chat_id`` whose text contains ``needle``."""
    return [
        call
        for call in server.calls("sendMessage")
        if call.ok and int(call.params.get("chat_id", 0)) == chat_id and needle in str(call.params.get("text", ""))
    ]


async def wait_send(
    server: FakeBotAPI, chat_id: int, needle: str, count: int = 1, timeout: float = 10.0
) -> RecordedCall:
    """Wait until ``count`` messages containing ``needle`` went to ``chat_id``; the last one."""
    await server.wait_for(lambda calls: len(sends(server, chat_id, needle)) >= count, timeout=timeout)
    return sends(server, chat_id, needle)[count - 1]


async def settled(storage: Storage, timeout: float = 10.0) -> None:
    """Wait until the outbox holds nothing pending or being sent (every send booked)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while storage.outbox.pending_count():
        assert loop.time() < deadline, f"outbox still has {storage.outbox.pending_count()} rows to send"
        await asyncio.sleep(0.02)


def message_id(call: RecordedCall) -> int:
    assert isinstance(call.result, dict)
    return int(call.result["message_id"])


def thread_of(call: RecordedCall) -> int:
    assert isinstance(call.result, dict)
    return int(call.result["message_thread_id"])


def buttons(call: RecordedCall) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


def ticket_of(post: RecordedCall) -> int:
    """The ticket number behind a staff post (from its Oppakken button)."""
    return int(buttons(post)[0].rsplit(":", 1)[1])


def say(server: FakeBotAPI, chat_id: int, user_id: int, text: str, **options: Any) -> int:
    """Enqueue a text message; its update id."""
    return server.enqueue(server.make.text_message(chat_id, user_id, text, **options))


def command(server: FakeBotAPI, chat_id: int, user_id: int, text: str, **options: Any) -> int:
    return server.enqueue(server.make.command(chat_id, user_id, text, **options))


def press(server: FakeBotAPI, chat_id: int, user_id: int, data: str, on: RecordedCall) -> int:
    """Press the button ``data`` under the bot's message ``on``."""
    return server.enqueue(server.make.callback_query(chat_id, user_id, data, message_id(on)))


def answers(server: FakeBotAPI, needle: str = "") -> list[str]:
    """Texts of answerCallbackQuery calls (the staff's toasts and alerts)."""
    texts = [str(call.params.get("text", "")) for call in server.calls("answerCallbackQuery") if call.ok]
    return [text for text in texts if needle in text]


async def escalate(server: FakeBotAPI, official: int = OFFICIAL, question: str = LOW) -> RecordedCall:
    """The official asks, the bot offers to pass it on, the official says yes; the staff post."""
    before = len(sends(server, STAFF_CHAT, "<b>Vraag "))
    update = server.make.text_message(official, official, question)
    server.enqueue(update)
    offer = await wait_send(server, official, "doorgeven", count=len(sends(server, official, "doorgeven")) + 1)
    yes = next(data for data in buttons(offer) if data.startswith("hv:"))
    press(server, official, official, yes, offer)
    return await wait_send(server, STAFF_CHAT, "<b>Vraag ", count=before + 1)


async def staff_reply(server: FakeBotAPI, post: RecordedCall, text: str, user: int = SARA) -> int:
    """A staff member writes in the ticket's topic; the update id."""
    return say(server, STAFF_CHAT, user, text, message_thread_id=thread_of(post), is_topic_message=True)
