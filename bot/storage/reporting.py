"""The rows the workspace's yearly report is computed from, read in three queries.

One pass each over questions (with the bot's decision and sources), tickets (with the first
staff answer) and feedback, for a period in UTC. The figures themselves (medians, themes,
counts per local government) are computed by ``bot.workspace.reports``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from bot.storage.db import Database
from bot.storage.enums import AuthorKind, Decision
from bot.storage.models import Answer, Feedback, Official, Question, Ticket, TicketMessage


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """A question asked in the period: when, from which local government, what the bot did."""

    created_at: datetime
    local_government: str | None
    decision: Decision | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A ticket opened in the period, with its first staff answer."""

    id: int
    created_at: datetime
    first_staff_at: datetime | None
    status: str
    trigger: str
    outcome: str | None
    local_government: str | None
    sources: tuple[str, ...]
    bot_confidence: float | None


@dataclass(frozen=True, slots=True)
class ReportRows:
    """Everything a report needs for one period."""

    questions: list[QuestionRow]
    tickets: list[TicketRow]
    helpful: int
    not_helpful: int


class ReportingRepository:
    """Read-only queries for reports."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def rows(self, start: datetime, end: datetime) -> ReportRows:
        """Rows for ``start <= created_at < end`` (aware datetimes)."""
        with self._db.session() as session:
            questions = [
                QuestionRow(created, government, decision, _doc_ids(sources))
                for created, government, decision, sources in session.execute(
                    select(Question.created_at, Official.local_government, Answer.decision, Answer.sources)
                    .join(Official, Official.id == Question.official_id)
                    .outerjoin(Answer, Answer.question_id == Question.id)
                    .where(Question.created_at >= start, Question.created_at < end)
                )
            ]
            first = (
                select(TicketMessage.ticket_id, func.min(TicketMessage.created_at).label("first_at"))
                .where(TicketMessage.author_kind == AuthorKind.STAFF)
                .group_by(TicketMessage.ticket_id)
                .subquery()
            )
            tickets = [
                TicketRow(row.id, row.created_at, row.first_at, str(row.status), str(row.trigger), row.outcome,
                          row.local_government, _doc_ids(row.bot_sources), row.bot_confidence)  # fmt: skip
                for row in session.execute(
                    select(Ticket.id, Ticket.created_at, first.c.first_at, Ticket.status, Ticket.trigger,
                           Ticket.outcome, Official.local_government, Ticket.bot_sources, Ticket.bot_confidence)
                    .join(Official, Official.id == Ticket.official_id)
                    .outerjoin(first, first.c.ticket_id == Ticket.id)
                    .where(Ticket.created_at >= start, Ticket.created_at < end)
                )  # fmt: skip
            ]
            votes = dict(
                session.execute(
                    select(Feedback.helpful, func.count())
                    .join(Answer, Answer.id == Feedback.answer_id)
                    .join(Question, Question.id == Answer.question_id)
                    .where(Question.created_at >= start, Question.created_at < end)
                    .group_by(Feedback.helpful)
                ).all()
            )
        return ReportRows(questions, tickets, int(votes.get(True, 0)), int(votes.get(False, 0)))


def _doc_ids(sources: Any) -> tuple[str, ...]:
    """The doc ids of stored sources, best first (the first five are enough for a theme)."""
    return tuple(str(source.get("doc_id", "")) for source in (sources or ())[:5] if isinstance(source, dict))
