"""Digests: per published index version, the documents worth telling followers about.

The ``digests.version_id`` unique key makes planning a version happen once, whichever
process (or restarted bot) sees it first. ``digest_deliveries`` says which item went to
whom, written in the same transaction as the outbox row carrying it, so an item reaches a
follower once even across a restart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.errors import ConstraintViolation, NotFound
from bot.storage.follows import FollowRepository, Push
from bot.storage.models import Digest, DigestDelivery, DigestItem
from bot.storage.types import Clock, ensure_utc, utcnow


class DigestStatus(StrEnum):
    """``pending`` goes out in the window; staff may ``held`` or ``cancelled`` it first."""

    PENDING = "pending"
    HELD = "held"
    CANCELLED = "cancelled"
    EMPTY = "empty"  # nothing notable, or the first version a bot saw (its baseline)


@dataclass(frozen=True, slots=True)
class DigestItemDraft:
    """A notable document, before it is stored."""

    doc_id: str
    title: str
    summary: str
    url: str | None
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DigestItemRecord:
    id: int
    digest_id: int
    doc_id: str
    title: str
    summary: str
    url: str | None
    themes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DigestRecord:
    id: int
    version_id: str
    previous_version_id: str | None
    status: DigestStatus
    created_at: datetime
    items: int


@dataclass(frozen=True, slots=True)
class DigestPush:
    """One follower's digest message and the items it carries."""

    push: Push
    item_ids: tuple[int, ...]


class DigestRepository:
    """Digests, their items and who got which."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock
        self._follows = FollowRepository(db, clock=clock)

    def latest_version(self) -> str | None:
        """The index version planned last (the baseline for the next one)."""
        with self._db.session() as session:
            return session.scalars(select(Digest.version_id).order_by(Digest.id.desc()).limit(1)).first()

    def has_version(self, version_id: str) -> bool:
        with self._db.session() as session:
            return session.scalars(select(Digest.id).where(Digest.version_id == version_id)).first() is not None

    def record(self, version_id: str, previous: str | None, items: Sequence[DigestItemDraft]) -> int | None:
        """Store the digest of ``version_id``; None when another process stored it first."""
        status = DigestStatus.PENDING if items else DigestStatus.EMPTY
        try:
            with self._db.session() as session:
                digest = Digest(
                    version_id=version_id, previous_version_id=previous, status=status, created_at=self._clock()
                )
                session.add(digest)
                session.flush()
                session.add_all(
                    DigestItem(
                        digest_id=digest.id,
                        doc_id=item.doc_id,
                        title=item.title,
                        summary=item.summary,
                        url=item.url,
                        themes=list(item.themes),
                    )
                    for item in items
                )
                return int(digest.id)
        except ConstraintViolation:  # the unique version id: another process planned it first
            return None

    def set_status(self, digest_id: int, status: DigestStatus) -> None:
        with self._db.session() as session:
            statement = update(Digest).where(Digest.id == digest_id).values(status=status.value)
            if execute_counting(session, statement) == 0:
                raise NotFound("digest", digest_id)

    def get(self, digest_id: int) -> DigestRecord | None:
        return next((digest for digest in self.recent(1000) if digest.id == digest_id), None)

    def recent(self, limit: int = 20) -> list[DigestRecord]:
        """Digests newest first, with their item counts (empty ones left out)."""
        with self._db.session() as session:
            rows = session.scalars(
                select(Digest).where(Digest.status != DigestStatus.EMPTY).order_by(Digest.id.desc()).limit(limit)
            ).all()
            counts = self._counts(session, [row.id for row in rows])
            return [
                DigestRecord(
                    row.id,
                    row.version_id,
                    row.previous_version_id,
                    DigestStatus(row.status),
                    row.created_at,
                    counts.get(row.id, 0),
                )
                for row in rows
            ]

    def items(self, digest_id: int) -> list[DigestItemRecord]:
        with self._db.session() as session:
            rows = session.scalars(select(DigestItem).where(DigestItem.digest_id == digest_id).order_by(DigestItem.id))
            return [_item(row) for row in rows]

    def open_items(self, since: datetime) -> list[DigestItemRecord]:
        """Items of pending digests made since ``since``, oldest first."""
        with self._db.session() as session:
            rows = session.scalars(
                select(DigestItem)
                .join(Digest, Digest.id == DigestItem.digest_id)
                .where(Digest.status == DigestStatus.PENDING, Digest.created_at >= ensure_utc(since))
                .order_by(DigestItem.id)
            )
            return [_item(row) for row in rows]

    def delivered(self, item_ids: Iterable[int]) -> set[tuple[int, int]]:
        """(item id, chat id) pairs already delivered among ``item_ids``."""
        ids = list(item_ids)
        if not ids:
            return set()
        with self._db.session() as session:
            rows = session.execute(
                select(DigestDelivery.item_id, DigestDelivery.chat_id).where(DigestDelivery.item_id.in_(ids))
            )
            return {(int(item), int(chat)) for item, chat in rows}

    def queue(self, pushes: Sequence[DigestPush], *, per_second: float, first_at: datetime | None = None) -> int:
        """Outbox rows, push-log lines and deliveries for ``pushes`` in one transaction; how many were new."""
        with self._db.session() as session:
            new = self._follows.queue_pushes(
                (entry.push for entry in pushes), session=session, per_second=per_second, first_at=first_at
            )
            for entry in pushes:
                for item_id in entry.item_ids:
                    insert = dialect_insert(session, DigestDelivery).values(
                        item_id=item_id, chat_id=entry.push.chat_id, dedupe_key=entry.push.dedupe_key
                    )
                    session.execute(insert.on_conflict_do_nothing())
            return new

    @staticmethod
    def _counts(session: Session, digest_ids: list[int]) -> dict[int, int]:
        if not digest_ids:
            return {}
        rows = session.execute(
            select(DigestItem.digest_id, func.count())
            .where(DigestItem.digest_id.in_(digest_ids))
            .group_by(DigestItem.digest_id)
        )
        return {int(digest_id): int(count) for digest_id, count in rows}


def _item(row: DigestItem) -> DigestItemRecord:
    return DigestItemRecord(row.id, row.digest_id, row.doc_id, row.title, row.summary, row.url, tuple(row.themes))
