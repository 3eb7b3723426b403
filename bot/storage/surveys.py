"""Surveys: questions, who was invited, what each official was last asked, and their answers.

An answer's primary key (question, chat) makes a second answer to the same question a no-op;
``survey_participants.done_at`` closes the survey for that official. Invitations and the one
reminder are queued with their outbox rows in the same transaction (``FollowRepository``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.follows import FollowRepository, Push
from bot.storage.models import Survey, SurveyAnswer, SurveyParticipant, SurveyQuestion
from bot.storage.types import Clock, ensure_utc, utcnow


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    id: int
    position: int
    kind: str  # single | multiple | text
    text: str
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SurveyRecord:
    id: int
    title: str
    themes: tuple[str, ...]
    deadline: datetime
    reminder_at: datetime
    reminded_at: datetime | None
    questions: tuple[QuestionRecord, ...]


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    survey_id: int
    chat_id: int
    asked_question_id: int | None
    asked_message_id: int | None
    done: bool


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    question_id: int
    chat_id: int
    choices: tuple[int, ...]
    text: str | None


class SurveyRepository:
    """Surveys over one ``Database``."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock
        self._follows = FollowRepository(db, clock=clock)

    def create(
        self, title: str, themes: Sequence[str], deadline: datetime, reminder_at: datetime,
        questions: Sequence[tuple[str, str, Sequence[str]]], created_by: str | None = None,
    ) -> int:  # fmt: skip
        """Store a survey and its questions ``(kind, text, options)`` in order; its id."""
        with self._db.session() as session:
            survey = Survey(
                title=title,
                themes=list(themes),
                deadline=ensure_utc(deadline),
                reminder_at=ensure_utc(reminder_at),
                created_by=created_by,
                created_at=self._clock(),
            )
            session.add(survey)
            session.flush()
            session.add_all(
                SurveyQuestion(survey_id=survey.id, position=position, kind=kind, text=text, options=list(options))
                for position, (kind, text, options) in enumerate(questions, start=1)
            )
            return int(survey.id)

    def get(self, survey_id: int) -> SurveyRecord | None:
        with self._db.session() as session:
            row = session.get(Survey, survey_id)
            return None if row is None else _survey(session, row)

    def invite(self, survey_id: int, pushes: Iterable[Push]) -> int:
        """Participants and their invitations, in one transaction; how many were new."""
        with self._db.session() as session:
            batch = list(pushes)
            for push in batch:
                insert = dialect_insert(session, SurveyParticipant).values(
                    survey_id=survey_id, chat_id=push.chat_id, invited_at=self._clock()
                )
                session.execute(insert.on_conflict_do_nothing())
            return self._follows.queue_pushes(batch, session=session)

    def participant(self, survey_id: int, chat_id: int) -> ParticipantRecord | None:
        with self._db.session() as session:
            row = session.get(SurveyParticipant, (survey_id, chat_id))
            return None if row is None else _participant(row)

    def by_poll(self, poll_id: str) -> ParticipantRecord | None:
        """Whose survey question the Telegram poll ``poll_id`` is."""
        with self._db.session() as session:
            row = session.scalars(select(SurveyParticipant).where(SurveyParticipant.asked_poll_id == poll_id)).first()
            return None if row is None else _participant(row)

    def by_message(self, chat_id: int, message_id: int) -> ParticipantRecord | None:
        """Whose text question is the bot's message ``message_id`` in ``chat_id``."""
        with self._db.session() as session:
            row = session.scalars(
                select(SurveyParticipant).where(
                    SurveyParticipant.chat_id == chat_id, SurveyParticipant.asked_message_id == message_id
                )
            ).first()
            return None if row is None else _participant(row)

    def asked(self, survey_id: int, chat_id: int, question_id: int, message_id: int, poll_id: str | None) -> None:
        """The question ``question_id`` went out as message ``message_id`` (a poll: ``poll_id``)."""
        with self._db.session() as session:
            session.execute(
                update(SurveyParticipant)
                .where(SurveyParticipant.survey_id == survey_id, SurveyParticipant.chat_id == chat_id)
                .values(asked_question_id=question_id, asked_message_id=message_id, asked_poll_id=poll_id)
            )

    def answer(self, survey_id: int, question_id: int, chat_id: int, choices: Sequence[int], text: str | None) -> bool:
        """Store an answer; False when this official already answered this question."""
        with self._db.session() as session:
            insert = dialect_insert(session, SurveyAnswer).values(
                question_id=question_id, chat_id=chat_id, survey_id=survey_id, choices=list(choices), text=text,
                created_at=self._clock(),
            )  # fmt: skip
            return execute_counting(session, insert.on_conflict_do_nothing()) == 1

    def answered(self, survey_id: int, chat_id: int) -> set[int]:
        with self._db.session() as session:
            statement = select(SurveyAnswer.question_id).where(
                SurveyAnswer.survey_id == survey_id, SurveyAnswer.chat_id == chat_id
            )
            return set(session.scalars(statement))

    def finish(self, survey_id: int, chat_id: int) -> None:
        with self._db.session() as session:
            session.execute(
                update(SurveyParticipant)
                .where(SurveyParticipant.survey_id == survey_id, SurveyParticipant.chat_id == chat_id)
                .values(done_at=self._clock(), asked_message_id=None, asked_poll_id=None)
            )

    def due_reminders(self, now: datetime) -> list[SurveyRecord]:
        """Surveys whose one reminder is due (past ``reminder_at``, before the deadline, not sent)."""
        moment = ensure_utc(now)
        with self._db.session() as session:
            rows = session.scalars(
                select(Survey).where(
                    Survey.reminded_at.is_(None), Survey.reminder_at <= moment, Survey.deadline > moment
                )
            ).all()
            return [_survey(session, row) for row in rows]

    def remind(self, survey_id: int, pushes: Iterable[Push]) -> int:
        """Mark the reminder sent and queue it, once: a second call finds it marked and queues nothing."""
        with self._db.session() as session:
            marked = execute_counting(
                session,
                update(Survey)
                .where(Survey.id == survey_id, Survey.reminded_at.is_(None))
                .values(reminded_at=self._clock()),
            )
            return self._follows.queue_pushes(pushes, session=session) if marked else 0

    def unfinished(self, survey_id: int) -> list[int]:
        """Invited officials who did not complete the survey."""
        with self._db.session() as session:
            statement = select(SurveyParticipant.chat_id).where(
                SurveyParticipant.survey_id == survey_id, SurveyParticipant.done_at.is_(None)
            )
            return sorted(int(chat) for chat in session.scalars(statement))

    def answers(self, survey_id: int) -> list[AnswerRecord]:
        with self._db.session() as session:
            rows = session.scalars(
                select(SurveyAnswer).where(SurveyAnswer.survey_id == survey_id)
                .order_by(SurveyAnswer.question_id, SurveyAnswer.created_at)
            )  # fmt: skip
            return [AnswerRecord(r.question_id, r.chat_id, tuple(r.choices), r.text) for r in rows]


def forget_survey_answers(session: Session, chat_id: int) -> int:
    """``/vergeetmij``: drop the official's survey answers and participation."""
    removed = execute_counting(session, delete(SurveyAnswer).where(SurveyAnswer.chat_id == chat_id))
    execute_counting(session, delete(SurveyParticipant).where(SurveyParticipant.chat_id == chat_id))
    return removed


def _survey(session: Session, row: Survey) -> SurveyRecord:
    questions = session.scalars(
        select(SurveyQuestion).where(SurveyQuestion.survey_id == row.id).order_by(SurveyQuestion.position)
    )
    return SurveyRecord(
        row.id, row.title, tuple(row.themes), row.deadline, row.reminder_at, row.reminded_at,
        tuple(QuestionRecord(q.id, q.position, q.kind, q.text, tuple(q.options)) for q in questions),
    )  # fmt: skip


def _participant(row: SurveyParticipant) -> ParticipantRecord:
    return ParticipantRecord(row.survey_id, row.chat_id, row.asked_question_id, row.asked_message_id,
                             row.done_at is not None)  # fmt: skip
