"""The inbox gate in one process: a poison update is set aside, stored updates resume, texts are redacted.

The real Application (composition root, polling, handlers) against the fake Bot API on real
SQLite; canned answers (``tests.support.replica.CannedAssistant``) so no model loads.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot import messages
from bot.answer.results import AnswerResult
from bot.settings import Settings
from bot.storage import Database, Storage, UpdateStatus
from bot.telegram import build_application, durable, running
from knowledge import DEFAULT_CORPUS
from tests.support.fakes import FakeBotAPI, html_to_text
from tests.support.fakes.ptb import TOKEN
from tests.support.replica import CannedAssistant

USER = 4242
POISON = "Deze vraag laat het antwoorden altijd mislukken"


@dataclass
class Exploding:
    """Canned answers, but one question always fails (a bug the bot must not loop on)."""

    calls: int = 0

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        if question.startswith(POISON):
            self.calls += 1
            raise RuntimeError("kapot bij 0470 12 34 56")
        return CannedAssistant().ask(question)


@pytest.fixture
def settings(tmp_path: Path, fake_bot_api: FakeBotAPI) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "var", "knowledge_dir": DEFAULT_CORPUS,
                                 "VRAAGBAAK_TELEGRAM_TOKEN": TOKEN,
                                 "telegram_base_url": fake_bot_api.base_url}  # fmt: skip
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def storage(settings: Settings) -> Storage:
    opened = Storage.open(settings.resolved_database_url)
    opened.database.upgrade()
    return opened


def texts_to(fake_bot_api: FakeBotAPI, chat: int) -> list[str]:
    return [html_to_text(text) for text in fake_bot_api.sent_messages(chat)]


async def test_a_poison_update_is_set_aside_after_three_tries_and_the_official_told_once(
    settings: Settings, storage: Storage, fake_bot_api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(durable, "RETRY_AFTER", timedelta(seconds=0.2))
    assistant = Exploding()
    poison = fake_bot_api.enqueue(fake_bot_api.make.text_message(USER, USER, POISON + ", bel 0470 12 34 56"))
    async with running(build_application(settings, assistant=assistant, storage=storage), settings, poll_timeout=1):
        notice = messages.UPDATE_SET_ASIDE[:30]
        await fake_bot_api.wait_for(lambda calls: any(text.startswith(notice) for text in texts_to(fake_bot_api, USER)),
                                    timeout=20)  # fmt: skip
        after = fake_bot_api.make.text_message(USER, USER, "Wie zit er minimaal in een LIVC R?")
        fake_bot_api.enqueue(after)
        await fake_bot_api.wait_for(lambda calls: len(fake_bot_api.sent_messages(USER)) >= 2, timeout=20)

    assert assistant.calls == durable.MAX_ATTEMPTS, "tried three times, then never again"
    sent = texts_to(fake_bot_api, USER)
    assert sum(text.startswith(messages.UPDATE_SET_ASIDE[:30]) for text in sent) == 1
    assert not [text for text in sent if text.startswith(messages.INTERNAL_ERROR[:30])], "no error per try"
    (aside,) = storage.inbox.list(UpdateStatus.SET_ASIDE)
    assert aside.update_id == poison and aside.attempts == durable.MAX_ATTEMPTS
    assert "0470" not in str(aside.payload), "stored redacted"
    entries = [entry for entry in storage.audit.recent() if entry.action == "update.set_aside"]
    assert len(entries) == 1 and "0470" not in str(entries[0].detail)


async def test_updates_stored_by_a_process_that_died_are_handled_on_start_once(
    settings: Settings, storage: Storage, fake_bot_api: FakeBotAPI
) -> None:
    # As a killed process leaves them: stored (Telegram already confirmed), one half-sent.
    updates = [fake_bot_api.make.text_message(USER, USER, f"Vraag {n}: wat doet een LIVC R?") for n in range(3)]
    for update_id, update in enumerate(updates, start=900):
        update["update_id"] = update_id
        storage.inbox.store(update_id, update, USER, USER)
    storage.inbox.claim(902, "dead-process", durable.LEASE)
    storage.inbox.save_plan(902, {"parts": ["deel een", "deel twee"], "answer_at": 1})
    storage.inbox.mark_sent(902, 1)

    async with running(build_application(settings, assistant=CannedAssistant(), storage=storage), settings,
                       poll_timeout=1):  # fmt: skip
        await fake_bot_api.wait_for(lambda calls: len(fake_bot_api.sent_messages(USER)) >= 3, timeout=20)
        await fake_bot_api.wait_for(lambda calls: storage.inbox.counts() == {UpdateStatus.DONE: 3}, timeout=10)

    sent = texts_to(fake_bot_api, USER)
    resent = f"{messages.POSSIBLE_REPEAT}\n\ndeel twee"
    assert sent.count(resent) == 1 and "deel een" not in sent, "only what was not sent, never a silent repeat"
    assert not [text for text in sent if text.startswith(messages.POSSIBLE_REPEAT) and text != resent]
    quoted = [call.params["reply_parameters"]["message_id"] for call in fake_bot_api.calls("sendMessage")
              if call.ok and call.params.get("reply_parameters")]  # fmt: skip
    assert quoted == [updates[0]["message"]["message_id"], updates[1]["message"]["message_id"]], "in order, once"


async def test_the_inbox_holds_texts_only_redacted(
    settings: Settings, storage: Storage, fake_bot_api: FakeBotAPI
) -> None:
    update = fake_bot_api.make.text_message(USER, USER, "Mail jan.peeters@example.be of bel 0470 12 34 56")
    update_id = fake_bot_api.enqueue(update)
    async with running(build_application(settings, assistant=CannedAssistant(), storage=storage), settings,
                       poll_timeout=1):  # fmt: skip
        await fake_bot_api.wait_for(lambda calls: len(fake_bot_api.sent_messages(USER)) >= 1, timeout=20)

    stored = storage.inbox.get(update_id)
    assert stored is not None
    assert "example.be" not in str(stored.payload) and "0470" not in str(stored.payload)
    assert "[e-mailadres]" in stored.payload["message"]["text"]


async def test_polled_updates_are_confirmed_only_once_stored_even_when_storing_fails_a_while(
    settings: Settings, fake_bot_api: FakeBotAPI
) -> None:
    # A short busy timeout: while another connection holds the write lock, storing fails and is retried.
    storage = Storage.over(Database(settings.resolved_database_url, busy_timeout_ms=200))
    storage.database.upgrade()
    database_file = str(settings.resolved_database_url).removeprefix("sqlite:///")
    async with running(build_application(settings, assistant=CannedAssistant(), storage=storage), settings,
                       poll_timeout=1):  # fmt: skip
        await fake_bot_api.wait_for(lambda calls: fake_bot_api.waiting_polls == 1, timeout=20)
        locker = sqlite3.connect(database_file, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            batch = [fake_bot_api.make.text_message(USER + n, USER + n, f"Vraag {n} over een LIVC R") for n in range(3)]
            for update in batch:
                fake_bot_api.enqueue(update)
            await asyncio.sleep(0.5)
            polls = len(fake_bot_api.calls("getUpdates"))
            await asyncio.sleep(2.5)  # at least two failed writes (1 s, then 2 s apart)
            assert len(fake_bot_api.calls("getUpdates")) == polls, "no getUpdates (no confirmation) before stored"
            assert len(fake_bot_api.pending) == 3, "Telegram still holds the batch"
            assert not fake_bot_api.calls("sendMessage"), "nothing handled before it was stored"
        finally:
            locker.rollback()
            locker.close()
        for n in range(3):
            await fake_bot_api.wait_for(lambda calls, n=n: len(fake_bot_api.sent_messages(USER + n)) >= 1, timeout=20)
        await fake_bot_api.wait_for(lambda calls: len(fake_bot_api.pending) == 0, timeout=10)
        await fake_bot_api.wait_for(lambda calls: storage.inbox.counts() == {UpdateStatus.DONE: 3}, timeout=10)

    assert [len(fake_bot_api.sent_messages(USER + n)) for n in range(3)] == [1, 1, 1], "each answered once"
