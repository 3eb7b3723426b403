"""Staff in Telegram: who may act, racing claims, commands, internal notes, a group without topics."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage, TicketStatus
from tests.support.fakes import FakeBotAPI, html_to_text

from .conftest import (
    OFFICIAL,
    OUTSIDER,
    SARA,
    STAFF_CHAT,
    TOM,
    Launch,
    command,
    escalate,
    message_id,
    press,
    say,
    sends,
    settled,
    staff_reply,
    thread_of,
    ticket_of,
    wait_send,
)


def _answers(server: FakeBotAPI) -> list[str]:
    return [str(call.params.get("text", "")) for call in server.calls("answerCallbackQuery") if call.ok]


async def test_outsiders_are_refused_and_audited(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    fake_bot_api.set_member_status(STAFF_CHAT, OUTSIDER, "left")
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        press(fake_bot_api, STAFF_CHAT, OUTSIDER, f"sq:claim:{number}", post)
        await fake_bot_api.wait_for(lambda calls: "Dit is alleen voor medewerkers" in " ".join(_answers(fake_bot_api)))
        await staff_reply(fake_bot_api, post, "Ik antwoord toch.", user=OUTSIDER)
        await wait_send(fake_bot_api, STAFF_CHAT, "alleen voor medewerkers")
        command(fake_bot_api, OFFICIAL, OFFICIAL, f"/close {number}")  # an official trying a staff command
        await wait_send(fake_bot_api, OFFICIAL, "alleen voor medewerkers")
        await settled(storage)

    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.status is TicketStatus.OPEN and ticket.assignee_user_id is None
    assert sends(fake_bot_api, OFFICIAL, "Ik antwoord toch") == []
    refused = [e for e in storage.audit.recent() if e.action == "staff.refused"]
    assert sorted(e.detail["attempt"] for e in refused) == ["/close", "answer", f"button:sq:claim:{number}"]
    assert {e.actor_user_id for e in refused} == {OUTSIDER, OFFICIAL}


async def test_two_staff_claim_at_once_one_wins(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:claim:{number}", post)
        press(fake_bot_api, STAFF_CHAT, TOM, f"sq:claim:{number}", post)
        await fake_bot_api.wait_for(lambda calls: len([t for t in _answers(fake_bot_api) if "Vraag" in t]) >= 2)
        await wait_send(fake_bot_api, STAFF_CHAT, "opgepakt")
        await settled(storage)

    toasts = [t for t in _answers(fake_bot_api) if "Vraag" in t]
    assert sorted(t.split(" is ")[1][:5] for t in toasts) == ["al op", "nu va"]
    winner = storage.tickets.get_ticket(number)
    assert winner is not None and winner.assignee_name is not None
    assert f"al opgepakt door {winner.assignee_name}" in " ".join(toasts)
    assert len(sends(fake_bot_api, STAFF_CHAT, "opgepakt")) == 1
    assert [e.action for e in storage.audit.list_for_ticket(number)].count("ticket.claimed") == 1


async def test_staff_commands_and_internal_notes(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await staff_reply(fake_bot_api, post, "#intern even navragen bij Tom")
        command(fake_bot_api, STAFF_CHAT, SARA, "/open")
        listing = await wait_send(fake_bot_api, STAFF_CHAT, "Openstaande vragen (1)")
        await staff_reply(fake_bot_api, post, "Het antwoord is ja.")
        await wait_send(fake_bot_api, OFFICIAL, "Het antwoord is ja.")
        command(fake_bot_api, STAFF_CHAT, SARA, f"/ticket {number}")
        detail = await wait_send(fake_bot_api, STAFF_CHAT, "Gesprek:")
        command(fake_bot_api, STAFF_CHAT, SARA, "/ticket 999999")
        await wait_send(fake_bot_api, STAFF_CHAT, "Vraag 999999 bestaat niet.")
        command(fake_bot_api, STAFF_CHAT, SARA, f"/close {number}")
        await wait_send(fake_bot_api, STAFF_CHAT, f"Vraag {number} is afgesloten.")
        command(fake_bot_api, STAFF_CHAT, SARA, f"/close {number}")
        await wait_send(fake_bot_api, STAFF_CHAT, f"Dat kan niet: vraag {number} is afgesloten.")
        command(fake_bot_api, STAFF_CHAT, SARA, "/open")
        await wait_send(fake_bot_api, STAFF_CHAT, "Er staan geen vragen open.")

    assert f"{number} · 0 min · open · niemand · Hoeveel subsidie" in html_to_text(listing.params["text"])
    history = html_to_text(detail.params["text"])
    assert "Gebruiker 701: Het antwoord is ja." in history and "#intern" not in history
    assert sends(fake_bot_api, OFFICIAL, "navragen") == []


async def test_configured_staff_work_from_a_private_chat(
    launch: Launch, fake_bot_api: FakeBotAPI, queue_settings: Settings
) -> None:
    settings = queue_settings.model_copy(update={"staff_user_ids": (TOM,)})
    async with launch(settings):
        await escalate(fake_bot_api)
        command(fake_bot_api, TOM, TOM, "/open")
        await wait_send(fake_bot_api, TOM, "Openstaande vragen (1)")


async def test_a_staff_group_without_topics_gets_one_message_per_ticket(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        fake_bot_api.set_forum(STAFF_CHAT, False)
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await settled(storage)
        reply = fake_bot_api.message(STAFF_CHAT, message_id(post))
        say(fake_bot_api, STAFF_CHAT, SARA, "Zonder onderwerpen werkt het ook.", reply_to_message=reply)
        relay = await wait_send(fake_bot_api, OFFICIAL, "Zonder onderwerpen")
        await settled(storage)
        answer = fake_bot_api.message(OFFICIAL, message_id(relay))
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Top, bedankt.", reply_to_message=answer)
        follow = await wait_send(fake_bot_api, STAFF_CHAT, "Top, bedankt.")
        say(fake_bot_api, STAFF_CHAT, SARA, "Gewoon gepraat onder collega's.")  # no reply: not for a ticket
        await asyncio.sleep(0.3)

    assert fake_bot_api.calls("createForumTopic") == [] and "message_thread_id" not in post.params
    assert follow.params["reply_parameters"]["message_id"] == message_id(post)
    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.staff_thread_id is None and ticket.staff_message_id == message_id(post)
    assert sends(fake_bot_api, OFFICIAL, "collega") == []


async def test_overdue_tickets_are_reminded(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    queue = StaffQueue.over(storage, queue_settings)
    async with launch():
        post = await escalate(fake_bot_api)
        ticket = storage.tickets.get_ticket(ticket_of(post))
        assert ticket is not None
        report = await asyncio.to_thread(queue.upkeep.remind, ticket.created_at + timedelta(hours=49))
        reminder = await wait_send(fake_bot_api, STAFF_CHAT, "wacht al 2 d")  # sent by the outbox job
        again = await asyncio.to_thread(queue.upkeep.remind, ticket.created_at + timedelta(hours=50))
    assert (report.reminded, again.reminded) == (1, 0)  # once per target period
    assert reminder.params["message_thread_id"] == thread_of(post)
    assert "streefdoel 48 uur" in reminder.params["text"] and "nog door niemand opgepakt" in reminder.params["text"]


async def test_without_topic_rights_the_post_goes_to_the_chat(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    fake_bot_api.fail_next(
        "createForumTopic", status=400, description="Bad Request: not enough rights to create a topic"
    )
    async with launch():
        post = await escalate(fake_bot_api)
        await settled(storage)
    assert "message_thread_id" not in post.params
    ticket = storage.tickets.get_ticket(ticket_of(post))
    assert ticket is not None and ticket.staff_thread_id is None and ticket.staff_message_id == message_id(post)


async def test_a_closed_topic_still_gets_the_official_s_follow_up(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        await staff_reply(fake_bot_api, post, "Het antwoord.")
        relay = await wait_send(fake_bot_api, OFFICIAL, "Het antwoord.")
        await settled(storage)
        fake_bot_api.chats.topic(STAFF_CHAT, thread_of(post)).closed = True  # a staff member closed the topic
        answer = fake_bot_api.message(OFFICIAL, message_id(relay))
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Nog een vraagje hierover.", reply_to_message=answer)
        follow = await wait_send(fake_bot_api, STAFF_CHAT, "Nog een vraagje hierover.")
    assert "message_thread_id" not in follow.params
    assert follow.params["reply_parameters"]["message_id"] == message_id(post)
