"""Authorization by ownership: forged, foreign and malformed buttons and ids are refused alike.

The real bot with the staff queue runs against the fake Bot API; the attacker is another
official (or another member of a group) who sends callback data naming the victim's answer,
a ticket, or garbage. Every refusal is the same neutral line, whether the id exists or not,
and lands in the audit trail; nothing of the victim's question reaches the attacker.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from bot import messages
from bot.storage import Storage, UpdateStatus
from tests.support.fakes import FakeBotAPI

from .conftest import (
    OFFICIAL,
    OTHER_OFFICIAL,
    SARA,
    STAFF_CHAT,
    TOM,
    Launch,
    answers,
    buttons,
    command,
    escalate,
    press,
    sends,
    settled,
    ticket_of,
    wait_send,
)

GROUP = -1001234500777
VICTIM_QUESTION = "Hoe pakken we de melding over de zoon van de buren aan in de LIVC R?"


async def _offer(server: FakeBotAPI, chat: int, user: int, text: str) -> Any:
    before = len(sends(server, chat, "doorgeven"))
    server.enqueue(server.make.text_message(chat, user, text))
    return await wait_send(server, chat, "doorgeven", count=before + 1)


def _answer_id(offer: Any) -> int:
    return int(buttons(offer)[0].rsplit(":", 1)[1])


async def _refusals(server: FakeBotAPI, count: int) -> list[str]:
    await server.wait_for(lambda calls: len(answers(server, messages.BUTTON_EXPIRED)) >= count)
    return answers(server, messages.BUTTON_EXPIRED)


def _refused_in_audit(storage: Storage) -> list[dict[str, Any]]:
    return [dict(entry.detail) for entry in storage.audit.recent(200) if entry.action == "button.refused"]


async def test_a_forged_button_with_another_officials_answer_is_refused_like_an_unknown_one(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        victim = await _offer(fake_bot_api, OFFICIAL, OFFICIAL, VICTIM_QUESTION)
        mine = await _offer(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, "Wat kost een opleiding?")
        stolen = _answer_id(victim)
        for data in (f"hv:case_question:{stolen}", f"fb:0:{stolen}", f"hv-no:{stolen}", "hv:case_question:999999"):
            press(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, data, mine)
        toasts = await _refusals(fake_bot_api, 4)
        command(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, "/mijnvragen")
        await wait_send(fake_bot_api, OTHER_OFFICIAL, "")
        await settled(storage)

    assert toasts == [messages.BUTTON_EXPIRED] * 4  # an existing id and an unknown one look the same
    assert storage.tickets.list_for_official(storage.officials.get(OTHER_OFFICIAL).id) == []  # type: ignore[union-attr]
    assert storage.conversation.feedback_for(stolen) == {}
    attacker_saw = " ".join(str(call.params) for call in fake_bot_api.calls() if call.chat_id == OTHER_OFFICIAL)
    assert "buren" not in attacker_saw
    assert not sends(fake_bot_api, STAFF_CHAT, "buren")
    assert len([d for d in _refused_in_audit(storage) if d["chat_id"] == OTHER_OFFICIAL]) == 4


async def test_in_a_group_only_the_asker_hands_their_question_over(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        offer = await _offer(fake_bot_api, GROUP, OFFICIAL, f"@vraagbaak_test_bot {VICTIM_QUESTION}")
        yes = buttons(offer)[0]
        press(fake_bot_api, GROUP, OTHER_OFFICIAL, yes, offer)
        await _refusals(fake_bot_api, 1)
        press(fake_bot_api, GROUP, OFFICIAL, yes, offer)
        post = await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ")

    [ticket] = storage.tickets.list_for_official(storage.officials.get(OFFICIAL).id)  # type: ignore[union-attr]
    assert ticket.id == ticket_of(post)
    assert storage.officials.get(OTHER_OFFICIAL) is None or not storage.tickets.list_for_official(
        storage.officials.get(OTHER_OFFICIAL).id  # type: ignore[union-attr]
    )


async def test_malformed_button_data_and_ids_get_the_neutral_reply_not_a_traceback(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    forged = ["fb:1:²", "fb:1:99999999999999999999", "fb:1:-3", "fb:2:1", "hv:nonsense:1", "hv-no:abc",
              "hv:case_question:0", "fb:1:1:1", "hv:" + "9" * 60]  # fmt: skip
    async with launch():
        mine = await _offer(fake_bot_api, OFFICIAL, OFFICIAL, "Wat kost een opleiding?")
        for data in forged:
            press(fake_bot_api, OFFICIAL, OFFICIAL, data, mine)
        toasts = await _refusals(fake_bot_api, len(forged))
        for text in ("/close 99999999999999999999", "/ticket ²", "/close -1"):
            command(fake_bot_api, STAFF_CHAT, SARA, text)
        await wait_send(fake_bot_api, STAFF_CHAT, "Gebruik: /close", count=2)
        await wait_send(fake_bot_api, STAFF_CHAT, "Gebruik: /ticket")
        for data in ("sq:claim:abc", "sq:claim:99999999999999999999", "sq:nope:1"):
            press(fake_bot_api, STAFF_CHAT, SARA, data, mine)
        await fake_bot_api.wait_for(lambda calls: len(answers(fake_bot_api, messages.BUTTON_EXPIRED)) >= 12)

    assert len(toasts) == len(forged)
    every_text = " ".join(str(call.params.get("text", "")) for call in fake_bot_api.calls())
    assert messages.INTERNAL_ERROR.split(".")[0] not in every_text


async def test_a_button_press_without_a_message_is_refused(launch: Launch, fake_bot_api: FakeBotAPI) -> None:
    async with launch():
        mine = await _offer(fake_bot_api, OFFICIAL, OFFICIAL, "Wat kost een opleiding?")
        update = fake_bot_api.make.callback_query(OFFICIAL, OFFICIAL, buttons(mine)[0], 1)
        del update["callback_query"]["message"]
        update["callback_query"]["inline_message_id"] = "inline-1"
        fake_bot_api.enqueue(update)
        toasts = await _refusals(fake_bot_api, 1)

    assert toasts == [messages.BUTTON_EXPIRED]


async def test_commands_in_channel_posts_are_ignored(launch: Launch, fake_bot_api: FakeBotAPI) -> None:
    channel = -1005555500001
    async with launch():
        for text in ("/start", "/mijnvragen", "/close 1", "/mens hulp"):
            post = fake_bot_api.make.command(channel, OFFICIAL, text)
            message = post.pop("message")
            message["chat"] = {"id": channel, "type": "channel", "title": "Kanaal"}
            message.pop("from", None)
            fake_bot_api.enqueue({"channel_post": message})
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/start")
        await wait_send(fake_bot_api, OFFICIAL, "")

    assert not [call for call in fake_bot_api.calls() if call.chat_id == channel]


async def _processed(storage: Storage, update_id: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while (stored := storage.inbox.get(update_id)) is None or stored.status is not UpdateStatus.DONE:
        assert time.monotonic() < deadline, f"update {update_id} was not handled"
        await asyncio.sleep(0.02)


def _member_update(user: int, old: str, new: str) -> dict[str, Any]:
    person = {"id": user, "is_bot": False, "first_name": f"Gebruiker {user}"}
    now = int(time.time())
    return {
        "chat_member": {
            "chat": {"id": STAFF_CHAT, "type": "supergroup", "title": "Team Veiligheid", "is_forum": True},
            "from": {"id": SARA, "is_bot": False, "first_name": "Sara"},
            "date": now,
            "old_chat_member": {"status": old, "user": person},
            "new_chat_member": {"status": new, "user": person} if new != "kicked" else
            {"status": "kicked", "user": person, "until_date": 0},
        }
    }  # fmt: skip


async def test_staff_rights_end_with_the_chat_member_update_not_the_cache(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        command(fake_bot_api, STAFF_CHAT, TOM, f"/ticket {number}")
        await wait_send(fake_bot_api, STAFF_CHAT, f"Vraag {number}", count=2)  # Tom is staff (and cached)
        fake_bot_api.set_member_status(STAFF_CHAT, TOM, "left")
        left = fake_bot_api.enqueue(_member_update(TOM, "member", "left"))
        await _processed(storage, left)
        command(fake_bot_api, STAFF_CHAT, TOM, f"/ticket {number}")
        await wait_send(fake_bot_api, STAFF_CHAT, messages.STAFF_REFUSED)

    assert any(entry.action == "staff.refused" and entry.actor_user_id == TOM for entry in storage.audit.recent(50))


async def test_only_an_administrator_of_the_staff_chat_approves_an_faq_draft(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        storage.faq_drafts.create_draft(number, "Wat is een LIVC R?", "Een overleg.", edited_by=SARA)
        [draft] = storage.faq_drafts.list_drafts()
        command(fake_bot_api, STAFF_CHAT, TOM, f"/faqok {draft.id}")
        await wait_send(fake_bot_api, STAFF_CHAT, "beheerder")
        fake_bot_api.set_member_status(STAFF_CHAT, SARA, "administrator")
        command(fake_bot_api, STAFF_CHAT, SARA, f"/faqok {draft.id}")
        await wait_send(fake_bot_api, STAFF_CHAT, "goedgekeurd door")

    approved = storage.faq_drafts.get(draft.id)
    assert approved is not None and approved.approved_by == SARA
