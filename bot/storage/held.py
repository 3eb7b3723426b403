"""Staff answers held back because they named a third person, until staff send or cancel them.

Only the redacted version is kept: the original never reaches the database. The row is keyed
by the staff member's Telegram message, so a redelivered update holds the answer once, and its
status moves ``held`` -> ``sent`` or ``cancelled`` exactly once, whoever presses first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.models import HeldAnswer
from bot.storage.records import from_row
from bot.storage.types import Clock, utcnow

HELD, SENT, CANCELLED = "held", "sent", "cancelled"


@dataclass(frozen=True, slots=True)
class HeldAnswerRecord:
    """A held staff answer (already redacted) and where it came from."""

    id: int
    ticket_id: int
    text: str
    kinds: list[str]
    staff_user_id: int | None
    staff_name: str | None
    telegram_chat_id: int
    telegram_message_id: int
    status: str
    created_at: datetime


class HeldAnswerRepository:
    """Holds, finds and releases staff answers waiting for a decision."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def hold(
        self, ticket_id: int, text: str, kinds: Sequence[str], *, staff_user_id: int | None,
        staff_name: str | None, chat_id: int, message_id: int,
    ) -> HeldAnswerRecord:  # fmt: skip
        """Keep the redacted answer; the same staff message twice keeps one row (the first)."""
        with self._db.session() as session:
            insert = dialect_insert(session, HeldAnswer).values(
                ticket_id=ticket_id, text=text, kinds=list(kinds), staff_user_id=staff_user_id,
                staff_name=staff_name, telegram_chat_id=chat_id, telegram_message_id=message_id,
                status=HELD, created_at=self._clock(),
            )  # fmt: skip
            session.execute(insert.on_conflict_do_nothing(index_elements=["telegram_chat_id", "telegram_message_id"]))
            same = (HeldAnswer.telegram_chat_id == chat_id, HeldAnswer.telegram_message_id == message_id)
            row = session.scalars(select(HeldAnswer).where(*same)).one()
            return from_row(HeldAnswerRecord, row, kinds=list(row.kinds or []))

    def get(self, held_id: int) -> HeldAnswerRecord | None:
        with self._db.session() as session:
            row = session.get(HeldAnswer, held_id)
            return None if row is None else from_row(HeldAnswerRecord, row, kinds=list(row.kinds or []))

    def release(self, held_id: int, status: str) -> bool:
        """Move a held answer to ``sent`` or ``cancelled``; false when it was no longer held."""
        if status not in (SENT, CANCELLED):
            raise ValueError(f"status must be {SENT!r} or {CANCELLED!r}, got {status!r}")
        with self._db.session() as session:
            statement = update(HeldAnswer).where(HeldAnswer.id == held_id, HeldAnswer.status == HELD)
            return execute_counting(session, statement.values(status=status)) == 1
