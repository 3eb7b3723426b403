"""No relay lost, none sent twice: restarts, crashes mid-send, redelivered updates, blocks, outages."""

from __future__ import annotations

import asyncio

import pytest

from bot.queue import Actor, StaffQueue
from bot.settings import Settings
from bot.storage import OutboxStatus, Storage, TicketStatus
from tests.support.fakes import FakeBotAPI

from .conftest import (
    OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    escalate,
    message_id,
    press,
    say,
    sends,
    settled,
    staff_reply,
    ticket_of,
    wait_send,
)

RELAY = "Antwoord van Team Veiligheid"


async def _until(condition: object, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():  # type: ignore[operator]
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


async def test_restart_between_reply_written_and_relay_sent(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with launch() as (app, runtime):
        post = await escalate(fake_bot_api)
        await settled(storage)
        for job in app.job_queue.get_jobs_by_name("staff-queue-outbox"):  # type: ignore[union-attr]
            job.schedule_removal()
        monkeypatch.setattr(runtime.pump, "wake", lambda context: None)  # the process dies before sending
        reply_update = await staff_reply(fake_bot_api, post, "Het antwoord dat een herstart overleeft.")
        await _until(lambda: storage.outbox.pending_count() == 1)
    assert sends(fake_bot_api, OFFICIAL, RELAY) == []
    ticket = storage.tickets.get_ticket(ticket_of(post))
    assert ticket is not None and ticket.status is TicketStatus.ANSWERED  # written before it is sent

    async with launch():  # the restarted bot finds the relay in the outbox
        fake_bot_api.redeliver(reply_update)  # and Telegram hands it the staff message again
        await wait_send(fake_bot_api, OFFICIAL, "overleeft")
        await settled(storage)
        await asyncio.sleep(0.5)
    assert len(sends(fake_bot_api, OFFICIAL, RELAY)) == 1
    assert len(storage.tickets.messages(ticket_of(post))) == 1


async def test_a_send_interrupted_by_a_crash_is_sent_after_restart(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        await settled(storage)
    queue = StaffQueue.over(storage, queue_settings)
    queue.staff.answer(number, Actor(SARA, "Sara"), "Antwoord dat midden in het versturen bleef hangen.")
    [claimed] = [item for item in storage.outbox.claim_due() if item.chat_id == OFFICIAL]  # then the crash

    async with launch():  # the row was left 'sending'; once stale it is due again
        await wait_send(fake_bot_api, OFFICIAL, "bleef hangen")
        await settled(storage)
    item = storage.outbox.get(claimed.id)
    assert item is not None and item.status is OutboxStatus.SENT and item.attempts == 1
    assert len(sends(fake_bot_api, OFFICIAL, RELAY)) == 1


async def test_duplicate_updates_are_processed_once(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        claim = press(fake_bot_api, STAFF_CHAT, SARA, f"sq:claim:{number}", post)
        fake_bot_api.redeliver(claim)
        await wait_send(fake_bot_api, STAFF_CHAT, "opgepakt")
        thread = post.result["message_thread_id"]
        text = "Eén keer, ook al komt het twee keer binnen."
        update = fake_bot_api.make.text_message(STAFF_CHAT, SARA, text, message_thread_id=thread, is_topic_message=True)
        reply = fake_bot_api.enqueue(update)
        fake_bot_api.enqueue(update, update_id=reply)
        relay = await wait_send(fake_bot_api, OFFICIAL, "Eén keer")
        fake_bot_api.redeliver(reply)
        await settled(storage)
        answer = fake_bot_api.message(OFFICIAL, message_id(relay))
        follow = say(fake_bot_api, OFFICIAL, OFFICIAL, "Dubbel bedankt.", reply_to_message=answer)
        fake_bot_api.redeliver(follow)
        await wait_send(fake_bot_api, STAFF_CHAT, "Dubbel bedankt.")
        await settled(storage)
        await asyncio.sleep(0.5)

    assert len(sends(fake_bot_api, OFFICIAL, "Eén keer")) == 1
    assert len(sends(fake_bot_api, STAFF_CHAT, "Dubbel bedankt.")) == 1
    assert len(sends(fake_bot_api, STAFF_CHAT, "opgepakt")) == 1
    assert len(sends(fake_bot_api, OFFICIAL, "Uw reactie is doorgegeven")) == 1
    assert len(storage.tickets.messages(number)) == 2


async def test_a_relay_to_an_official_who_blocked_the_bot_is_failed_and_shown_to_staff(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await settled(storage)
        fake_bot_api.block_chat(OFFICIAL)
        await staff_reply(fake_bot_api, post, "Dit antwoord komt nooit aan.")
        notice = await wait_send(fake_bot_api, STAFF_CHAT, "geblokkeerd")
        await settled(storage)

    assert notice.params["message_thread_id"] == post.result["message_thread_id"]
    [failed] = storage.outbox.failed_items()
    assert failed.ticket_id == number and "blocked" in (failed.last_error or "")
    assert "relay.failed" in [entry.action for entry in storage.audit.list_for_ticket(number)]
    blocked = [call for call in fake_bot_api.calls("sendMessage") if call.fault == "blocked"]
    assert len(blocked) == 1  # a 403 is not retried


async def test_a_telegram_outage_is_retried_with_backoff_and_delivered_once(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        await settled(storage)
        fake_bot_api.fail_next("sendMessage", times=6, status=500)  # more than one send's own retries
        await staff_reply(fake_bot_api, post, "Antwoord na een storing.")
        relay = await wait_send(fake_bot_api, OFFICIAL, "na een storing", timeout=15)
        await settled(storage)

    assert len(sends(fake_bot_api, OFFICIAL, "na een storing")) == 1
    assert "herhaling" not in str(relay.params["text"])  # a 500 is an answer: the message was not taken
    row = storage.outbox.find_sent(OFFICIAL, message_id(relay))
    assert row is not None and row.attempts == 1  # one outbox retry, after the client's own four tries
    failures = [call for call in fake_bot_api.calls("sendMessage") if call.status == 500]
    assert len(failures) == 6
