"""Exactly one answer per update id: duplicates in one run, and redeliveries after a restart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.bot.telegram.conftest import Launcher, ask, replies_to, reply_to
from tests.support.fakes import FakeBotAPI

Query = Callable[[str], list[tuple[Any, ...]]]
QUESTION = "Wie zit er minimaal in een LIVC R?"


async def test_an_update_delivered_twice_is_answered_once(
    launch: Launcher, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    update = fake_bot_api.make.text_message(4242, 4242, QUESTION)
    update_id = fake_bot_api.enqueue(update)
    fake_bot_api.enqueue(update, update_id=update_id)
    message_id = update["message"]["message_id"]

    async with launch():
        await reply_to(fake_bot_api, message_id)
        _, sentinel = ask(fake_bot_api, "Hoe vaak moet de LIVC R samenkomen?")
        await reply_to(fake_bot_api, sentinel)

    assert len(replies_to(fake_bot_api, message_id)) == 1
    assert db("SELECT count(*) FROM questions") == [(2,)]


async def test_a_restart_never_answers_a_message_twice(launch: Launcher, fake_bot_api: FakeBotAPI, db: Query) -> None:
    async with launch():
        update_id, message_id = ask(fake_bot_api, QUESTION)
        await reply_to(fake_bot_api, message_id)

    async with launch():  # a new process on the same database; Telegram redelivers the update
        fake_bot_api.redeliver(update_id)
        _, sentinel = ask(fake_bot_api, "Hoe vaak moet de LIVC R samenkomen?")
        await reply_to(fake_bot_api, sentinel)

    # stopping waits until every fetched update was handled, so the redelivery was seen by now
    assert len(replies_to(fake_bot_api, message_id)) == 1
    polls = fake_bot_api.calls("getUpdates")
    redelivered = [c for c in polls if any(u["update_id"] == update_id for u in c.result or [])]
    assert len(redelivered) == 2  # delivered in both runs, answered in the first only
