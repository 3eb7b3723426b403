"""Questions, the bot's answers and the officials' feedback on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.enums import REMOVED, Decision
from bot.storage.errors import NotFound
from bot.storage.models import Answer, Feedback, Question, Ticket
from bot.storage.privacy import blank_questions
from bot.storage.records import AnswerRecord, QuestionRecord, from_row
from bot.storage.types import Clock, ensure_utc, utcnow


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """A question to store; its text already redacted by the caller."""

    official_id: int
    chat_id: int
    text_redacted: str
    message_id: int | None = None
    update_id: int | None = None
    redaction_kinds: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GivenAnswer:
    """The bot's answer to store beside its question."""

    decision: Decision
    confidence: float
    text: str
    sources: tuple[Mapping[str, Any], ...] = ()


class ConversationRepository:
    """What officials asked and what the bot replied; the texts are redacted by the caller."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def record_question(
        self,
        official_id: int,
        chat_id: int,
        text_redacted: str,
        *,
        message_id: int | None = None,
        update_id: int | None = None,
        redaction_kinds: Iterable[str] = (),
    ) -> int:
        """Store a question; returns its id."""
        row = self._question_row(official_id, chat_id, text_redacted, message_id, update_id, redaction_kinds)
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def record_answer(
        self,
        question_id: int,
        decision: Decision,
        confidence: float,
        text: str,
        sources: Iterable[Mapping[str, Any]] = (),
    ) -> int:
        """Store what the bot decided and said; returns the answer id."""
        row = self._answer_row(question_id, decision, confidence, text, sources)
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def record_exchange(self, question: AskedQuestion, answer: GivenAnswer) -> tuple[int, int]:
        """Store a question and the bot's answer to it in one transaction; (question id, answer id).

        One commit instead of two per question: under a burst the writes are a large share of
        what the event loop's neighbours wait for, and a crash can no longer leave a question
        without its answer.
        """
        with self._db.session() as session:
            asked = self._question_row(question.official_id, question.chat_id, question.text_redacted,
                                   question.message_id, question.update_id, question.redaction_kinds)  # fmt: skip
            session.add(asked)
            session.flush()
            given = self._answer_row(asked.id, answer.decision, answer.confidence, answer.text, answer.sources)
            session.add(given)
            session.flush()
            return asked.id, given.id

    def _question_row(
        self,
        official_id: int,
        chat_id: int,
        text_redacted: str,
        message_id: int | None,
        update_id: int | None,
        redaction_kinds: Iterable[str],
    ) -> Question:
        return Question(
            official_id=official_id,
            chat_id=chat_id,
            message_id=message_id,
            update_id=update_id,
            text_redacted=text_redacted,
            redaction_kinds=list(redaction_kinds),
            created_at=self._clock(),
        )

    def _answer_row(
        self, question_id: int, decision: Decision, confidence: float, text: str, sources: Iterable[Mapping[str, Any]]
    ) -> Answer:
        return Answer(
            question_id=question_id,
            decision=Decision(decision),
            confidence=float(confidence),
            text=text,
            sources=[dict(source) for source in sources],
            created_at=self._clock(),
        )

    def set_answer_message_id(self, answer_id: int, bot_message_id: int) -> None:
        """Remember which Telegram message carried the answer (for feedback buttons)."""
        with self._db.session() as session:
            statement = update(Answer).where(Answer.id == answer_id).values(bot_message_id=bot_message_id)
            if execute_counting(session, statement) == 0:
                raise NotFound("answer", answer_id)

    def get_answer(self, answer_id: int) -> AnswerRecord | None:
        """One answer, e.g. to escalate it when the official found it not helpful."""
        with self._db.session() as session:
            row = session.get(Answer, answer_id)
            return None if row is None else _answer(row)

    def answer_owner(self, answer_id: int) -> tuple[int, int] | None:
        """(official id, chat id) of the question ``answer_id`` replied to; ``None`` when unknown."""
        with self._db.session() as session:
            row = session.execute(
                select(Question.official_id, Question.chat_id)
                .join(Answer, Answer.question_id == Question.id)
                .where(Answer.id == answer_id)
            ).first()
            return None if row is None else (int(row[0]), int(row[1]))

    def record_feedback(self, answer_id: int, official_id: int, helpful: bool) -> None:
        """Store a thumbs up or down; a second vote by the same official replaces the first."""
        now = self._clock()
        with self._db.session() as session:
            insert = dialect_insert(session, Feedback).values(
                answer_id=answer_id, official_id=official_id, helpful=helpful, created_at=now
            )
            session.execute(
                insert.on_conflict_do_update(
                    index_elements=[Feedback.answer_id, Feedback.official_id],
                    set_={"helpful": insert.excluded.helpful, "created_at": insert.excluded.created_at},
                )
            )

    def feedback_for(self, answer_id: int) -> dict[int, bool]:
        """Votes on an answer by official id."""
        with self._db.session() as session:
            rows = session.execute(
                select(Feedback.official_id, Feedback.helpful).where(Feedback.answer_id == answer_id)
            ).all()
            return {official_id: helpful for official_id, helpful in rows}

    def last_question(self, official_id: int) -> QuestionRecord | None:
        """The official's latest question with the bot's latest answer to it (follow-up context)."""
        with self._db.session() as session:
            question = session.scalars(
                select(Question)
                .where(Question.official_id == official_id)
                .order_by(Question.created_at.desc(), Question.id.desc())
                .limit(1)
            ).first()
            if question is None:
                return None
            answer = session.scalars(
                select(Answer).where(Answer.question_id == question.id).order_by(Answer.id.desc()).limit(1)
            ).first()
            return from_row(
                QuestionRecord,
                question,
                redaction_kinds=tuple(question.redaction_kinds or ()),
                answer=None if answer is None else _answer(answer),
            )

    def anonymise_older_than(self, days: int, *, now: datetime | None = None, handed_over: bool | None = None) -> int:
        """Blank questions (and their answers) older than ``days``; returns questions blanked.

        ``handed_over`` False takes only questions no ticket was opened for (kept for a shorter
        time), True only those with a ticket, None both.
        """
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days!r}")
        cutoff = ensure_utc(now or self._clock()) - timedelta(days=days)
        conditions = [Question.created_at < cutoff, Question.text_redacted != REMOVED]
        if handed_over is not None:
            has_ticket = exists().where(Ticket.question_id == Question.id)
            conditions.append(has_ticket if handed_over else ~has_ticket)
        with self._db.session() as session:
            ids = session.scalars(select(Question.id).where(*conditions))
            questions, _answers = blank_questions(session, list(ids))
            return questions


def _answer(row: Answer) -> AnswerRecord:
    return from_row(AnswerRecord, row, sources=tuple(row.sources or ()))
