"""What the web workspace stores beside the queue: notes, canned replies, assignment and outcome,
and the inbox search over tickets.

The inbox query filters in SQL on what the tables hold (status, trigger, assignee, local
government, age, words in the redacted question); the theme is derived from a ticket's sources
by the workspace and filtered there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from bot.storage._sql import execute_counting, locked, require_row
from bot.storage.db import Database
from bot.storage.enums import HandoverTrigger, TicketStatus
from bot.storage.errors import InvalidTransition, NotFound
from bot.storage.models import CannedReply, Official, Ticket, TicketNote
from bot.storage.records import TicketRecord, from_row
from bot.storage.types import Clock, utcnow


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """An internal note on a ticket."""

    id: int
    ticket_id: int
    author_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CannedReplyRecord:
    """A reusable answer."""

    id: int
    title: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class InboxQuery:
    """Inbox filters; empty fields do not filter. ``created_before`` selects tickets at least that old."""

    statuses: tuple[TicketStatus, ...] = (TicketStatus.OPEN, TicketStatus.CLAIMED)
    trigger: HandoverTrigger | None = None
    assignee: str | None = None
    local_government: str | None = None
    created_before: datetime | None = None
    search: str | None = None
    limit: int = 500


@dataclass(frozen=True, slots=True)
class InboxRow:
    """A ticket with its official's local government."""

    ticket: TicketRecord
    local_government: str | None


class WorkdeskRepository:
    """Notes, canned replies, (re)assignment, outcomes and the inbox query."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def inbox(self, query: InboxQuery) -> list[InboxRow]:
        """Tickets matching ``query``, oldest first."""
        statement = select(Ticket, Official.local_government).join(Official, Official.id == Ticket.official_id)
        if query.statuses:
            statement = statement.where(Ticket.status.in_(query.statuses))
        if query.trigger is not None:
            statement = statement.where(Ticket.trigger == query.trigger)
        if query.assignee:
            statement = statement.where(Ticket.assignee_name == query.assignee)
        if query.local_government:
            statement = statement.where(Official.local_government == query.local_government)
        if query.created_before is not None:
            statement = statement.where(Ticket.created_at <= query.created_before)
        for word in (query.search or "").split()[:8]:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            statement = statement.where(Ticket.question_text.ilike(f"%{escaped}%", escape="\\"))
        statement = statement.order_by(Ticket.created_at, Ticket.id).limit(query.limit)
        with self._db.session() as session:
            return [InboxRow(_ticket(row), government) for row, government in session.execute(statement)]

    def known_local_governments(self) -> list[str]:
        """Local governments officials gave, for the inbox filter."""
        with self._db.session() as session:
            rows = session.scalars(
                select(Official.local_government).where(Official.local_government.is_not(None)).distinct()
            )
            return sorted(str(name) for name in rows)

    def assignees(self) -> list[str]:
        """Names tickets are assigned to, for the inbox filter."""
        with self._db.session() as session:
            rows = session.scalars(select(Ticket.assignee_name).where(Ticket.assignee_name.is_not(None)).distinct())
            return sorted(str(name) for name in rows)

    def assign(self, ticket_id: int, name: str | None) -> TicketRecord:
        """Give an open or claimed ticket to ``name``; ``None`` puts it back as open."""
        now = self._clock()
        with self._db.session() as session:
            row: Ticket = require_row(session, locked(Ticket, ticket_id), "ticket", ticket_id)
            if row.status not in (TicketStatus.OPEN, TicketStatus.CLAIMED):
                raise InvalidTransition(f"cannot assign ticket {ticket_id}: it is {row.status}")
            row.assignee_name, row.assignee_user_id = name, None
            row.status = TicketStatus.CLAIMED if name else TicketStatus.OPEN
            row.claimed_at, row.updated_at = (now if name else None), now
            return _ticket(row)

    def set_outcome(self, ticket_id: int, outcome: str) -> TicketRecord:
        """How a closed ticket ended (answered, referred elsewhere, no answer possible)."""
        with self._db.session() as session:
            if execute_counting(session, update(Ticket).where(Ticket.id == ticket_id).values(outcome=outcome)) == 0:
                raise NotFound("ticket", ticket_id)
            return _ticket(session.get_one(Ticket, ticket_id))

    def add_note(self, ticket_id: int, author_name: str, text: str) -> NoteRecord:
        """Keep an internal note on the ticket."""
        with self._db.session() as session:
            require_row(session, select(Ticket).where(Ticket.id == ticket_id), "ticket", ticket_id)
            row = TicketNote(ticket_id=ticket_id, author_name=author_name, text=text, created_at=self._clock())
            session.add(row)
            session.flush()
            return from_row(NoteRecord, row)

    def notes(self, ticket_id: int) -> list[NoteRecord]:
        """The ticket's notes in order."""
        with self._db.session() as session:
            rows = session.scalars(select(TicketNote).where(TicketNote.ticket_id == ticket_id).order_by(TicketNote.id))
            return [from_row(NoteRecord, row) for row in rows]

    def add_canned(self, title: str, text: str) -> CannedReplyRecord:
        """A new canned reply."""
        with self._db.session() as session:
            row = CannedReply(title=title, text=text, created_at=self._clock())
            session.add(row)
            session.flush()
            return from_row(CannedReplyRecord, row)

    def canned(self) -> list[CannedReplyRecord]:
        """Every canned reply by title."""
        with self._db.session() as session:
            rows = session.scalars(select(CannedReply).order_by(CannedReply.title, CannedReply.id))
            return [from_row(CannedReplyRecord, row) for row in rows]

    def delete_canned(self, reply_ids: Sequence[int]) -> int:
        """Remove canned replies; how many went."""
        with self._db.session() as session:
            return execute_counting(session, delete(CannedReply).where(CannedReply.id.in_(list(reply_ids))))


def _ticket(row: Ticket) -> TicketRecord:
    return from_row(TicketRecord, row, bot_sources=tuple(row.bot_sources or ()))
