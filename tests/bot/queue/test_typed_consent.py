"""Typing "ja graag" or "nee" at the offer to pass a question on works like its buttons."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot import messages
from bot.storage import HandoverTrigger, Storage
from bot.storage.models import Answer
from tests.support.fakes import FakeBotAPI, RecordedCall

from .conftest import LOW, OFFICIAL, STAFF_CHAT, Launch, message_id, say, sends, settled, ticket_of, wait_send


async def remembered(storage: Storage, offer: RecordedCall) -> None:
    """Wait until the bot booked which message carried the offer (an official reads before typing)."""
    for _ in range(250):
        with storage.database.session() as session:
            if session.scalar(select(Answer.id).where(Answer.bot_message_id == message_id(offer))) is not None:
                return
        await asyncio.sleep(0.02)
    raise AssertionError("the offer's message id was never stored")


@pytest.mark.parametrize("yes", ["ja graag", "Ja.", "ok", "oui"])
async def test_a_typed_yes_passes_the_question_on(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, yes: str
) -> None:
    async with launch():
        say(fake_bot_api, OFFICIAL, OFFICIAL, LOW)
        offer = await wait_send(fake_bot_api, OFFICIAL, "doorgeven")
        await remembered(storage, offer)
        say(fake_bot_api, OFFICIAL, OFFICIAL, yes)
        post = await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ")
        number = ticket_of(post)
        await wait_send(fake_bot_api, OFFICIAL, f"vraag nr. {number})")
        await settled(storage)
    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.question_text == LOW
    assert ticket.trigger is HandoverTrigger.LOW_CONFIDENCE
    cleared = [c for c in fake_bot_api.calls("editMessageReplyMarkup") if c.params.get("message_id")]
    assert any(int(c.params["message_id"]) == message_id(offer) for c in cleared)


async def test_a_typed_no_declines_and_a_later_yes_is_a_new_message(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        say(fake_bot_api, OFFICIAL, OFFICIAL, LOW)
        await wait_send(fake_bot_api, OFFICIAL, "doorgeven")
        say(fake_bot_api, OFFICIAL, OFFICIAL, "nee")
        await wait_send(fake_bot_api, OFFICIAL, "niet door")
        say(fake_bot_api, OFFICIAL, OFFICIAL, "ja")
        await wait_send(fake_bot_api, OFFICIAL, messages.TOO_SHORT[:20])
        await settled(storage)
    assert storage.tickets.list_open() == []
    assert not sends(fake_bot_api, STAFF_CHAT)
