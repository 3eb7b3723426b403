"""Zero leaks over the whole leak corpus, checked everywhere anything is stored or sent.

Every message of ``tests/support/leak_corpus.jsonl`` is asked by an official of the real bot
(real Assistant and model, staff queue wired in, SQLite in WAL mode) and handed over to staff
with consent. Then each of its identifiers is looked for in: every table, the raw bytes of the
SQLite file and its WAL, every log record (DEBUG and up), every call the bot made to the fake
Bot API (officials' replies, staff posts, forum topic names) and every file in the data
directory and the staff FAQ folder.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.answer.assistant import Assistant
from bot.settings import Settings
from bot.storage import Storage
from tests.support.fakes import FakeBotAPI
from tests.support.leak import LEAK_CORPUS, leaked

from .conftest import STAFF_CHAT, Launch, buttons, sends, settled, wait_send

FIRST_USER = 900_000


@pytest.fixture
def backend() -> str:
    """SQLite only: its file and WAL are read byte for byte."""
    return "sqlite"


@pytest.fixture
def stub(assistant: Assistant) -> Assistant:
    """The real Assistant (it redacts) instead of the queue tests' canned one."""
    return assistant


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


@pytest.mark.model
async def test_no_identifier_of_the_leak_corpus_is_stored_logged_or_sent(
    launch: Launch,
    fake_bot_api: FakeBotAPI,
    storage: Storage,
    queue_settings: Settings,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with launch():
        for start in range(0, len(LEAK_CORPUS), 20):
            batch = LEAK_CORPUS[start : start + 20]
            await asyncio.gather(
                *(_ask_and_hand_over(fake_bot_api, FIRST_USER + start + i, row["text"]) for i, row in enumerate(batch))
            )
        await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ", count=len(LEAK_CORPUS), timeout=60)
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
        for row in LEAK_CORPUS
        for place, text in places.items()
        if (found := leaked(row["identifiers"], text))
    }
    topics = [call.params["name"] for call in fake_bot_api.calls("createForumTopic")]
    assert len(sends(fake_bot_api, STAFF_CHAT, "<b>Vraag ")) == len(LEAK_CORPUS) == len(topics)
    assert leaks == {}
