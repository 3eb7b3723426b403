"""Numbers for the queue's gauges: open tickets by age band, the outbox backlog and its oldest row.

Read by a periodic job in every replica (``bot.telegram.ops_jobs``); two cheap aggregate
queries, no row leaves the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.storage.db import Database
from bot.storage.enums import OutboxStatus, TicketStatus
from bot.storage.models import OutboxMessage, Ticket
from bot.storage.types import Clock, ensure_utc, utcnow

# Age bands of open tickets: (label, upper bound); the last band is open-ended.
AGE_BANDS = (("lt_1d", timedelta(days=1)), ("1d_2d", timedelta(days=2)), ("2d_7d", timedelta(days=7)),
             ("gt_7d", None))  # fmt: skip
WAITING = (TicketStatus.OPEN, TicketStatus.CLAIMED)


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """Open (or claimed) tickets per age band; undelivered outbox rows and the oldest one's age."""

    open_by_age: dict[str, int]
    outbox_backlog: int
    outbox_oldest_s: float


class QueueStats:
    """Aggregate reads for metrics."""

    def __init__(self, database: Database, *, clock: Clock = utcnow) -> None:
        self._db = database
        self._clock = clock

    def snapshot(self, now: datetime | None = None) -> QueueSnapshot:
        now = ensure_utc(now or self._clock())
        with self._db.session() as session:
            created = session.scalars(select(Ticket.created_at).where(Ticket.status.in_(WAITING))).all()
            pending = (OutboxStatus.PENDING, OutboxStatus.SENDING)
            backlog, oldest = session.execute(
                select(func.count(), func.min(OutboxMessage.created_at)).where(OutboxMessage.status.in_(pending))
            ).one()
        oldest_s = (now - ensure_utc(oldest)).total_seconds() if oldest is not None else 0.0
        return QueueSnapshot(_bands([now - ensure_utc(at) for at in created]), int(backlog or 0), max(0.0, oldest_s))


def _bands(ages: list[timedelta]) -> dict[str, int]:
    counts = dict.fromkeys((label for label, _ in AGE_BANDS), 0)
    for age in ages:
        label = next(label for label, bound in AGE_BANDS if bound is None or age < bound)
        counts[label] += 1
    return counts
