"""Officials: upsert, municipality, and being forgotten."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.storage import (
    REMOVED,
    AuthorKind,
    Decision,
    HandoverTrigger,
    OfficialRecord,
    OutboxKind,
    OutboxStatus,
    Storage,
    TicketStatus,
)
from bot.storage.models import Answer, Question, Ticket, TicketMessage

from .conftest import FakeClock


def test_upsert_creates_then_refreshes(storage: Storage, clock: FakeClock) -> None:
    first = storage.officials.upsert_official(42, "An", "an", "nl")
    clock.advance(days=1)
    second = storage.officials.upsert_official(42, "An Peeters", None, None)

    assert second.id == first.id
    assert (second.display_name, second.username, second.language) == ("An Peeters", None, "nl")
    assert second.created_at == first.created_at
    assert second.last_seen_at == first.last_seen_at + (clock.now - first.last_seen_at)
    assert storage.officials.get(42) == second
    assert storage.officials.get_by_id(first.id) == second
    assert storage.officials.get(43) is None


def test_set_local_government(storage: Storage, official: OfficialRecord) -> None:
    updated = storage.officials.set_local_government(official.telegram_user_id, "Gemeente Mechelen")
    assert updated.local_government == "Gemeente Mechelen"
    assert storage.officials.get(official.telegram_user_id) == updated


def test_forget_official_blanks_text_and_keeps_counts(storage: Storage, official: OfficialRecord) -> None:
    other = storage.officials.upsert_official(2002, "Bert", "bert", "nl")
    question = storage.conversation.record_question(official.id, 1001, "Hoe werkt een LIVC-R?")
    storage.conversation.record_answer(question, Decision.ANSWER, 0.8, "Zo werkt het.", [{"doc_id": "a"}])
    kept = storage.conversation.record_question(other.id, 2002, "Andere vraag")
    ticket = storage.tickets.create_ticket(
        official.id, 1001, "Hoe werkt een LIVC-R?", HandoverTrigger.LOW_CONFIDENCE, bot_answer="Zo werkt het."
    )
    storage.tickets.add_message(ticket.id, AuthorKind.OFFICIAL, "Het gaat over onze gemeente", author_name="An")
    storage.tickets.add_message(ticket.id, AuthorKind.STAFF, "Ik bel u", author_name="Staff")
    storage.outbox.enqueue(OutboxKind.RELAY_TO_OFFICIAL, 1001, "Ik bel u", dedupe_key="relay-1")

    result = storage.officials.forget_official(official.telegram_user_id)

    assert result.found
    assert (result.questions, result.answers, result.tickets, result.ticket_messages) == (1, 1, 1, 2)
    forgotten = storage.officials.get(official.telegram_user_id)
    assert forgotten is not None
    assert (forgotten.display_name, forgotten.username) == (REMOVED, None)
    with storage.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Question)) == 2
        texts = {row.id: row.text_redacted for row in session.execute(select(Question.id, Question.text_redacted))}
        assert texts == {question: REMOVED, kept: "Andere vraag"}
        assert {a.text for a in session.scalars(select(Answer))} == {REMOVED}
        assert {m.text for m in session.scalars(select(TicketMessage))} == {REMOVED}
        assert {m.author_name for m in session.scalars(select(TicketMessage))} == {None}
        row = session.scalars(select(Ticket)).one()
        assert (row.question_text, row.bot_answer, row.status, row.anonymised) == (
            REMOVED,
            REMOVED,
            TicketStatus.WITHDRAWN,
            True,
        )
    assert storage.outbox.pending_count() == 0
    failed = storage.outbox.failed_items()
    assert [(item.text, item.status) for item in failed] == [(REMOVED, OutboxStatus.FAILED)]
    assert storage.officials.get(2002) == other


def test_forget_unknown_official(storage: Storage) -> None:
    assert not storage.officials.forget_official(999).found
