"""The staff queue: tickets from creation to closing, and where they live in the staff group.

Status changes lock the ticket row first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite
transactions already hold the write lock), so two staff members acting at once see each
other's change. ``claim`` is a single conditional ``UPDATE ... WHERE status = 'open'``: of two
concurrent claims exactly one updates a row, the other reads back who holds the ticket.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from bot.messages import TICKET_PURGED_NEUTRAL as PURGED
from bot.storage._sql import execute_counting, locked, require_row
from bot.storage.db import Database
from bot.storage.enums import AuthorKind, HandoverTrigger, TicketStatus
from bot.storage.errors import InvalidTransition, NotFound, NotTicketOwner
from bot.storage.models import OutboxMessage, Ticket, TicketMessage
from bot.storage.privacy import blank_tickets
from bot.storage.records import ClaimResult, TicketMessageRecord, TicketRecord, from_row
from bot.storage.types import Clock, ensure_utc, utcnow

logger = logging.getLogger(__name__)

ACTIVE = (TicketStatus.OPEN, TicketStatus.CLAIMED)
ANSWERABLE = (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.ANSWERED)
REOPENABLE = (TicketStatus.ANSWERED, TicketStatus.CLOSED)


class TicketRepository:
    """Tickets and their conversation; returns ``TicketRecord`` snapshots."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def create_ticket(
        self,
        official_id: int,
        chat_id: int,
        question_text: str,
        trigger: HandoverTrigger,
        *,
        question_id: int | None = None,
        bot_answer: str | None = None,
        bot_sources: Iterable[Mapping[str, Any]] = (),
        bot_confidence: float | None = None,
    ) -> TicketRecord:
        """Open a ticket for a (redacted) question the bot could not or should not answer."""
        now = self._clock()
        row = Ticket(
            official_id=official_id,
            chat_id=chat_id,
            question_id=question_id,
            question_text=question_text,
            bot_answer=bot_answer,
            bot_sources=[dict(source) for source in bot_sources],
            bot_confidence=bot_confidence,
            trigger=HandoverTrigger(trigger),
            status=TicketStatus.OPEN,
            created_at=now,
            updated_at=now,
            anonymised=False,
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            record = _ticket(row)
        logger.info("Ticket %s created (%s)", record.id, record.trigger)
        return record

    def get_ticket(self, ticket_id: int) -> TicketRecord | None:
        """One ticket, if it exists."""
        with self._db.session() as session:
            row = session.get(Ticket, ticket_id)
            return None if row is None else _ticket(row)

    def list_open(self) -> list[TicketRecord]:
        """Tickets still waiting for an answer (open or claimed), oldest first."""
        return self._list(Ticket.status.in_(ACTIVE))

    def list_for_official(self, official_id: int, *, active_only: bool = False) -> list[TicketRecord]:
        """An official's tickets, oldest first; ``active_only`` keeps open and claimed ones."""
        condition = Ticket.official_id == official_id
        if active_only:
            condition = and_(condition, Ticket.status.in_(ACTIVE))
        return self._list(condition)

    def claim(self, ticket_id: int, staff_user_id: int, staff_name: str) -> ClaimResult:
        """Take an open ticket; ``won`` is false if someone (maybe the caller) holds it already."""
        now = self._clock()
        with self._db.session() as session:
            won = execute_counting(
                session,
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.status == TicketStatus.OPEN)
                .values(
                    status=TicketStatus.CLAIMED,
                    assignee_user_id=staff_user_id,
                    assignee_name=staff_name,
                    claimed_at=now,
                    updated_at=now,
                ),
            )
            row = require_row(session, select(Ticket).where(Ticket.id == ticket_id), "ticket", ticket_id)
            result = ClaimResult(won=won == 1, ticket=_ticket(row))
        if result.won:
            logger.info("Ticket %s claimed by staff %s", ticket_id, staff_user_id)
        return result

    def add_message(
        self,
        ticket_id: int,
        author_kind: AuthorKind,
        text: str,
        *,
        author_user_id: int | None = None,
        author_name: str | None = None,
        telegram_chat_id: int | None = None,
        telegram_message_id: int | None = None,
    ) -> TicketMessageRecord:
        """Append a message to the ticket's conversation and touch ``updated_at``."""
        now = self._clock()
        with self._db.session() as session:
            ticket = require_row(session, locked(Ticket, ticket_id), "ticket", ticket_id)
            ticket.updated_at = now
            row = TicketMessage(
                ticket_id=ticket_id,
                author_kind=AuthorKind(author_kind),
                author_user_id=author_user_id,
                author_name=author_name,
                text=text,
                telegram_chat_id=telegram_chat_id,
                telegram_message_id=telegram_message_id,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return from_row(TicketMessageRecord, row)

    def messages(self, ticket_id: int) -> list[TicketMessageRecord]:
        """The ticket's conversation in order."""
        with self._db.session() as session:
            rows = session.scalars(
                select(TicketMessage).where(TicketMessage.ticket_id == ticket_id).order_by(TicketMessage.id)
            )
            return [from_row(TicketMessageRecord, row) for row in rows]

    def mark_answered(self, ticket_id: int, staff_user_id: int, staff_name: str) -> TicketRecord:
        """Staff answered; the answerer becomes the assignee if nobody was."""
        now = self._clock()
        with self._db.session() as session:
            row = self._transition(session, ticket_id, ANSWERABLE, "answer")
            if row.assignee_user_id is None:
                row.assignee_user_id, row.assignee_name, row.claimed_at = staff_user_id, staff_name, now
            row.status, row.answered_at, row.updated_at = TicketStatus.ANSWERED, now, now
            return _ticket(row)

    def close(self, ticket_id: int) -> TicketRecord:
        """Close the ticket (closing a closed ticket changes nothing)."""
        now = self._clock()
        with self._db.session() as session:
            row = self._transition(session, ticket_id, (*ANSWERABLE, TicketStatus.CLOSED), "close")
            if row.status != TicketStatus.CLOSED:
                row.status, row.closed_at, row.updated_at = TicketStatus.CLOSED, now, now
            return _ticket(row)

    def reopen(self, ticket_id: int) -> TicketRecord:
        """The official wrote again on an answered or closed ticket: back to its assignee, or open."""
        now = self._clock()
        with self._db.session() as session:
            row = self._transition(session, ticket_id, (*REOPENABLE, *ACTIVE), "reopen")
            if row.status in REOPENABLE:
                row.status = TicketStatus.CLAIMED if row.assignee_user_id is not None else TicketStatus.OPEN
                row.closed_at, row.updated_at = None, now
            return _ticket(row)

    def withdraw(self, ticket_id: int, official_id: int) -> TicketRecord:
        """The official no longer needs an answer; only their own, unclosed tickets."""
        now = self._clock()
        with self._db.session() as session:
            row = require_row(session, locked(Ticket, ticket_id), "ticket", ticket_id)
            if row.official_id != official_id:
                raise NotTicketOwner(f"ticket {ticket_id} does not belong to official {official_id}")
            self._check(row, ANSWERABLE, "withdraw")
            row.status, row.closed_at, row.updated_at = TicketStatus.WITHDRAWN, now, now
            return _ticket(row)

    def set_staff_post(self, ticket_id: int, chat_id: int, thread_id: int | None, message_id: int) -> None:
        """Where the ticket was posted in the staff group (forum topic and message)."""
        with self._db.session() as session:
            statement = (
                update(Ticket)
                .where(Ticket.id == ticket_id)
                .values(staff_chat_id=chat_id, staff_thread_id=thread_id, staff_message_id=message_id)
            )
            if execute_counting(session, statement) == 0:
                raise NotFound("ticket", ticket_id)

    def set_staff_thread(self, ticket_id: int, chat_id: int, thread_id: int) -> None:
        """The forum topic opened for the ticket, saved before its first post is sent there.

        Saved on its own so that a post that fails after the topic was made reuses that topic.
        """
        with self._db.session() as session:
            statement = (
                update(Ticket).where(Ticket.id == ticket_id).values(staff_chat_id=chat_id, staff_thread_id=thread_id)
            )
            if execute_counting(session, statement) == 0:
                raise NotFound("ticket", ticket_id)

    def find_by_staff_thread(self, chat_id: int, thread_id: int) -> TicketRecord | None:
        """The ticket whose forum topic this is (the newest, should a topic be reused)."""
        with self._db.session() as session:
            row = session.scalars(
                select(Ticket)
                .where(Ticket.staff_chat_id == chat_id, Ticket.staff_thread_id == thread_id)
                .order_by(Ticket.id.desc())
                .limit(1)
            ).first()
            return None if row is None else _ticket(row)

    def find_by_staff_message(self, chat_id: int, message_id: int) -> TicketRecord | None:
        """The ticket a staff reply refers to: its post, a logged message, or a sent outbox row."""
        candidates = (
            select(Ticket.id).where(Ticket.staff_chat_id == chat_id, Ticket.staff_message_id == message_id),
            select(TicketMessage.ticket_id).where(
                TicketMessage.telegram_chat_id == chat_id, TicketMessage.telegram_message_id == message_id
            ),
            select(OutboxMessage.ticket_id).where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.telegram_message_id == message_id,
                OutboxMessage.ticket_id.is_not(None),
            ),
        )
        with self._db.session() as session:
            for statement in candidates:
                ticket_id = session.scalar(statement.limit(1))
                if ticket_id is not None:
                    row = session.get(Ticket, ticket_id)
                    return None if row is None else _ticket(row)
            return None

    def overdue(self, older_than: timedelta, *, now: datetime | None = None) -> list[TicketRecord]:
        """Open or claimed tickets waiting longer than ``older_than`` and not reminded since."""
        cutoff = ensure_utc(now or self._clock()) - older_than
        return self._list(
            Ticket.status.in_(ACTIVE),
            Ticket.anonymised.is_(False),
            Ticket.created_at <= cutoff,
            or_(Ticket.last_reminded_at.is_(None), Ticket.last_reminded_at <= cutoff),
        )

    def mark_reminded(self, ticket_id: int, *, at: datetime | None = None) -> None:
        """Record that staff were reminded of the ticket."""
        when = ensure_utc(at or self._clock())
        with self._db.session() as session:
            statement = update(Ticket).where(Ticket.id == ticket_id).values(last_reminded_at=when)
            if execute_counting(session, statement) == 0:
                raise NotFound("ticket", ticket_id)

    def anonymise_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Blank texts and names of tickets without activity for ``days``; rows and counts stay.

        Open tickets are anonymised too (retention wins), but ``overdue`` stops nagging about them.
        """
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days!r}")
        cutoff = ensure_utc(now or self._clock()) - timedelta(days=days)
        with self._db.session() as session:
            ids = session.scalars(select(Ticket.id).where(Ticket.updated_at < cutoff, Ticket.anonymised.is_(False)))
            tickets, _messages, _outbox = blank_tickets(session, list(ids), neutral=PURGED, now=self._clock())
        if tickets:
            logger.info("Anonymised %s tickets older than %s days", tickets, days)
        return tickets

    def _list(self, *conditions: Any) -> list[TicketRecord]:
        with self._db.session() as session:
            rows = session.scalars(select(Ticket).where(*conditions).order_by(Ticket.created_at, Ticket.id))
            return [_ticket(row) for row in rows]

    def _transition(self, session: Session, ticket_id: int, allowed: tuple[TicketStatus, ...], verb: str) -> Ticket:
        row: Ticket = require_row(session, locked(Ticket, ticket_id), "ticket", ticket_id)
        self._check(row, allowed, verb)
        return row

    @staticmethod
    def _check(row: Ticket, allowed: tuple[TicketStatus, ...], verb: str) -> None:
        if row.status not in allowed:
            raise InvalidTransition(f"cannot {verb} ticket {row.id}: it is {row.status}")


def _ticket(row: Ticket) -> TicketRecord:
    return from_row(TicketRecord, row, bot_sources=tuple(row.bot_sources or ()))
