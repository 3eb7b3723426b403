"""Relays: ticket message, status change and outbox rows in one transaction, exactly once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from bot.storage import (
    AuthorKind,
    Database,
    HandoverTrigger,
    InvalidTransition,
    NotTicketOwner,
    OfficialRecord,
    OutboxKind,
    OutgoingMessage,
    RelayRepository,
    Storage,
    TicketRecord,
    TicketStatus,
)

from .helpers import race


def _ticket(storage: Storage, official: OfficialRecord) -> TicketRecord:
    return storage.tickets.create_ticket(official.id, 1001, "Mag dat?", HandoverTrigger.SPECIFIC_FACTS)


def _relay(key: str, chat_id: int = 1001) -> list[OutgoingMessage]:
    return [
        OutgoingMessage(OutboxKind.RELAY_TO_OFFICIAL, chat_id, "<b>deel 1</b>", f"{key}:0", "HTML"),
        OutgoingMessage(OutboxKind.RELAY_TO_OFFICIAL, chat_id, "deel 2", f"{key}:1", "HTML"),
    ]


def test_specific_facts_trigger_round_trips(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    stored = storage.tickets.get_ticket(ticket.id)
    assert stored is not None and stored.trigger is HandoverTrigger.SPECIFIC_FACTS


def test_staff_answer_logs_relays_and_answers_once(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    first = storage.relays.record_staff_answer(
        ticket.id, "Ja.", _relay("relay:-100:7"), staff_user_id=77, staff_name="Sara",
        telegram_chat_id=-100, telegram_message_id=7,
    )  # fmt: skip
    again = storage.relays.record_staff_answer(
        ticket.id, "Ja.", _relay("relay:-100:7"), staff_user_id=77, staff_name="Sara",
        telegram_chat_id=-100, telegram_message_id=7,
    )  # fmt: skip
    assert first.created and not again.created
    assert first.ticket.status is TicketStatus.ANSWERED and first.ticket.assignee_user_id == 77
    assert [m.author_kind for m in storage.tickets.messages(ticket.id)] == [AuthorKind.STAFF]
    rows = storage.outbox.claim_due(limit=10)
    assert [(row.text, row.ticket_id, row.parse_mode) for row in rows] == [
        ("<b>deel 1</b>", ticket.id, "HTML"),
        ("deel 2", ticket.id, "HTML"),
    ]
    storage.outbox.mark_sent(rows[0].id, 555)
    found = storage.outbox.find_sent(1001, 555)
    assert found is not None and found.id == rows[0].id
    assert storage.outbox.find_sent(1001, 556) is None


def test_closed_ticket_reopens_on_staff_answer_withdrawn_refuses(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    storage.tickets.close(ticket.id)
    result = storage.relays.record_staff_answer(ticket.id, "Nog dit.", _relay("a"), staff_user_id=1, staff_name="S")
    assert result.reopened and result.ticket.status is TicketStatus.ANSWERED and result.ticket.closed_at is None

    other = _ticket(storage, official)
    storage.tickets.withdraw(other.id, official.id)
    with pytest.raises(InvalidTransition):
        storage.relays.record_staff_answer(other.id, "Te laat.", _relay("b"), staff_user_id=1, staff_name="S")
    assert storage.tickets.messages(other.id) == []
    assert storage.outbox.pending_count() == 2  # only ticket one's relay


def test_official_reply_reopens_to_assignee_and_checks_owner(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    storage.relays.record_staff_answer(ticket.id, "Ja.", _relay("a"), staff_user_id=77, staff_name="Sara")
    staff_copy = [OutgoingMessage(OutboxKind.NOTIFY_STAFF, -100, "reactie", "followup:1001:9:0", "HTML")]
    reply = storage.relays.record_official_reply(ticket.id, official.id, "En dit?", staff_copy,
                                                 telegram_chat_id=1001, telegram_message_id=9)  # fmt: skip
    assert reply.created and reply.reopened and reply.ticket.status is TicketStatus.CLAIMED
    again = storage.relays.record_official_reply(ticket.id, official.id, "En dit?", staff_copy)
    assert not again.created
    stranger = storage.officials.upsert_official(2002, "Iemand Anders")
    with pytest.raises(NotTicketOwner):
        storage.relays.record_official_reply(ticket.id, stranger.id, "Hack", [])
    assert [m.author_kind for m in storage.tickets.messages(ticket.id)] == [
        AuthorKind.STAFF,
        AuthorKind.OFFICIAL,
    ]


def test_anonymised_ticket_takes_no_relay(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    storage.tickets.anonymise_older_than(0, now=ticket.created_at.replace(year=2030))
    with pytest.raises(InvalidTransition):
        storage.relays.record_staff_answer(ticket.id, "Ja.", _relay("a"), staff_user_id=1, staff_name="S")


def test_set_staff_thread_then_post(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    storage.tickets.set_staff_thread(ticket.id, -100, 42)
    assert storage.tickets.find_by_staff_thread(-100, 42) is not None
    storage.tickets.set_staff_post(ticket.id, -100, 42, 900)
    stored = storage.tickets.get_ticket(ticket.id)
    assert stored is not None and (stored.staff_thread_id, stored.staff_message_id) == (42, 900)


def test_concurrent_identical_relays_write_once(
    storage: Storage, official: OfficialRecord, url: str, open_databases: Callable[[str], Database]
) -> None:
    ticket = _ticket(storage, official)
    repositories = [RelayRepository(open_databases(url)) for _ in range(4)]

    def answer(relays: RelayRepository) -> bool:
        return relays.record_staff_answer(
            ticket.id, "Ja.", _relay("relay:-100:8"), staff_user_id=77, staff_name="Sara"
        ).created

    assert sorted(race([partial(answer, relays) for relays in repositories])) == [False, False, False, True]
    assert len(storage.tickets.messages(ticket.id)) == 1
    assert storage.outbox.pending_count() == 2
