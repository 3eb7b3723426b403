"""A relay that may have reached Telegram before a crash is resent, and never silently."""

from __future__ import annotations

from typing import Any

import pytest

from bot.queue import Actor, DeliveryLog, StaffQueue
from bot.settings import Settings
from bot.storage import OutboxItem, OutboxStatus, Storage
from tests.support.fakes import FakeBotAPI

from .conftest import (
    OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    escalate,
    sends,
    settled,
    staff_reply,
    thread_of,
    ticket_of,
    wait_send,
)

RELAY = "Antwoord van Team Veiligheid"
REPEAT_NL = "kan dit bericht een herhaling zijn"


async def test_a_relay_accepted_just_before_a_crash_is_resent_with_a_repeat_line_and_staff_are_told(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await settled(storage)
        real_record = DeliveryLog.record

        def die_before_booking(self: DeliveryLog, item: OutboxItem, *args: Any, **kwargs: Any) -> None:
            if item.chat_id == OFFICIAL:  # the pump is interrupted after Telegram said OK
                raise RuntimeError("killed between the Bot API call and the mark")
            real_record(self, item, *args, **kwargs)

        monkeypatch.setattr(DeliveryLog, "record", die_before_booking)
        StaffQueue.over(storage, queue_settings).staff.answer(number, Actor(SARA, "Sara"), "Antwoord vóór de crash.")
        await wait_send(fake_bot_api, OFFICIAL, "vóór de crash")
    [row] = [item for item in _official_rows(storage) if "vóór de crash" in item.text]
    assert row.status is OutboxStatus.SENDING  # what a crash leaves: no mark, the marker set

    monkeypatch.undo()
    async with launch():  # once stale, the row is due again: a possible repeat
        await wait_send(fake_bot_api, OFFICIAL, "vóór de crash", count=2)
        notice = await wait_send(fake_bot_api, STAFF_CHAT, "opnieuw verstuurd")
        await settled(storage)

    first, second = sends(fake_bot_api, OFFICIAL, "vóór de crash")
    assert REPEAT_NL not in first.params["text"]
    assert str(second.params["text"]).startswith("⚠️ Door een onderbreking kan dit bericht een herhaling zijn.")
    assert notice.params["message_thread_id"] == thread_of(post)
    done = storage.outbox.get(row.id)
    assert done is not None and done.status is OutboxStatus.SENT and done.possible_repeat and done.attempts == 1
    assert len(sends(fake_bot_api, OFFICIAL, "vóór de crash")) == 2


async def test_a_relay_claimed_but_never_sent_before_a_crash_is_sent_once_without_a_repeat_line(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        await settled(storage)
    StaffQueue.over(storage, queue_settings).staff.answer(number, Actor(SARA, "Sara"), "Nooit vertrokken antwoord.")
    [claimed] = [item for item in storage.outbox.claim_due() if item.chat_id == OFFICIAL]  # then the crash

    async with launch():
        await wait_send(fake_bot_api, OFFICIAL, "Nooit vertrokken")
        await settled(storage)
    [relay] = sends(fake_bot_api, OFFICIAL, "Nooit vertrokken")
    assert REPEAT_NL not in relay.params["text"]
    row = storage.outbox.get(claimed.id)
    assert row is not None and row.status is OutboxStatus.SENT and not row.possible_repeat
    assert sends(fake_bot_api, STAFF_CHAT, "opnieuw verstuurd") == []


async def test_the_repeat_line_is_in_the_officials_language(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        await settled(storage)
    official = storage.officials.get(OFFICIAL)
    assert official is not None
    storage.officials.upsert_official(OFFICIAL, official.display_name, None, "fr")
    StaffQueue.over(storage, queue_settings).staff.answer(number, Actor(SARA, "Sara"), "Réponse interrompue.")
    [claimed] = [item for item in storage.outbox.claim_due() if item.chat_id == OFFICIAL]
    storage.outbox.mark_sending(claimed.id)  # the call started; the process died before the answer was booked

    async with launch():
        relay = await wait_send(fake_bot_api, OFFICIAL, "interrompue")
        await settled(storage)
    assert str(relay.params["text"]).startswith("⚠️ À cause d'une interruption, ce message")


def _official_rows(storage: Storage) -> list[OutboxItem]:
    rows = [storage.outbox.get(item_id) for item_id in range(1, 200)]
    return [row for row in rows if row is not None and row.chat_id == OFFICIAL]


async def test_a_relay_whose_connection_dropped_is_not_resent_blindly_but_with_a_repeat_line(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        await settled(storage)
        fake_bot_api.drop_next("sendMessage")  # the request goes out, the answer never comes back
        await staff_reply(fake_bot_api, post, "Antwoord na een verbroken verbinding.")
        relay = await wait_send(fake_bot_api, OFFICIAL, "verbroken verbinding", timeout=15)
        notice = await wait_send(fake_bot_api, STAFF_CHAT, "opnieuw verstuurd")
        await settled(storage)

    to_official = [c for c in fake_bot_api.calls("sendMessage") if int(c.params.get("chat_id", 0)) == OFFICIAL]
    relays = [c for c in to_official if "verbroken verbinding" in str(c.params.get("text"))]
    assert [c.fault for c in relays] == ["drop", None]  # the limiter did not resend it; the pump did, flagged
    assert str(relay.params["text"]).startswith("⚠️ Door een onderbreking kan dit bericht een herhaling zijn.")
    assert notice.params["message_thread_id"] == thread_of(post)
