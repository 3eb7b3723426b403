"""Privacy: /vergeetmij with confirmation, retention that anonymises but keeps counts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.queue import Actor, StaffQueue
from bot.settings import Settings
from bot.storage import REMOVED, HandoverTrigger, Storage, TicketStatus
from bot.storage.models import Ticket, TicketMessage
from tests.support.fakes import FakeBotAPI

from .conftest import (
    LOW,
    OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    buttons,
    command,
    escalate,
    message_id,
    press,
    settled,
    staff_reply,
    ticket_of,
    wait_send,
)


async def test_forget_me_asks_first_then_blanks_everything(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/vergeetmij")
        question = await wait_send(fake_bot_api, OFFICIAL, "Wilt u dat we uw gegevens verwijderen?")
        assert buttons(question) == ["vg:ja", "vg:nee"]
        press(fake_bot_api, OFFICIAL, OFFICIAL, "vg:nee", question)
        await fake_bot_api.wait_for(lambda calls: any("niets verwijderd" in str(c.params.get("text")) for c in calls))
        official = storage.officials.get(OFFICIAL)
        assert official is not None and official.display_name != REMOVED

        command(fake_bot_api, OFFICIAL, OFFICIAL, "/vergeetmij")
        again = await wait_send(fake_bot_api, OFFICIAL, "Wilt u dat we uw gegevens verwijderen?", count=2)
        press(fake_bot_api, OFFICIAL, OFFICIAL, "vg:ja", again)
        await fake_bot_api.wait_for(lambda calls: any("zijn verwijderd" in str(c.params.get("text")) for c in calls))
        await wait_send(fake_bot_api, STAFF_CHAT, "liet zijn gegevens verwijderen")
        await settled(storage)

    official = storage.officials.get(OFFICIAL)
    assert official is not None and official.display_name == REMOVED and official.local_government is None
    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.status is TicketStatus.WITHDRAWN and ticket.question_text == REMOVED
    assert "official.forgotten" in [entry.action for entry in storage.audit.recent()]


async def test_retention_anonymises_old_tickets_and_keeps_counts(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await staff_reply(fake_bot_api, post, "Oud antwoord.")
        await wait_send(fake_bot_api, OFFICIAL, "Oud antwoord.")
        await settled(storage)

        queue = StaffQueue.over(storage, queue_settings)
        ticket = storage.tickets.get_ticket(number)
        assert ticket is not None
        report = queue.upkeep.purge(ticket.updated_at + timedelta(days=queue_settings.retention_days + 1))
        assert report.anonymised_tickets == 1 and report.anonymised_questions == 1

        await staff_reply(fake_bot_api, post, "Nog een late aanvulling.")  # refused: nothing left to relay to
        refused = await wait_send(fake_bot_api, STAFF_CHAT, "Niet doorgestuurd")
        assert "Probeer opnieuw" in str(refused.params["text"])
        neutral = f"Vraag {number} — verwijderd (bewaartermijn)"
        await fake_bot_api.wait_for(lambda calls: any(c.params.get("name") == neutral for c in calls))
        await fake_bot_api.wait_for(
            lambda calls: any(
                c.method == "editMessageText" and c.params.get("text") == neutral
                and int(c.params["message_id"]) == message_id(post) for c in calls
            )
        )  # fmt: skip

    with storage.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1
        assert session.scalar(select(func.count()).select_from(TicketMessage)) == 1
        assert session.scalar(select(TicketMessage.text)) == REMOVED
    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.anonymised and ticket.question_text == REMOVED
    assert ticket.status is TicketStatus.ANSWERED  # statistics keep their status and timestamps


def test_retention_leaves_recent_tickets_alone(storage: Storage, queue_settings: Settings) -> None:
    queue = StaffQueue.over(storage, queue_settings)
    official = storage.officials.upsert_official(OFFICIAL, "An")
    ticket = queue.officials.escalate(official.id, OFFICIAL, OFFICIAL, LOW, HandoverTrigger.LOW_CONFIDENCE).ticket
    queue.staff.answer(ticket.id, Actor(SARA, "Sara"), "Recent antwoord.")
    report = queue.upkeep.purge(ticket.created_at + timedelta(days=queue_settings.retention_days - 1))
    assert report.anonymised_tickets == 0
    assert storage.tickets.messages(ticket.id)[0].text == "Recent antwoord."
