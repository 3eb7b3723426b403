"""Relays: a message of a ticket's conversation and the outbox rows that carry it, written together.

A staff answer has to reach the official, and an official's follow-up has to reach staff. The
ticket message, the ticket's status change and the outbox rows go in one transaction, so a crash
leaves all of them or none; the first outbox row's ``dedupe_key`` names the Telegram message that
caused it, so a redelivered update (or a retried handler) finds the key taken and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage._sql import locked, require_row
from bot.storage.db import Database
from bot.storage.enums import AuthorKind, OutboxKind, TicketStatus
from bot.storage.errors import InvalidTransition, NotTicketOwner
from bot.storage.models import OutboxMessage, Ticket, TicketMessage
from bot.storage.outbox import insert_outbox_row
from bot.storage.records import TicketMessageRecord, TicketRecord, from_row
from bot.storage.types import Clock, utcnow

logger = logging.getLogger(__name__)

REOPENABLE = (TicketStatus.ANSWERED, TicketStatus.CLOSED)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A Telegram message to queue in the same transaction as the change that caused it."""

    kind: OutboxKind
    chat_id: int
    text: str
    dedupe_key: str
    parse_mode: str | None = None
    reply_markup: Mapping[str, Any] | None = None
    message_thread_id: int | None = None
    reply_to_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class RelayResult:
    """The ticket after the relay; ``created`` is false when the relay was already recorded."""

    ticket: TicketRecord
    message: TicketMessageRecord | None
    created: bool
    reopened: bool = False


class RelayRepository:
    """Writes staff answers and official follow-ups with their outbox rows, exactly once."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def record_staff_answer(
        self,
        ticket_id: int,
        text: str,
        outgoing: Sequence[OutgoingMessage],
        *,
        staff_user_id: int | None,
        staff_name: str | None,
        telegram_chat_id: int | None = None,
        telegram_message_id: int | None = None,
    ) -> RelayResult:
        """Staff answered: log it, queue the relay, mark the ticket answered (a closed one reopens)."""
        now = self._clock()
        with self._db.session() as session:
            row = _lock(session, ticket_id, "answer")
            if _already(session, outgoing):
                return RelayResult(_ticket(row), None, created=False)
            if row.status == TicketStatus.WITHDRAWN:
                raise InvalidTransition(f"cannot answer ticket {ticket_id}: it is {row.status}")
            reopened = row.status == TicketStatus.CLOSED
            if row.assignee_user_id is None and staff_user_id is not None:
                row.assignee_user_id, row.assignee_name, row.claimed_at = staff_user_id, staff_name, now
            row.status, row.answered_at, row.closed_at, row.updated_at = TicketStatus.ANSWERED, now, None, now
            message = _add(session, row, now, AuthorKind.STAFF, text, staff_user_id, staff_name,
                           telegram_chat_id, telegram_message_id, outgoing)  # fmt: skip
            result = RelayResult(_ticket(row), message, created=True, reopened=reopened)
        logger.info("Staff answer on ticket %s recorded with %s outbox rows", ticket_id, len(outgoing))
        return result

    def record_official_reply(
        self,
        ticket_id: int,
        official_id: int,
        text: str,
        outgoing: Sequence[OutgoingMessage],
        *,
        telegram_chat_id: int | None = None,
        telegram_message_id: int | None = None,
    ) -> RelayResult:
        """The official wrote again: log it, queue it for staff, reopen an answered or closed ticket."""
        now = self._clock()
        with self._db.session() as session:
            row = _lock(session, ticket_id, "reply to")
            if row.official_id != official_id:
                raise NotTicketOwner(f"ticket {ticket_id} does not belong to official {official_id}")
            if _already(session, outgoing):
                return RelayResult(_ticket(row), None, created=False)
            if row.status == TicketStatus.WITHDRAWN:
                raise InvalidTransition(f"cannot reply to ticket {ticket_id}: it is {row.status}")
            reopened = row.status in REOPENABLE
            if reopened:
                row.status = TicketStatus.CLAIMED if row.assignee_user_id is not None else TicketStatus.OPEN
                row.closed_at = None
            row.updated_at = now
            message = _add(session, row, now, AuthorKind.OFFICIAL, text, None, None,
                           telegram_chat_id, telegram_message_id, outgoing)  # fmt: skip
            result = RelayResult(_ticket(row), message, created=True, reopened=reopened)
        logger.info("Official follow-up on ticket %s recorded (reopened=%s)", ticket_id, reopened)
        return result


def _lock(session: Session, ticket_id: int, verb: str) -> Ticket:
    row: Ticket = require_row(session, locked(Ticket, ticket_id), "ticket", ticket_id)
    if row.anonymised:
        raise InvalidTransition(f"cannot {verb} ticket {ticket_id}: it was anonymised")
    return row


def _already(session: Session, outgoing: Sequence[OutgoingMessage]) -> bool:
    if not outgoing:
        return False
    key = outgoing[0].dedupe_key
    return session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)) is not None


def _add(
    session: Session,
    ticket: Ticket,
    now: datetime,
    author_kind: AuthorKind,
    text: str,
    author_user_id: int | None,
    author_name: str | None,
    telegram_chat_id: int | None,
    telegram_message_id: int | None,
    outgoing: Sequence[OutgoingMessage],
) -> TicketMessageRecord:
    row = TicketMessage(
        ticket_id=ticket.id,
        author_kind=author_kind,
        author_user_id=author_user_id,
        author_name=author_name,
        text=text,
        telegram_chat_id=telegram_chat_id,
        telegram_message_id=telegram_message_id,
        created_at=now,
    )
    session.add(row)
    for message in outgoing:
        insert_outbox_row(
            session,
            now,
            kind=OutboxKind(message.kind),
            chat_id=message.chat_id,
            text=message.text,
            dedupe_key=message.dedupe_key,
            parse_mode=message.parse_mode,
            reply_markup=None if message.reply_markup is None else dict(message.reply_markup),
            message_thread_id=message.message_thread_id,
            reply_to_message_id=message.reply_to_message_id,
            ticket_id=ticket.id,
        )
    session.flush()
    return from_row(TicketMessageRecord, row)


def _ticket(row: Ticket) -> TicketRecord:
    return from_row(TicketRecord, row, bot_sources=tuple(row.bot_sources or ()))
