"""Digests: plan one per newly published index version, send one per follower per day.

``DigestPlanner.observe`` follows the store's ``CURRENT`` pointer like the hot reload does
(cheap: one small file read), so a running bot plans the digest of a version whoever
published it. It compares the version's chunks with those of the version planned before
(``index.notable_documents``): new and substantially changed documents become the digest's
items; a typo fix or a moved file does not. The ``digests.version_id`` unique key makes
planning happen once, even with two bots or a restart in between.

``DigestSender.dispatch`` runs in the send window only. Each follower of an item's themes
gets one message a day at most (outbox key ``digest:<day>:<chat>``), never an item twice
(``digest_deliveries``), never past the weekly cap, never when they blocked the bot. The
outbox row, the deliveries and the push-log line are written in one transaction, so a crash
leaves either all or nothing, and the outbox sends what was queued after a restart.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from bot.settings.window import SendWindow
from bot.storage import Database
from bot.storage.digests import (
    DigestItemDraft,
    DigestItemRecord,
    DigestPush,
    DigestRecord,
    DigestRepository,
    DigestStatus,
)
from bot.storage.follows import PUSH_PER_SECOND, FollowRepository, Push
from bot.storage.types import Clock, utcnow
from bot.themes.errors import UnknownDigest
from bot.themes.render import render_digest, summary_of
from index import ChangedDocument, VersionStore, notable_documents
from index.chunk_codec import read_chunks
from knowledge import Chunk

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)
ITEM_LIFETIME = timedelta(days=7)  # an item nobody could receive within a week is old news
QUEUE_BATCH = 100  # rows a transaction: short, so the outbox sender is not kept waiting for the write lock
# The first row of a batch is due this long after the batch is written, so the time writing it
# takes does not leave its first rows overdue (they would then go out together).
QUEUE_LEAD = timedelta(seconds=1)


class DigestPlanner:
    """Turns each newly published version into a stored digest."""

    def __init__(self, digests: DigestRepository, store: VersionStore) -> None:
        self._digests = digests
        self._store = store
        self._seen: str | None = None

    def observe(self) -> int | None:
        """Plan the digest of the served version if nobody did; its id when this call stored one."""
        current = self._store.current_id()
        if current is None or current == self._seen:
            return None
        planned = None if self._digests.has_version(current) else self._plan(current)
        self._seen = current
        return planned

    def _plan(self, version_id: str) -> int | None:
        baseline = self._digests.latest_version()
        old = self._chunks(baseline) if baseline is not None and baseline < version_id else None
        if old is None:  # the first version this database sees, a rollback, or a pruned baseline
            logger.info("Index version %s taken as the digest baseline", version_id)
            return self._digests.record(version_id, baseline, [])
        new = self._chunks(version_id) or []
        items = [draft(document) for document in notable_documents(old, new)]
        digest_id = self._digests.record(version_id, baseline, items)
        logger.info("Digest %s for index version %s: %d documents", digest_id, version_id, len(items))
        return digest_id

    def _chunks(self, version_id: str) -> list[Chunk] | None:
        path: Path = self._store.versions_dir / version_id / "chunks.jsonl"
        try:
            return read_chunks(path)
        except (OSError, ValueError):
            return None


def draft(document: ChangedDocument) -> DigestItemDraft:
    """A digest line for a notable document: title, one-line summary, link, themes."""
    first = document.chunks[0]
    return DigestItemDraft(document.doc_id, first.title or document.doc_id, summary_of(document.chunks), first.url,
                           first.themes)  # fmt: skip


class DigestSender:
    """Queues today's digest for every follower who is due one."""

    def __init__(
        self, digests: DigestRepository, follows: FollowRepository, window: SendWindow, *, cap_per_week: int,
        per_second: float = PUSH_PER_SECOND, clock: Clock = utcnow,
    ) -> None:  # fmt: skip
        if cap_per_week < 1:
            raise ValueError(f"cap_per_week must be >= 1, got {cap_per_week!r}")
        self._digests = digests
        self._follows = follows
        self._window = window
        self._cap = cap_per_week
        self._per_second = per_second
        self._clock = clock

    def dispatch(self, now: datetime | None = None) -> int:
        """Queue the due digests; how many messages were queued."""
        now = now or self._clock()
        if not self._window.allows(now):
            return 0
        items = self._digests.open_items(since=now - ITEM_LIFETIME)
        if not items:
            return 0
        followers = self._follows.followers({slug for item in items for slug in item.themes})
        delivered = self._digests.delivered(item.id for item in items)
        prefix = f"digest:{self._window.local_day(now).isoformat()}:"
        done_today = self._follows.pushed_keys(prefix)
        pushed = self._follows.pushes_since(now - WEEK)
        planned: list[DigestPush] = []
        for chat_id, themes in sorted(followers.items()):
            key = f"{prefix}{chat_id}"
            if key in done_today or pushed.get(chat_id, 0) >= self._cap:
                continue
            mine = [item for item in items if themes & set(item.themes) and (item.id, chat_id) not in delivered]
            if mine:
                push = Push(chat_id, render_digest(mine, themes), key, "digest")
                planned.append(DigestPush(push, tuple(item.id for item in mine)))
        queued, first = 0, self._clock() + QUEUE_LEAD
        for at in range(0, len(planned), QUEUE_BATCH):  # paced on from one batch to the next
            batch = planned[at : at + QUEUE_BATCH]
            first = max(first, self._clock() + QUEUE_LEAD)
            queued += self._digests.queue(batch, per_second=self._per_second, first_at=first)
            first += timedelta(seconds=len(batch) / self._per_second)
        if queued:
            logger.info("Digests queued for %d followers", queued)
        return queued


class DigestAdmin:
    """Staff's view: recent digests, and holding, releasing or cancelling one."""

    def __init__(self, digests: DigestRepository) -> None:
        self._digests = digests

    @classmethod
    def over(cls, database: Database) -> DigestAdmin:
        return cls(DigestRepository(database))

    def recent(self, limit: int = 20) -> list[DigestRecord]:
        return self._digests.recent(limit)

    def items(self, digest_id: int) -> list[DigestItemRecord]:
        self._require(digest_id)
        return self._digests.items(digest_id)

    def set_status(self, digest_id: int, status: DigestStatus) -> None:
        self._require(digest_id)
        self._digests.set_status(digest_id, status)

    def _require(self, digest_id: int) -> None:
        if self._digests.get(digest_id) is None:
            raise UnknownDigest(digest_id)
