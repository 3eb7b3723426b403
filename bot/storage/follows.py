"""Who follows which theme, who blocked the bot, what was pushed, and announcement responses.

Keyed by the official's private chat id (Telegram's user id there), so a push needs no join.
A push (digest, announcement) is queued in one transaction with its ``push_log`` row: the
outbox row's ``dedupe_key`` makes queueing it twice a no-op, and the log is what the weekly
cap counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.storage._sql import dialect_insert, execute_counting
from bot.storage.db import Database
from bot.storage.enums import OutboxKind, OutboxStatus
from bot.storage.models import (
    Announcement,
    AnnouncementResponse,
    FollowOffer,
    OutboxMessage,
    PushBlock,
    PushLogEntry,
    ThemeFollow,
)
from bot.storage.outbox import insert_outbox_row
from bot.storage.types import Clock, ensure_utc, utcnow

# Pushed messages a second. Telegram allows a bot about 30 a second; the outbox pump sends what
# fell due since its last tick (every second) at once, so two ticks can land in one second:
# 15 keeps any one-second window at or under 30 and leaves room for answers.
PUSH_PER_SECOND = 15.0
BACKLOG_GRACE = timedelta(seconds=2)


@dataclass(frozen=True, slots=True)
class Push:
    """A message to push to one official: its outbox row and its push-log line, together."""

    chat_id: int
    text: str
    dedupe_key: str
    kind: str
    reply_markup: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class AnnouncementRecord:
    id: int
    text: str
    themes: list[str]
    rsvp: bool
    created_by: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    chat_id: int
    response: str
    display_name: str
    created_at: datetime


class FollowRepository:
    """Follows, blocks, the push log and announcements over one ``Database``."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    # Follows ------------------------------------------------------------------------------

    def follows(self, chat_id: int) -> list[str]:
        """The theme slugs ``chat_id`` follows, sorted."""
        with self._db.session() as session:
            statement = select(ThemeFollow.theme_slug).where(ThemeFollow.chat_id == chat_id)
            return sorted(session.scalars(statement))

    def toggle(self, chat_id: int, slug: str) -> bool:
        """Follow ``slug``, or stop following it; True when ``chat_id`` now follows it."""
        with self._db.session() as session:
            gone = execute_counting(
                session, delete(ThemeFollow).where(ThemeFollow.chat_id == chat_id, ThemeFollow.theme_slug == slug)
            )
            if gone:
                return False
            insert = dialect_insert(session, ThemeFollow).values(chat_id=chat_id, theme_slug=slug,
                                                                 created_at=self._clock())  # fmt: skip
            session.execute(insert.on_conflict_do_nothing())
            session.execute(delete(PushBlock).where(PushBlock.chat_id == chat_id))  # they talk to us again
            return True

    def offer_once(self, chat_id: int, slug: str) -> bool:
        """Note that ``chat_id`` was offered to follow ``slug``; False when it was offered something before."""
        with self._db.session() as session:
            insert = dialect_insert(session, FollowOffer).values(chat_id=chat_id, theme_slug=slug,
                                                                 offered_at=self._clock())  # fmt: skip
            return execute_counting(session, insert.on_conflict_do_nothing()) == 1

    def unfollow_all(self, chat_id: int) -> int:
        """Stop every follow of ``chat_id``; how many there were."""
        with self._db.session() as session:
            return execute_counting(session, delete(ThemeFollow).where(ThemeFollow.chat_id == chat_id))

    def follower_counts(self) -> dict[str, int]:
        """Followers per theme slug (counts only: staff never see who)."""
        with self._db.session() as session:
            rows = session.execute(select(ThemeFollow.theme_slug, func.count()).group_by(ThemeFollow.theme_slug)).all()
            return {slug: int(count) for slug, count in rows}

    def followers(self, slugs: Iterable[str] | None = None) -> dict[int, set[str]]:
        """Chat id -> followed slugs among ``slugs`` (all when None), blocked chats left out."""
        with self._db.session() as session:
            statement = select(ThemeFollow.chat_id, ThemeFollow.theme_slug).where(
                ThemeFollow.chat_id.not_in(select(PushBlock.chat_id))
            )
            if slugs is not None:
                statement = statement.where(ThemeFollow.theme_slug.in_(list(slugs)))
            found: dict[int, set[str]] = defaultdict(set)
            for chat_id, slug in session.execute(statement):
                found[int(chat_id)].add(slug)
            return dict(found)

    # Blocks and the push log ---------------------------------------------------------------

    def mark_blocked(self, chat_id: int) -> None:
        """Telegram said 403 for a push to ``chat_id``: skip it from now on."""
        with self._db.session() as session:
            insert = dialect_insert(session, PushBlock).values(chat_id=chat_id, blocked_at=self._clock())
            session.execute(insert.on_conflict_do_nothing())

    def is_blocked(self, chat_id: int) -> bool:
        with self._db.session() as session:
            return session.get(PushBlock, chat_id) is not None

    def pushes_since(self, since: datetime) -> dict[int, int]:
        """Messages pushed per chat since ``since`` (for the weekly cap)."""
        with self._db.session() as session:
            rows = session.execute(
                select(PushLogEntry.chat_id, func.count())
                .where(PushLogEntry.created_at >= ensure_utc(since))
                .group_by(PushLogEntry.chat_id)
            ).all()
            return {int(chat_id): int(count) for chat_id, count in rows}

    def pushed_keys(self, prefix: str) -> set[str]:
        """Push-log keys starting with ``prefix`` (say, today's digests)."""
        with self._db.session() as session:
            statement = select(PushLogEntry.dedupe_key).where(PushLogEntry.dedupe_key.startswith(prefix))
            return set(session.scalars(statement))

    def queue_pushes(
        self, pushes: Iterable[Push], *, session: Session | None = None, per_second: float = PUSH_PER_SECOND,
        first_at: datetime | None = None,
    ) -> int:  # fmt: skip
        """Outbox rows and push-log lines for ``pushes``, in one transaction; how many were new.

        Rows are due ``1 / per_second`` apart from ``first_at`` (default now), so the outbox takes
        them at a pace Telegram accepts and a staff answer queued meanwhile goes out between them.
        """
        if session is None:
            with self._db.session() as own:
                return self.queue_pushes(pushes, session=own, per_second=per_second, first_at=first_at)
        now, new = self._clock(), 0
        start = first_at or now
        for number, push in enumerate(pushes):
            log = dialect_insert(session, PushLogEntry).values(dedupe_key=push.dedupe_key, chat_id=push.chat_id,
                                                               kind=push.kind, created_at=now)  # fmt: skip
            new += execute_counting(session, log.on_conflict_do_nothing(index_elements=["dedupe_key"]))
            markup = None if push.reply_markup is None else dict(push.reply_markup)
            insert_outbox_row(session, now, dedupe_key=push.dedupe_key, kind=OutboxKind.PUSH_TO_OFFICIAL,
                              chat_id=push.chat_id, text=push.text, parse_mode="HTML", reply_markup=markup,
                              next_attempt_at=start + timedelta(seconds=number / per_second))  # fmt: skip
        return new

    def repace_backlog(self, per_second: float = PUSH_PER_SECOND) -> int:
        """Spread pending pushes again from now when some are overdue (the bot was down); how many.

        Without this, what fell due during a restart would all be claimed by the first tick and
        leave at once, as fast as the rate limiter's bucket allows.
        """
        now = self._clock()
        pending = (OutboxMessage.kind == OutboxKind.PUSH_TO_OFFICIAL) & (OutboxMessage.status == OutboxStatus.PENDING)
        with self._db.session() as session:
            overdue = session.scalars(
                select(OutboxMessage.id).where(pending, OutboxMessage.next_attempt_at < now - BACKLOG_GRACE).limit(1)
            ).first()
            if overdue is None:
                return 0
            ids = list(session.scalars(select(OutboxMessage.id).where(pending)
                                       .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)))  # fmt: skip
            moved = [{"id": row_id, "next_attempt_at": now + timedelta(seconds=n / per_second)}
                     for n, row_id in enumerate(ids)]  # fmt: skip
            session.execute(update(OutboxMessage), moved)
            return len(moved)

    # Announcements -------------------------------------------------------------------------

    def create_announcement(self, text: str, themes: list[str], *, rsvp: bool, created_by: str | None) -> int:
        with self._db.session() as session:
            row = Announcement(text=text, themes=themes, rsvp=rsvp, created_by=created_by, created_at=self._clock())
            session.add(row)
            session.flush()
            return int(row.id)

    def announcement(self, announcement_id: int) -> AnnouncementRecord | None:
        with self._db.session() as session:
            row = session.get(Announcement, announcement_id)
            if row is None:
                return None
            return AnnouncementRecord(row.id, row.text, list(row.themes), row.rsvp, row.created_by, row.created_at)

    def respond(self, announcement_id: int, chat_id: int, response: str, display_name: str) -> None:
        """Record (or change) ``chat_id``'s response to an announcement."""
        with self._db.session() as session:
            insert = dialect_insert(session, AnnouncementResponse).values(
                announcement_id=announcement_id, chat_id=chat_id, response=response, display_name=display_name,
                created_at=self._clock(),
            )  # fmt: skip
            session.execute(
                insert.on_conflict_do_update(
                    index_elements=["announcement_id", "chat_id"],
                    set_={"response": insert.excluded.response, "display_name": insert.excluded.display_name},
                )
            )

    def responses(self, announcement_id: int) -> list[ResponseRecord]:
        with self._db.session() as session:
            rows = session.scalars(
                select(AnnouncementResponse)
                .where(AnnouncementResponse.announcement_id == announcement_id)
                .order_by(AnnouncementResponse.created_at, AnnouncementResponse.chat_id)
            )
            return [ResponseRecord(row.chat_id, row.response, row.display_name, row.created_at) for row in rows]


def forget_follows(session: Session, chat_id: int) -> int:
    """``/vergeetmij``: drop the official's follows, block mark and announcement responses."""
    removed = execute_counting(session, delete(ThemeFollow).where(ThemeFollow.chat_id == chat_id))
    removed += execute_counting(session, delete(AnnouncementResponse).where(AnnouncementResponse.chat_id == chat_id))
    execute_counting(session, delete(PushBlock).where(PushBlock.chat_id == chat_id))
    execute_counting(session, delete(FollowOffer).where(FollowOffer.chat_id == chat_id))
    return removed
