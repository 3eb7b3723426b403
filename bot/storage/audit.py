"""The audit trail: who claimed, answered, closed, approved what, and when."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from bot.storage._sql import execute_counting
from bot.storage.db import Database
from bot.storage.models import AuditLogEntry
from bot.storage.records import AuditEntry, from_row
from bot.storage.types import Clock, ensure_utc, utcnow


class AuditRepository:
    """Append-only log of staff and system actions."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def record(
        self,
        actor_user_id: int | None,
        actor_name: str | None,
        action: str,
        ticket_id: int | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        """Append one entry (``action`` like ``"ticket.claimed"``); returns its id."""
        row = AuditLogEntry(
            actor_user_id=actor_user_id,
            actor_name=actor_name,
            action=action,
            ticket_id=ticket_id,
            detail=dict(detail or {}),
            created_at=self._clock(),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def purge_older_than(self, days: int, *, now: datetime | None = None) -> int:
        """Delete entries older than ``days`` (the audit trail's retention); returns how many."""
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days!r}")
        cutoff = ensure_utc(now or self._clock()) - timedelta(days=days)
        with self._db.session() as session:
            return execute_counting(session, delete(AuditLogEntry).where(AuditLogEntry.created_at < cutoff))

    def list_for_ticket(self, ticket_id: int) -> list[AuditEntry]:
        """Everything recorded about a ticket, in order."""
        return self._list(AuditLogEntry.ticket_id == ticket_id)

    def recent(self, limit: int = 50) -> list[AuditEntry]:
        """The newest entries first."""
        with self._db.session() as session:
            rows = session.scalars(select(AuditLogEntry).order_by(AuditLogEntry.id.desc()).limit(limit))
            return [from_row(AuditEntry, row) for row in rows]

    def _list(self, condition: Any) -> list[AuditEntry]:
        with self._db.session() as session:
            rows = session.scalars(select(AuditLogEntry).where(condition).order_by(AuditLogEntry.id))
            return [from_row(AuditEntry, row) for row in rows]
