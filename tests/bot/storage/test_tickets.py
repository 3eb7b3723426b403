"""The staff queue: lifecycle, atomic claims, staff-group lookups, reminders, retention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

import pytest
from sqlalchemy import func, select

from bot.storage import (
    REMOVED,
    AuthorKind,
    Database,
    HandoverTrigger,
    InvalidTransition,
    NotFound,
    NotTicketOwner,
    OfficialRecord,
    OutboxKind,
    Storage,
    TicketRecord,
    TicketRepository,
    TicketStatus,
)
from bot.storage.models import Ticket, TicketMessage

from .conftest import FakeClock
from .helpers import race


def _ticket(storage: Storage, official: OfficialRecord, text: str = "Mag ik dit delen?") -> TicketRecord:
    return storage.tickets.create_ticket(
        official.id,
        1001,
        text,
        HandoverTrigger.CASE_QUESTION,
        bot_answer="Misschien.",
        bot_sources=[{"doc_id": "d"}],
        bot_confidence=0.31,
    )


def _id(ticket: TicketRecord | None) -> int | None:
    return None if ticket is None else ticket.id


def _text(ticket: TicketRecord | None) -> str | None:
    return None if ticket is None else ticket.question_text


def test_storage_exposes_the_ticket_repository(storage: Storage) -> None:
    assert isinstance(storage.tickets, TicketRepository)


def test_lifecycle(storage: Storage, official: OfficialRecord, clock: FakeClock) -> None:
    ticket = _ticket(storage, official)
    assert (ticket.status, ticket.trigger, ticket.bot_sources) == (
        TicketStatus.OPEN,
        HandoverTrigger.CASE_QUESTION,
        ({"doc_id": "d"},),
    )
    assert storage.tickets.list_open() == [ticket]

    clock.advance(minutes=5)
    claim = storage.tickets.claim(ticket.id, 77, "Sara (VVSG)")
    assert claim.won and claim.holder_user_id == 77 and claim.ticket.claimed_at == clock.now

    storage.tickets.add_message(ticket.id, AuthorKind.STAFF, "Ja, dat mag.", author_user_id=77, author_name="Sara")
    answered = storage.tickets.mark_answered(ticket.id, 77, "Sara (VVSG)")
    assert answered.status == TicketStatus.ANSWERED and answered.answered_at == clock.now
    assert storage.tickets.list_open() == []

    reopened = storage.tickets.reopen(ticket.id)
    assert reopened.status == TicketStatus.CLAIMED and reopened.assignee_user_id == 77

    closed = storage.tickets.close(ticket.id)
    assert closed.status == TicketStatus.CLOSED and closed.closed_at == clock.now
    assert storage.tickets.close(ticket.id) == closed
    assert storage.tickets.reopen(ticket.id).status == TicketStatus.CLAIMED
    assert [m.text for m in storage.tickets.messages(ticket.id)] == ["Ja, dat mag."]
    assert storage.tickets.list_for_official(official.id) == [storage.tickets.get_ticket(ticket.id)]


def test_answer_without_claim_assigns_the_answerer(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    answered = storage.tickets.mark_answered(ticket.id, 88, "Tom")
    assert (answered.assignee_user_id, answered.assignee_name) == (88, "Tom")
    assert storage.tickets.close(ticket.id).status == TicketStatus.CLOSED
    reopened = storage.tickets.reopen(ticket.id)
    assert reopened.status == TicketStatus.CLAIMED


def test_reopen_unclaimed_goes_back_to_open(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    storage.tickets.close(ticket.id)
    assert storage.tickets.reopen(ticket.id).status == TicketStatus.OPEN


def test_second_claim_learns_the_holder(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    assert storage.tickets.claim(ticket.id, 1, "Eerste").won
    late = storage.tickets.claim(ticket.id, 2, "Tweede")
    assert not late.won
    assert (late.holder_user_id, late.holder_name) == (1, "Eerste")
    with pytest.raises(NotFound):
        storage.tickets.claim(999_999, 1, "x")


def test_concurrent_claims_exactly_one_winner(
    storage: Storage, official: OfficialRecord, url: str, open_databases: Callable[[str], Database]
) -> None:
    repositories = [TicketRepository(open_databases(url)) for _ in range(6)]
    for _round in range(3):
        ticket = _ticket(storage, official)
        results = race([partial(repo.claim, ticket.id, n, f"staff {n}") for n, repo in enumerate(repositories)])
        winners = [result for result in results if result.won]
        assert len(winners) == 1
        holder = winners[0].ticket.assignee_user_id
        assert all(result.holder_user_id == holder for result in results)
        final = storage.tickets.get_ticket(ticket.id)
        assert final is not None and final.assignee_user_id == holder


def test_withdraw_only_own_active_tickets(storage: Storage, official: OfficialRecord) -> None:
    other = storage.officials.upsert_official(2002, "Bert")
    ticket = _ticket(storage, official)
    with pytest.raises(NotTicketOwner):
        storage.tickets.withdraw(ticket.id, other.id)
    assert storage.tickets.withdraw(ticket.id, official.id).status == TicketStatus.WITHDRAWN
    with pytest.raises(InvalidTransition):
        storage.tickets.withdraw(ticket.id, official.id)
    with pytest.raises(InvalidTransition):
        storage.tickets.reopen(ticket.id)
    with pytest.raises(InvalidTransition):
        storage.tickets.mark_answered(ticket.id, 1, "x")
    assert not storage.tickets.claim(ticket.id, 1, "x").won


def test_list_for_official_active_only(storage: Storage, official: OfficialRecord) -> None:
    first = _ticket(storage, official, "een")
    second = _ticket(storage, official, "twee")
    storage.tickets.close(first.id)
    assert [t.id for t in storage.tickets.list_for_official(official.id)] == [first.id, second.id]
    assert [t.id for t in storage.tickets.list_for_official(official.id, active_only=True)] == [second.id]


def test_staff_group_lookups(storage: Storage, official: OfficialRecord) -> None:
    ticket = _ticket(storage, official)
    other = _ticket(storage, official, "andere")
    storage.tickets.set_staff_post(ticket.id, -100500, 31, 900)
    storage.tickets.add_message(
        ticket.id, AuthorKind.OFFICIAL, "aanvulling", telegram_chat_id=-100500, telegram_message_id=950
    )
    item = storage.outbox.enqueue(OutboxKind.POST_TO_STAFF, -100500, "nog iets", dedupe_key="p", ticket_id=other.id)
    storage.outbox.claim_due()
    storage.outbox.mark_sent(item, 990)

    assert storage.tickets.find_by_staff_thread(-100500, 31) == storage.tickets.get_ticket(ticket.id)
    assert storage.tickets.find_by_staff_thread(-100500, 32) is None
    assert _id(storage.tickets.find_by_staff_message(-100500, 900)) == ticket.id
    assert _id(storage.tickets.find_by_staff_message(-100500, 950)) == ticket.id
    assert _id(storage.tickets.find_by_staff_message(-100500, 990)) == other.id
    assert storage.tickets.find_by_staff_message(-100500, 1) is None
    assert storage.tickets.find_by_staff_message(-100999, 900) is None
    with pytest.raises(NotFound):
        storage.tickets.set_staff_post(999_999, -1, None, 1)
    with pytest.raises(NotFound):
        storage.tickets.add_message(999_999, AuthorKind.BOT, "x")


def test_overdue_and_reminders(storage: Storage, official: OfficialRecord, clock: FakeClock) -> None:
    old = _ticket(storage, official, "oud")
    answered = _ticket(storage, official, "beantwoord")
    storage.tickets.mark_answered(answered.id, 1, "x")
    clock.advance(hours=30)
    fresh = _ticket(storage, official, "vers")

    assert [t.id for t in storage.tickets.overdue(timedelta(hours=24))] == [old.id]
    storage.tickets.mark_reminded(old.id)
    assert storage.tickets.overdue(timedelta(hours=24)) == []
    clock.advance(hours=25)
    assert [t.id for t in storage.tickets.overdue(timedelta(hours=24))] == [old.id, fresh.id]


def test_anonymise_older_than_keeps_counts(storage: Storage, official: OfficialRecord, clock: FakeClock) -> None:
    old = _ticket(storage, official, "oude vraag")
    storage.tickets.claim(old.id, 5, "Staff Naam")
    storage.tickets.add_message(old.id, AuthorKind.STAFF, "antwoord", author_name="Staff Naam")
    storage.tickets.close(old.id)
    clock.advance(days=400)
    recent = _ticket(storage, official, "nieuwe vraag")

    assert storage.tickets.anonymise_older_than(365) == 1
    assert storage.tickets.anonymise_older_than(365) == 0

    blanked = storage.tickets.get_ticket(old.id)
    assert blanked is not None
    assert (blanked.question_text, blanked.bot_answer, blanked.bot_sources, blanked.assignee_name) == (
        REMOVED,
        REMOVED,
        (),
        None,
    )
    assert blanked.anonymised and blanked.status == TicketStatus.CLOSED and blanked.assignee_user_id == 5
    assert _text(storage.tickets.get_ticket(recent.id)) == "nieuwe vraag"
    assert [(m.text, m.author_name) for m in storage.tickets.messages(old.id)] == [(REMOVED, None)]
    with storage.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 2
        assert session.scalar(select(func.count()).select_from(TicketMessage)) == 1
    with pytest.raises(ValueError, match="-1"):
        storage.tickets.anonymise_older_than(-1)
