"""Exactly-once handling of Telegram updates, and the polling offset kept across restarts.

Telegram redelivers an update when the bot did not confirm it (a crash, a restart before
the next ``getUpdates``). ``mark_processed`` is the gate: one ``INSERT ... ON CONFLICT DO
NOTHING`` on the update id, so of two deliveries, even in two processes, exactly one sees
``True``. Calling it before handling gives at-most-once (a crash mid-handling loses that
update); replies that must not be lost go through the outbox, which retries.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.models import BotState, ProcessedUpdate
from bot.storage.types import Clock, ensure_utc, utcnow

OFFSET_KEY = "telegram.offset"


class UpdateRepository:
    """Processed update ids and small persisted bot state."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def mark_processed(self, update_id: int) -> bool:
        """Record ``update_id``; ``True`` the first time, ``False`` for a redelivery."""
        with self._db.session() as session:
            insert = dialect_insert(session, ProcessedUpdate).values(update_id=update_id, processed_at=self._clock())
            return execute_counting(session, insert.on_conflict_do_nothing(index_elements=["update_id"])) == 1

    def is_processed(self, update_id: int) -> bool:
        """Whether ``update_id`` was already recorded."""
        with self._db.session() as session:
            return session.get(ProcessedUpdate, update_id) is not None

    def prune_processed(self, older_than: timedelta, *, now: datetime | None = None) -> int:
        """Forget update ids recorded before ``now - older_than`` (Telegram keeps updates 24 h)."""
        cutoff = ensure_utc(now or self._clock()) - older_than
        with self._db.session() as session:
            return execute_counting(session, delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff))

    def get_offset(self) -> int | None:
        """The ``getUpdates`` offset to resume from, ``None`` before the first run."""
        value = self.get_state(OFFSET_KEY)
        return None if value is None else int(value)

    def set_offset(self, offset: int) -> None:
        """Persist the ``getUpdates`` offset."""
        self.set_state(OFFSET_KEY, str(int(offset)))

    def get_state(self, key: str) -> str | None:
        """A persisted value by key."""
        with self._db.session() as session:
            return session.scalar(select(BotState.value).where(BotState.key == key))

    def set_state(self, key: str, value: str) -> None:
        """Create or replace a persisted value."""
        with self._db.session() as session:
            insert = dialect_insert(session, BotState).values(key=key, value=value, updated_at=self._clock())
            session.execute(
                insert.on_conflict_do_update(
                    index_elements=["key"],
                    set_={"value": insert.excluded.value, "updated_at": insert.excluded.updated_at},
                )
            )
