"""Zero leaks over the whole leak corpus, checked everywhere anything is stored or sent.

Every message of ``tests/support/leak_corpus.jsonl`` is asked by an official of the real bot
(real Assistant and model, staff queue wired in, SQLite in WAL mode) and handed over to staff
with consent. Then each of its identifiers is looked for in: every table, the raw bytes of the
SQLite file and its WAL, every log record (INFO and up), every call the bot made to the fake
Bot API (officials' replies, staff posts, forum topic names) and every file in the data
directory and the staff FAQ folder.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from telegram.ext import AIORateLimiter

from bot.answer.assistant import Assistant
from bot.settings import Settings
from bot.storage import Storage
from bot.telegram import build_application, running
from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.staff.runtime import QueueRuntime
from bot.telegram.staff.wiring import staff_queue_handover
from tests.support.fakes import FakeBotAPI
from tests.support.leak import LEAK_CORPUS, leaked

from .conftest import STAFF_CHAT, buttons, sends, settled, wait_send

CORPUS = LEAK_CORPUS[: int(os.environ.get("LEAK_LIMIT", len(LEAK_CORPUS)))]
FIRST_USER = 900_000
BATCH = 10  # officials asking at once


@pytest.fixture
def backend() -> str:
    """SQLite only: its file and WAL are read byte for byte."""
    return "sqlite"


def _database_text(url: str) -> str:
    path = Path(url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = "\n".join(repr(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"'))
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))  # the file, -wal, -shm, -journal
    return rows + "\n" + raw.decode("utf-8", errors="ignore")


def _files_text(*roots: Path) -> str:
    texts = []
    for root in roots:
        for path in root.rglob("*") if root.exists() else ():
            if path.is_file() and path.stat().st_size < 5_000_000 and path.suffix not in {".faiss", ".npy", ".onnx"}:
                texts.append(path.read_bytes().decode("utf-8", errors="ignore"))
    return "\n".join(texts)


async def _ask_and_hand_over(server: FakeBotAPI, user: int, text: str) -> None:
    server.enqueue(server.make.text_message(user, user, text))
    offer = await wait_send(server, user, "", timeout=30)
    yes = next((data for data in buttons(offer) if data.startswith("hv:")), None)
    if yes is not None:  # a consent button; without one ("bel mij terug") it was handed over at once
        server.enqueue(server.make.callback_query(user, user, yes, int(offer.result["message_id"])))  # type: ignore[index]
    await wait_send(server, user, "", count=2, timeout=30)


@asynccontextmanager
async def _bot(settings: Settings, storage: Storage, assistant: Assistant) -> AsyncIterator[None]:
    """The bot with the staff queue, without Telegram's per-group limit of 20 messages a minute
    (the fake has none, and 220 tickets would otherwise take twenty minutes to reach staff)."""
    limiter = RetryingRateLimiter(AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3), backoff=0.05)
    runtime = QueueRuntime(settings, outbox_every=timedelta(seconds=0.2))
    application = build_application(settings, assistant=assistant, storage=storage, rate_limiter=limiter,
                                    handover=staff_queue_handover(storage, settings), staff_queue=runtime)  # fmt: skip
    async with running(application, settings, poll_timeout=1):
        yield


@pytest.mark.model
async def test_no_identifier_of_the_leak_corpus_is_stored_logged_or_sent(
    assistant: Assistant,
    fake_bot_api: FakeBotAPI,
    storage: Storage,
    queue_settings: Settings,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    fake_bot_api.set_forum(STAFF_CHAT)
    async with _bot(queue_settings, storage, assistant):
        for start in range(0, len(CORPUS), BATCH):
            batch = CORPUS[start : start + BATCH]
            await asyncio.gather(
                *(_ask_and_hand_over(fake_bot_api, FIRST_USER + start + i, row["text"]) for i, row in enumerate(batch))
            )
        await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ", count=len(CORPUS), timeout=60)
        await settled(storage, timeout=30)

    sent = "\n".join(json.dumps(call.params, ensure_ascii=False) for call in fake_bot_api.calls()
                     if call.method != "getUpdates")  # fmt: skip
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    places = {
        "database": _database_text(database_url),
        "sent": sent,
        "logs": logged,
        "files": _files_text(queue_settings.data_dir, queue_settings.staff_faq_dir),
    }
    leaks = {
        (row["id"], place): found
        for row in CORPUS
        for place, text in places.items()
        if (found := leaked(row["identifiers"], text))
    }
    topics = [call.params["name"] for call in fake_bot_api.calls("createForumTopic")]
    assert len(sends(fake_bot_api, STAFF_CHAT, "<b>Vraag ")) == len(CORPUS) == len(topics)
    assert leaks == {}
