"""Telegram misbehaving: 429s are honoured, 5xx and dropped connections retried, errors explained."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot import messages
from bot.answer.results import AnswerResult
from bot.telegram import BotApplication, durable
from tests.bot.telegram.conftest import USER, Launcher, SpyAssistant, ask, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text

QUESTION = "Wie zit er minimaal in een LIVC R?"


async def test_a_429_is_honoured_and_the_answer_still_delivered(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.fail_next("sendMessage", status=429, retry_after=1)
    _, message_id = ask(fake_bot_api, QUESTION)

    answer = await reply_to(fake_bot_api, message_id)

    refused, delivered = fake_bot_api.calls("sendMessage")
    assert refused.status == 429 and delivered is answer
    assert delivered.time - refused.time >= 1.0  # retry_after was respected


async def test_a_server_error_is_retried_with_backoff(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.fail_next("sendMessage", status=500, times=2)
    _, message_id = ask(fake_bot_api, QUESTION)

    await reply_to(fake_bot_api, message_id)

    assert [c.status for c in fake_bot_api.calls("sendMessage")] == [500, 500, 200]


async def test_a_dropped_connection_is_retried(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.drop_next("sendMessage")
    _, message_id = ask(fake_bot_api, QUESTION)

    await reply_to(fake_bot_api, message_id)

    dropped, delivered = fake_bot_api.calls("sendMessage")
    assert dropped.fault == "drop" and delivered.ok
    assert len(fake_bot_api.sent_messages(USER)) == 1


async def test_a_failing_question_is_logged_with_traceback_and_explained_in_dutch(
    launch: Launcher,
    fake_bot_api: FakeBotAPI,
    spy: SpyAssistant,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken(SpyAssistant):
        def ask(
            self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
        ) -> AnswerResult:
            raise RuntimeError("index exploded")

    # Tried again (after RETRY_AFTER) and set aside after the last try: then, and only then, one notice.
    monkeypatch.setattr(durable, "RETRY_AFTER", timedelta(seconds=0.2))
    async with launch(assistant=Broken(spy.inner)):
        ask(fake_bot_api, QUESTION)
        await fake_bot_api.wait_for(lambda calls: bool(fake_bot_api.sent_messages(USER)), timeout=15)

    assert [html_to_text(t) for t in fake_bot_api.sent_messages(USER)] == [messages.UPDATE_SET_ASIDE]
    failures = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info is not None]
    assert len(failures) == durable.MAX_ATTEMPTS and "index exploded" in str(failures[0].exc_info[1])  # type: ignore[index]
    assert "/mens" in messages.UPDATE_SET_ASIDE
