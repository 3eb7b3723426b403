"""The outbox: Telegram messages decided in one place and sent by one loop, at least once.

Whoever decides a message (a staff answer to relay, a ticket to post) enqueues it with a
``dedupe_key`` naming the event, so enqueueing twice (a retried handler, a redelivered
update) leaves one row. The sender calls ``claim_due``, which flips due rows to ``sending``
in one transaction: on PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so parallel senders take
disjoint rows, on SQLite under the write lock ``BEGIN IMMEDIATE`` took. A row left in
``sending`` longer than ``stale_after`` (the sender crashed mid-send) is due again, with its
attempt counted.

The idempotency marker: the sender calls ``mark_sending`` (its own committed transaction) just
before the Bot API call. A stale row that carries the marker may have reached Telegram already,
and the Bot API has no idempotency key to ask, so the row is flagged ``possible_repeat``: its
resend says so to the reader (``bot.queue.delivery``), never silently. A stale row without the
marker never left, and is simply sent. A timeout (the request went out, no answer came) sets
the flag too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.enums import OutboxKind, OutboxStatus
from bot.storage.errors import NotFound
from bot.storage.models import OutboxMessage
from bot.storage.records import OutboxItem, from_row
from bot.storage.types import Clock, ensure_utc, utcnow

MAX_ERROR_CHARS = 1000


class OutboxRepository:
    """Queue of outgoing Telegram messages with retry bookkeeping."""

    def __init__(self, db: Database, *, clock: Clock = utcnow, stale_after: timedelta = timedelta(minutes=2)) -> None:
        if stale_after <= timedelta(0):
            raise ValueError(f"stale_after must be positive, got {stale_after!r}")
        self._db = db
        self._clock = clock
        self._stale_after = stale_after

    def enqueue(
        self,
        kind: OutboxKind,
        chat_id: int,
        text: str,
        *,
        dedupe_key: str,
        message_thread_id: int | None = None,
        parse_mode: str | None = None,
        reply_markup: Mapping[str, Any] | None = None,
        reply_to_message_id: int | None = None,
        ticket_id: int | None = None,
        not_before: datetime | None = None,
    ) -> int:
        """Queue a message; with a ``dedupe_key`` already queued, return that row's id instead."""
        now = self._clock()
        with self._db.session() as session:
            return insert_outbox_row(
                session,
                now,
                kind=OutboxKind(kind),
                chat_id=chat_id,
                message_thread_id=message_thread_id,
                text=text,
                parse_mode=parse_mode,
                reply_markup=None if reply_markup is None else dict(reply_markup),
                reply_to_message_id=reply_to_message_id,
                ticket_id=ticket_id,
                dedupe_key=dedupe_key,
                next_attempt_at=ensure_utc(not_before) if not_before else now,
            )

    def claim_due(self, now: datetime | None = None, limit: int = 20) -> list[OutboxItem]:
        """Hand out up to ``limit`` due rows, marked ``sending``; no row goes to two claimers."""
        if limit < 1:
            raise ValueError(f"limit must be >= 1, got {limit!r}")
        now = ensure_utc(now or self._clock())
        due = or_(
            and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now),
            and_(
                OutboxMessage.status == OutboxStatus.SENDING,
                OutboxMessage.locked_at <= now - self._stale_after,
            ),
        )
        with self._db.session() as session:
            picked = session.execute(
                select(OutboxMessage.id, OutboxMessage.status)
                .where(due)
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            if not picked:
                return []
            ids = [row_id for row_id, _status in picked]
            interrupted = [row_id for row_id, status in picked if status == OutboxStatus.SENDING]
            if interrupted:
                started = OutboxMessage.send_started_at.is_not(None)
                execute_counting(
                    session,
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(interrupted))
                    .values(
                        attempts=OutboxMessage.attempts + 1,
                        last_error="interrupted while sending",
                        possible_repeat=or_(OutboxMessage.possible_repeat, started),
                        send_started_at=None,
                    ),
                )
            execute_counting(
                session,
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .values(status=OutboxStatus.SENDING, locked_at=now),
            )
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.id.in_(ids))
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            )
            return [_item(row) for row in rows]

    def mark_sending(self, item_id: int) -> None:
        """The idempotency marker: the Bot API call for this row starts now (committed first)."""
        self._set(item_id, send_started_at=self._clock())

    def mark_sent(self, item_id: int, telegram_message_id: int | None) -> None:
        """Telegram accepted the message."""
        self._set(
            item_id,
            status=OutboxStatus.SENT,
            sent_at=self._clock(),
            telegram_message_id=telegram_message_id,
            locked_at=None,
            send_started_at=None,
        )

    def mark_retry(self, item_id: int, error: str, next_attempt_at: datetime, *, maybe_delivered: bool = False) -> None:
        """A transient failure: count the attempt and try again at ``next_attempt_at``.

        ``maybe_delivered`` (a timeout: the request went out, no answer came) flags the resend
        as a possible repeat.
        """
        values: dict[str, Any] = {"possible_repeat": True} if maybe_delivered else {}
        self._set(
            item_id,
            status=OutboxStatus.PENDING,
            attempts=OutboxMessage.attempts + 1,
            last_error=error[:MAX_ERROR_CHARS],
            next_attempt_at=ensure_utc(next_attempt_at),
            locked_at=None,
            send_started_at=None,
            **values,
        )

    def mark_failed(self, item_id: int, error: str) -> None:
        """A permanent failure (blocked bot, chat gone, attempts used up): stop trying."""
        self._set(
            item_id,
            status=OutboxStatus.FAILED,
            attempts=OutboxMessage.attempts + 1,
            last_error=error[:MAX_ERROR_CHARS],
            locked_at=None,
            send_started_at=None,
        )

    def retry_failed(self, item_id: int) -> None:
        """An operator asks to send a failed message again, now."""
        self._set(item_id, status=OutboxStatus.PENDING, next_attempt_at=self._clock(), locked_at=None)

    def revive(self, dedupe_key: str) -> bool:
        """A failed row is due again now (attempts start over); false when the key is not failed."""
        with self._db.session() as session:
            statement = (
                update(OutboxMessage)
                .where(OutboxMessage.dedupe_key == dedupe_key, OutboxMessage.status == OutboxStatus.FAILED)
                .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=self._clock(), locked_at=None)
            )
            return execute_counting(session, statement) > 0

    def find_sent(self, chat_id: int, telegram_message_id: int) -> OutboxItem | None:
        """The delivered row that became Telegram message ``telegram_message_id`` in ``chat_id``."""
        with self._db.session() as session:
            row = session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.chat_id == chat_id,
                    OutboxMessage.telegram_message_id == telegram_message_id,
                )
                .order_by(OutboxMessage.id.desc())
                .limit(1)
            ).first()
            return None if row is None else _item(row)

    def get(self, item_id: int) -> OutboxItem | None:
        """One outbox row, if it exists."""
        with self._db.session() as session:
            row = session.get(OutboxMessage, item_id)
            return None if row is None else _item(row)

    def failed_items(self, limit: int = 100) -> list[OutboxItem]:
        """Messages given up on, newest first, for operators."""
        with self._db.session() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.status == OutboxStatus.FAILED)
                .order_by(OutboxMessage.id.desc())
                .limit(limit)
            )
            return [_item(row) for row in rows]

    def pending_count(self) -> int:
        """Messages not delivered yet (``pending`` or ``sending``)."""
        with self._db.session() as session:
            statement = select(func.count()).where(
                OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
            )
            return int(session.scalar(statement.select_from(OutboxMessage)) or 0)

    def purge_sent_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Delete delivered messages sent more than ``days`` ago (their text is personal)."""
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days!r}")
        cutoff = ensure_utc(now or self._clock()) - timedelta(days=days)
        with self._db.session() as session:
            return execute_counting(
                session,
                delete(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.sent_at < cutoff),
            )

    def _set(self, item_id: int, **values: Any) -> None:
        with self._db.session() as session:
            statement = update(OutboxMessage).where(OutboxMessage.id == item_id).values(**values)
            if execute_counting(session, statement) == 0:
                raise NotFound("outbox item", item_id)


def insert_outbox_row(session: Session, now: datetime, *, dedupe_key: str, **values: Any) -> int:
    """Insert a pending row unless ``dedupe_key`` is taken; the id of the row holding the key.

    Shared by ``enqueue`` and by repositories that queue a message in their own transaction.
    """
    insert = dialect_insert(session, OutboxMessage).values(
        dedupe_key=dedupe_key,
        status=OutboxStatus.PENDING,
        attempts=0,
        created_at=now,
        **{"next_attempt_at": now, **values},
    )
    session.execute(insert.on_conflict_do_nothing(index_elements=["dedupe_key"]))
    return int(session.scalars(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)).one())


def _item(row: OutboxMessage) -> OutboxItem:
    return from_row(OutboxItem, row)
