"""The rows the workspace's yearly report is computed from, for a period in UTC.

Question counts per local government, decision and month come grouped from the database;
each question's first source doc ids (for its theme), each ticket with its first staff
answer, and the feedback counts come in one query each. The figures themselves (medians,
themes, totals) are computed by ``bot.workspace.reports``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, case, func, select, type_coerce

from bot.storage.db import Database
from bot.storage.enums import AuthorKind
from bot.storage.models import Answer, Feedback, Official, Question, Ticket, TicketMessage

SOURCES = 5  # the best-ranked five sources are enough to find a theme


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
    bot_confidence: float | None
    last_official_at: datetime | None
    question: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportRows:
    """Everything a report needs for one period: question counts grouped by the database,
    the sources of every question (for its theme), and one row per ticket."""

    questions_by_government: dict[str | None, int]
    questions_by_decision: dict[str | None, int]
    questions_by_month: list[int]
    question_sources: list[tuple[str, ...]]
    tickets: list[TicketRow]
    helpful: int
    not_helpful: int

    @property
    def questions(self) -> int:
        return sum(self.questions_by_government.values())


class ReportingRepository:
    """Read-only queries for reports."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def version(self) -> tuple[Any, ...]:
        """A cheap fingerprint of everything a report reads: it changes whenever a figure can.

        Row counts and highest ids of the tables read, the newest ticket change and the
        officials' local governments (a count of those given); one statement, a few ms.
        """
        parts = [func.count(Question.id), func.max(Question.id)], [func.max(Answer.id)], [func.count(Feedback.id)], \
            [func.max(Ticket.updated_at), func.count(Ticket.id)], [func.max(TicketMessage.id)], \
            [func.count(Official.local_government), func.max(Official.id)]  # fmt: skip
        with self._db.session() as session:
            return tuple(value for columns in parts for value in session.execute(select(*columns)).one())

    def rows(self, start: datetime, end: datetime, month_starts: Sequence[datetime] = ()) -> ReportRows:
        """Rows for ``start <= created_at < end`` (aware datetimes).

        ``month_starts`` are the starts of the 2nd to 12th month (in the report's time zone):
        questions are counted by the database in one GROUP BY (local government, decision,
        month), so 10,000 questions come back as a few hundred rows, not 10,000.
        """
        in_period = (Question.created_at >= start, Question.created_at < end)
        month = case(*((Question.created_at < bound, n) for n, bound in enumerate(month_starts, 1)),
                     else_=len(month_starts) + 1)  # fmt: skip
        decision = type_coerce(Answer.decision, String)  # plain text: skips the Enum's per-row lookup
        keys = (Official.local_government, decision, month)
        by_government: Counter[str | None] = Counter()
        by_decision: Counter[str | None] = Counter()
        by_month: Counter[int] = Counter()
        with self._db.session() as session:
            counted = session.execute(
                select(*keys, func.count()).select_from(Question)
                .join(Official, Official.id == Question.official_id)
                .outerjoin(Answer, Answer.question_id == Question.id)
                .where(*in_period).group_by(*keys)
            )  # fmt: skip
            for government, decided, month_number, count in counted:
                by_government[government] += count
                by_decision[decided] += count
                by_month[int(month_number)] += count
            doc_ids = _first_doc_ids(Answer.sources, session.get_bind().dialect.name)
            sources = [
                doc_ids.read(row)
                for row in session.execute(
                    select(*doc_ids.columns)
                    .select_from(Question)
                    .outerjoin(Answer, Answer.question_id == Question.id)
                    .where(*in_period)
                )
            ]
            ticket_doc_ids = _first_doc_ids(Ticket.bot_sources, session.get_bind().dialect.name)
            first, last_official = (
                _first_message(AuthorKind.STAFF, func.min),
                _first_message(AuthorKind.OFFICIAL, func.max),
            )
            tickets = [
                TicketRow(
                    row[0],
                    row[1],
                    row[2],
                    str(row[3]),
                    str(row[4]),
                    row[5],
                    row[6],
                    row[7],
                    row[8],
                    row[9],
                    ticket_doc_ids.read(row[10:]),
                )
                for row in session.execute(
                    select(
                        Ticket.id,
                        Ticket.created_at,
                        first.c.at,
                        Ticket.status,
                        Ticket.trigger,
                        Ticket.outcome,
                        Official.local_government,
                        Ticket.bot_confidence,
                        last_official.c.at,
                        Ticket.question_text,
                        *ticket_doc_ids.columns,
                    )
                    .join(Official, Official.id == Ticket.official_id)
                    .outerjoin(first, first.c.ticket_id == Ticket.id)
                    .outerjoin(last_official, last_official.c.ticket_id == Ticket.id)
                    .where(Ticket.created_at >= start, Ticket.created_at < end)
                )
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
        months = [by_month.get(n, 0) for n in range(1, len(month_starts) + 2)]
        return ReportRows(dict(by_government), dict(by_decision), months, sources, tickets,
                          int(votes.get(True, 0)), int(votes.get(False, 0)))  # fmt: skip


def _first_message(kind: AuthorKind, pick: Any) -> Any:
    """Per ticket, the first (``func.min``) or last (``func.max``) message time of ``kind``."""
    return (
        select(TicketMessage.ticket_id, pick(TicketMessage.created_at).label("at"))
        .where(TicketMessage.author_kind == kind)
        .group_by(TicketMessage.ticket_id)
        .subquery()
    )


@dataclass(frozen=True, slots=True)
class _DocIds:
    """Columns that give the first ``SOURCES`` doc ids of a sources list, and how to read them."""

    columns: list[Any]
    packed: bool  # one JSON array text (SQLite) instead of one column per rank

    def read(self, row: Sequence[Any]) -> tuple[str, ...]:
        values = json.loads(row[0] or "[]") if self.packed else row
        if self.packed and not isinstance(values, list):
            values = [values]
        return tuple(str(doc_id) for doc_id in values if doc_id)


def _first_doc_ids(column: Any, dialect: str) -> _DocIds:
    """The doc ids of the first ``SOURCES`` stored sources, extracted by the database.

    Decoding every sources list in Python took half of the report's time at 10,000 questions.
    SQLite's ``json_extract`` with several paths parses the list once and returns a small JSON
    array; PostgreSQL reads each path (``#>>``) from its parsed value.
    """
    if dialect == "sqlite":
        paths = [f"$[{rank}].doc_id" for rank in range(SOURCES)]
        return _DocIds([func.json_extract(column, *paths)], packed=True)
    return _DocIds([column[(rank, "doc_id")].as_string() for rank in range(SOURCES)], packed=False)
