"""Questions, answers, feedback; and foreign keys that hold on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from bot.storage import (
    REMOVED,
    AskedQuestion,
    ConstraintViolation,
    Database,
    Decision,
    GivenAnswer,
    NotFound,
    OfficialRecord,
    Storage,
)
from bot.storage.models import Answer, Question

from .conftest import FakeClock


def test_question_and_answer_round_trip(storage: Storage, official: OfficialRecord) -> None:
    question = storage.conversation.record_question(
        official.id, 1001, "Wat is [NAAM] zijn rol?", message_id=7, update_id=70, redaction_kinds=["person"]
    )
    answer = storage.conversation.record_answer(question, Decision.ANSWER, 0.74, "De rol is...", [{"doc_id": "x"}])
    storage.conversation.set_answer_message_id(answer, 8)

    last = storage.conversation.last_question(official.id)
    assert last is not None
    assert (last.id, last.text_redacted, last.redaction_kinds, last.message_id) == (
        question,
        "Wat is [NAAM] zijn rol?",
        ("person",),
        7,
    )
    assert last.answer is not None
    assert (last.answer.id, last.answer.decision, last.answer.bot_message_id) == (answer, Decision.ANSWER, 8)
    assert last.answer.sources == ({"doc_id": "x"},)
    assert storage.conversation.get_answer(answer) == last.answer


def test_an_exchange_is_stored_in_one_transaction(storage: Storage, official: OfficialRecord, db: Database) -> None:
    commits: list[object] = []

    def count(connection: object) -> None:
        commits.append(connection)

    event.listen(db.engine, "commit", count)
    asked = AskedQuestion(official.id, 1001, "Wat is [NAAM] zijn rol?", 7, 70, ("person",))
    question, answer = storage.conversation.record_exchange(
        asked, GivenAnswer(Decision.ESCALATE, 0.31, "Ik geef dit door.", ({"doc_id": "x"},))
    )
    event.remove(db.engine, "commit", count)

    assert len(commits) == 1
    last = storage.conversation.last_question(official.id)
    assert last is not None and last.answer is not None
    assert (last.id, last.message_id, last.redaction_kinds) == (question, 7, ("person",))
    assert (last.answer.id, last.answer.decision, last.answer.sources) == (
        answer,
        Decision.ESCALATE,
        ({"doc_id": "x"},),
    )


def test_an_exchange_whose_answer_fails_leaves_no_question(
    storage: Storage, official: OfficialRecord, db: Database
) -> None:
    broken = GivenAnswer(Decision.ANSWER, 0.9, None)  # type: ignore[arg-type]  # answers.text is NOT NULL
    with pytest.raises(ConstraintViolation):
        storage.conversation.record_exchange(AskedQuestion(official.id, 1001, "vraag"), broken)
    with db.session() as session:
        assert session.scalars(select(Question)).all() == []


def test_last_question_is_the_newest(storage: Storage, official: OfficialRecord, clock: FakeClock) -> None:
    assert storage.conversation.last_question(official.id) is None
    storage.conversation.record_question(official.id, 1001, "eerste")
    clock.advance(minutes=1)
    newest = storage.conversation.record_question(official.id, 1001, "tweede")
    last = storage.conversation.last_question(official.id)
    assert last is not None and last.id == newest and last.answer is None


def test_feedback_last_vote_wins(storage: Storage, official: OfficialRecord) -> None:
    question = storage.conversation.record_question(official.id, 1001, "vraag")
    answer = storage.conversation.record_answer(question, Decision.ANSWER, 0.9, "antwoord")
    storage.conversation.record_feedback(answer, official.id, True)
    storage.conversation.record_feedback(answer, official.id, False)
    assert storage.conversation.feedback_for(answer) == {official.id: False}


def test_foreign_keys_are_enforced(storage: Storage, official: OfficialRecord) -> None:
    with pytest.raises(ConstraintViolation):
        storage.conversation.record_answer(12345, Decision.ANSWER, 0.5, "orphan")
    with pytest.raises(ConstraintViolation):
        storage.conversation.record_question(9999, 1, "no such official")
    with pytest.raises(ConstraintViolation):
        storage.conversation.record_feedback(12345, official.id, True)
    with pytest.raises(NotFound):
        storage.conversation.set_answer_message_id(12345, 1)


def test_anonymise_old_questions(storage: Storage, official: OfficialRecord, clock: FakeClock) -> None:
    old = storage.conversation.record_question(official.id, 1001, "oud")
    storage.conversation.record_answer(old, Decision.ESCALATE, 0.1, "oud antwoord")
    clock.advance(days=400)
    new = storage.conversation.record_question(official.id, 1001, "nieuw")

    assert storage.conversation.anonymise_older_than(365) == 1
    assert storage.conversation.anonymise_older_than(365) == 0

    last = storage.conversation.last_question(official.id)
    assert last is not None and last.id == new and last.text_redacted == "nieuw"
    with storage.database.session() as session:
        assert session.scalars(select(Question.text_redacted).where(Question.id == old)).one() == REMOVED
        assert list(session.scalars(select(Answer.text))) == [REMOVED]
