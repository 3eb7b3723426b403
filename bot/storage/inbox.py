"""The inbox of Telegram updates: stored before Telegram is told, done only once handled.

Why a table and not a set of processed ids: an update marked processed when it arrives is lost
when the process dies while handling it. Here an update is stored (redacted, by the caller)
before the polling offset moves past it or the webhook answers 200, and marked done only after
its handlers finished. In between, a *lease* (owner and expiry, taken with one conditional
UPDATE) lets exactly one replica handle it; a crashed replica's lease expires and the update is
handled again. ``not_before`` holds questions the rate limit defers and retries after a
failure; after ``max_attempts`` failures an update is set aside for an operator, never looped
on. ``plan`` and ``sent`` make a resume send only what Telegram has not accepted yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, update

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.enums import UpdateStatus
from bot.storage.models import Answer, IncomingUpdate
from bot.storage.records import from_row
from bot.storage.types import Clock, ensure_utc, utcnow

ERROR_CHARS = 300


@dataclass(frozen=True, slots=True)
class StoredUpdate:
    """One stored update as the gate and the resume job see it."""

    update_id: int
    payload: dict[str, Any]
    status: UpdateStatus
    user_id: int | None
    chat_id: int | None
    attempts: int
    deferred: bool
    not_before: datetime | None
    plan: dict[str, Any] | None
    sent: int


def _new_row(item: NewUpdate, now: datetime) -> dict[str, Any]:
    return dict(update_id=item.update_id, payload=dict(item.payload), status=UpdateStatus.RECEIVED,
                user_id=item.user_id, chat_id=item.chat_id, attempts=0, received_at=now, updated_at=now,
                deferred=False, sent=0)  # fmt: skip


@dataclass(frozen=True, slots=True)
class NewUpdate:
    """An update to store: its id, its (redacted) JSON and who sent it."""

    update_id: int
    payload: Mapping[str, Any]
    user_id: int | None
    chat_id: int | None


class InboxRepository:
    """Stored updates: store, claim (lease), finish, fail, defer, resume."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def store(self, update_id: int, payload: Mapping[str, Any], user_id: int | None, chat_id: int | None) -> bool:
        """Store a new update; ``False`` when it was stored before (a redelivery)."""
        row = _new_row(NewUpdate(update_id, payload, user_id, chat_id), self._clock())
        with self._db.session() as session:
            insert = dialect_insert(session, IncomingUpdate).values(**row)
            return execute_counting(session, insert.on_conflict_do_nothing(index_elements=["update_id"])) == 1

    def store_many(self, updates: list[NewUpdate]) -> set[int]:
        """Store a polled batch in one transaction; the ids that were new (the others were redeliveries).

        One commit for up to 100 updates instead of one each: storing one by one, in arrival
        order and behind the handlers' own transactions, capped a burst at ~30 updates a second
        (BENCHMARKS.md, "Telegram bot under load").
        """
        if not updates:
            return set()
        now = self._clock()
        ids = [item.update_id for item in updates]
        with self._db.session() as session:
            known = set(session.scalars(select(IncomingUpdate.update_id).where(IncomingUpdate.update_id.in_(ids))))
            fresh = [item for item in dict((item.update_id, item) for item in updates).values()
                     if item.update_id not in known]  # fmt: skip
            if fresh:
                insert = dialect_insert(session, IncomingUpdate).values([_new_row(item, now) for item in fresh])
                session.execute(insert.on_conflict_do_nothing(index_elements=["update_id"]))
            return {item.update_id for item in fresh}

    def claim(self, update_id: int, owner: str, lease: timedelta) -> StoredUpdate | None:
        """Take the lease on a due, unfinished update (counting an attempt); ``None`` when not free.

        One conditional UPDATE: of two replicas (or the live path and the resume job) exactly
        one matches the row.
        """
        now = self._clock()
        with self._db.session() as session:
            claimed = execute_counting(
                session,
                update(IncomingUpdate)
                .where(IncomingUpdate.update_id == update_id, *_free(now))
                .values(
                    lease_owner=owner, lease_until=now + lease, attempts=IncomingUpdate.attempts + 1, updated_at=now
                ),
            )
            if claimed != 1:
                return None
            return _record(session.get_one(IncomingUpdate, update_id))

    def exists(self, update_id: int) -> bool:
        """Whether the update was stored (in any status)."""
        with self._db.session() as session:
            return session.get(IncomingUpdate, update_id) is not None

    def get(self, update_id: int) -> StoredUpdate | None:
        """One stored update."""
        with self._db.session() as session:
            row = session.get(IncomingUpdate, update_id)
            return None if row is None else _record(row)

    def renew(self, update_ids: list[int], owner: str, lease: timedelta) -> int:
        """Extend ``owner``'s leases on updates still being handled; how many were extended."""
        if not update_ids:
            return 0
        now = self._clock()
        with self._db.session() as session:
            return execute_counting(
                session,
                update(IncomingUpdate)
                .where(
                    IncomingUpdate.update_id.in_(update_ids),
                    IncomingUpdate.lease_owner == owner,
                    IncomingUpdate.status == UpdateStatus.RECEIVED,
                )
                .values(lease_until=now + lease),
            )

    def finish(self, update_id: int, owner: str) -> bool:
        """Mark done (the handlers finished); ``False`` when ``owner`` no longer held the lease."""
        return self._settle(update_id, owner, status=UpdateStatus.DONE, error=None) == 1

    def fail(self, update_id: int, owner: str, error: str, *, max_attempts: int, retry_after: timedelta) -> bool:
        """Record a failure: retried after ``retry_after``, or set aside after ``max_attempts``.

        ``True`` when the update was set aside now (the caller tells the official, once).
        """
        with self._db.session() as session:
            row = session.get(IncomingUpdate, update_id)
            if row is None or row.lease_owner != owner or row.status is not UpdateStatus.RECEIVED:
                return False
        aside = row.attempts >= max_attempts
        status = UpdateStatus.SET_ASIDE if aside else UpdateStatus.RECEIVED
        changed = self._settle(update_id, owner, status=status, error=error[:ERROR_CHARS],
                               not_before=None if aside else self._clock() + retry_after)  # fmt: skip
        return aside and changed == 1

    def defer(self, update_id: int, owner: str, not_before: datetime) -> None:
        """Hold the update until ``not_before`` (the rate limit); it stays received, free of leases."""
        self._settle(update_id, owner, status=UpdateStatus.RECEIVED, not_before=ensure_utc(not_before),
                     deferred=True)  # fmt: skip

    def release(self, update_id: int, owner: str) -> None:
        """Give the lease back without an outcome (the bot is stopping): handled again on start."""
        self._settle(update_id, owner, status=UpdateStatus.RECEIVED, attempts_back=True)

    def release_all(self) -> int:
        """Free every lease: at the start of the only process that can hold them (SQLite)."""
        with self._db.session() as session:
            return execute_counting(
                session,
                update(IncomingUpdate)
                .where(IncomingUpdate.lease_owner.is_not(None), IncomingUpdate.status == UpdateStatus.RECEIVED)
                .values(lease_owner=None, lease_until=None),
            )

    def due(self, limit: int = 200) -> list[StoredUpdate]:
        """Unfinished, unleased updates whose time has come, in arrival order."""
        now = self._clock()
        with self._db.session() as session:
            rows = session.scalars(
                select(IncomingUpdate).where(*_free(now)).order_by(IncomingUpdate.update_id).limit(limit)
            )
            return [_record(row) for row in rows]

    def waiting_until(self, user_id: int, before_update_id: int) -> datetime | None:
        """Until when this official's earlier updates wait (deferred by the rate limit, or retried).

        ``None`` when none waits; a new question must not overtake them, so it waits at least as long.
        """
        now = self._clock()
        with self._db.session() as session:
            value = session.scalar(
                select(func.max(IncomingUpdate.not_before)).where(
                    IncomingUpdate.user_id == user_id,
                    IncomingUpdate.update_id < before_update_id,
                    IncomingUpdate.status == UpdateStatus.RECEIVED,
                    IncomingUpdate.not_before.is_not(None),
                )
            )
            return None if value is None else max(ensure_utc(value), now)

    def told_to_wait(self, user_id: int, since: datetime) -> bool:
        """Whether one of this official's questions was deferred (and they were told so) since ``since``."""
        with self._db.session() as session:
            count = session.scalar(
                select(func.count()).where(
                    IncomingUpdate.user_id == user_id,
                    IncomingUpdate.deferred.is_(True),
                    IncomingUpdate.updated_at >= ensure_utc(since),
                )
            )
            return bool(count)

    def save_plan(self, update_id: int, plan: Mapping[str, Any]) -> None:
        """The reply worked out for the update, before any part of it is sent."""
        with self._db.session() as session:
            session.execute(update(IncomingUpdate).where(IncomingUpdate.update_id == update_id).values(plan=dict(plan)))

    def mark_sent(
        self, update_id: int, parts: int, *, answer_id: int | None = None, message_id: int | None = None
    ) -> None:
        """``parts`` parts of the planned reply were accepted by Telegram.

        With ``answer_id``, the answer's Telegram message id is recorded in the same transaction
        (its feedback buttons point back to it), so a resume never has to send it again to learn it.
        """
        with self._db.session() as session:
            session.execute(update(IncomingUpdate).where(IncomingUpdate.update_id == update_id).values(sent=parts))
            if answer_id is not None and message_id is not None:
                session.execute(update(Answer).where(Answer.id == answer_id).values(bot_message_id=message_id))

    def prune(self, older_than: timedelta, *, now: datetime | None = None) -> int:
        """Delete done updates older than ``now - older_than`` (Telegram redelivers within 24 h)."""
        cutoff = ensure_utc(now or self._clock()) - older_than
        with self._db.session() as session:
            return execute_counting(
                session,
                delete(IncomingUpdate).where(
                    IncomingUpdate.status == UpdateStatus.DONE, IncomingUpdate.updated_at < cutoff
                ),
            )

    def counts(self) -> dict[UpdateStatus, int]:
        """Stored updates per status (for the metrics and the tests)."""
        with self._db.session() as session:
            rows = session.execute(select(IncomingUpdate.status, func.count()).group_by(IncomingUpdate.status))
            return {UpdateStatus(status): int(count) for status, count in rows}

    def list(self, status: UpdateStatus) -> list[StoredUpdate]:
        """Every update in ``status``, in arrival order."""
        with self._db.session() as session:
            rows = session.scalars(
                select(IncomingUpdate).where(IncomingUpdate.status == status).order_by(IncomingUpdate.update_id)
            )
            return [_record(row) for row in rows]

    def _settle(
        self,
        update_id: int,
        owner: str,
        *,
        status: UpdateStatus,
        error: str | None = None,
        not_before: datetime | None = None,
        deferred: bool | None = None,
        attempts_back: bool = False,
    ) -> int:
        values: dict[str, Any] = {"status": status, "lease_owner": None, "lease_until": None,
                                  "updated_at": self._clock(), "not_before": not_before}  # fmt: skip
        if error is not None:
            values["error"] = error
        if deferred is not None:
            values["deferred"] = deferred
        if attempts_back:
            values["attempts"] = IncomingUpdate.attempts - 1
        with self._db.session() as session:
            return execute_counting(
                session,
                update(IncomingUpdate)
                .where(
                    IncomingUpdate.update_id == update_id,
                    IncomingUpdate.lease_owner == owner,
                    IncomingUpdate.status == UpdateStatus.RECEIVED,
                )
                .values(**values),
            )


def _free(now: datetime) -> list[ColumnElement[bool]]:
    """Received, not leased (or the lease ran out), and due."""
    return [
        IncomingUpdate.status == UpdateStatus.RECEIVED,
        or_(IncomingUpdate.lease_until.is_(None), IncomingUpdate.lease_until < now),
        or_(IncomingUpdate.not_before.is_(None), IncomingUpdate.not_before <= now),
    ]


def _record(row: IncomingUpdate) -> StoredUpdate:
    return from_row(StoredUpdate, row, payload=dict(row.payload or {}),
                    not_before=None if row.not_before is None else ensure_utc(row.not_before))  # fmt: skip
