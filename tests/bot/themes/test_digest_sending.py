"""Who gets a digest and when: the window, once a day, the weekly cap, hold and cancel, exactly once.

``DigestSender.dispatch`` against real SQLite and PostgreSQL with a settable clock; what it
queues is read back from the push log and the outbox (the bot's pump sends those rows).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.settings.window import parse_window
from bot.storage import Storage
from bot.storage.digests import DigestItemDraft, DigestRepository, DigestStatus
from bot.storage.follows import FollowRepository
from bot.storage.models import OutboxMessage
from bot.themes import DigestAdmin, DigestSender, UnknownDigest

MONDAY_10 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # 10:00 in Brussels
A, B, C = 101, 102, 103


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def item(doc_id: str, *themes: str) -> DigestItemDraft:
    return DigestItemDraft(doc_id, f"Titel {doc_id}", "Eerste zin.", None, themes)


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_10)


@pytest.fixture
def repos(storage: Storage, clock: Clock) -> tuple[DigestRepository, FollowRepository]:
    follows = FollowRepository(storage.database, clock=clock)
    follows.toggle(A, "polarisatie-en-online-haat")
    follows.toggle(B, "beroepsgeheim-en-privacy")
    follows.toggle(C, "polarisatie-en-online-haat")
    follows.toggle(C, "beroepsgeheim-en-privacy")
    return DigestRepository(storage.database, clock=clock), follows


def sender(repos: tuple[DigestRepository, FollowRepository], clock: Clock, window: str = "always",
           cap: int = 3) -> DigestSender:  # fmt: skip
    return DigestSender(repos[0], repos[1], parse_window(window), cap_per_week=cap, clock=clock)


def outbox_rows(storage: Storage, chat_id: int) -> int:
    with storage.database.session() as session:
        statement = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
        return int(session.scalar(statement) or 0)


def test_each_follower_gets_the_items_of_their_themes_in_one_message(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    items = [item("p/haat.md", "polarisatie-en-online-haat"), item("p/geheim.md", "beroepsgeheim-en-privacy")]
    repos[0].record("v2", "v1", items)
    assert sender(repos, clock).dispatch() == 3
    with storage.database.session() as session:
        texts = dict(session.execute(select(OutboxMessage.chat_id, OutboxMessage.text)).all())
    assert "Titel p/haat.md" in texts[A] and "Titel p/geheim.md" not in texts[A]
    assert "<b>Polarisatie en online haat</b>" in texts[A] and "/stopvolgen" in texts[A]
    assert "Titel p/geheim.md" in texts[B] and "Titel p/haat.md" not in texts[B]
    assert "Titel p/haat.md" in texts[C] and "Titel p/geheim.md" in texts[C]


def test_nothing_goes_out_outside_the_window(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    repos[0].record("v2", "v1", [item("p/haat.md", "polarisatie-en-online-haat")])
    clock.now = MONDAY_10 - timedelta(days=2)  # Saturday
    assert sender(repos, clock, "weekdays 09:00-17:00").dispatch() == 0
    clock.now = MONDAY_10 - timedelta(hours=3)  # Monday 07:00 in Brussels
    assert sender(repos, clock, "weekdays 09:00-17:00").dispatch() == 0
    clock.now = MONDAY_10
    assert sender(repos, clock, "weekdays 09:00-17:00").dispatch() == 2


def test_one_digest_a_day_never_an_item_twice_and_a_weekly_cap(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    digests = repos[0]
    digests.record("v2", "v1", [item("p/een.md", "polarisatie-en-online-haat")])
    assert sender(repos, clock, cap=2).dispatch() == 2
    digests.record("v3", "v2", [item("p/twee.md", "polarisatie-en-online-haat")])
    assert sender(repos, clock, cap=2).dispatch() == 0  # the same day: wait for tomorrow
    clock.now += timedelta(days=1)
    assert sender(repos, clock, cap=2).dispatch() == 2  # only p/twee.md: p/een.md went yesterday
    digests.record("v4", "v3", [item("p/drie.md", "polarisatie-en-online-haat")])
    clock.now += timedelta(days=1)
    assert sender(repos, clock, cap=2).dispatch() == 0  # two pushes this week already
    clock.now += timedelta(days=6)
    assert sender(repos, clock, cap=2).dispatch() == 2
    assert outbox_rows(storage, A) == 3


def test_staff_can_hold_release_and_cancel_a_digest(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    admin = DigestAdmin(repos[0])
    digest_id = repos[0].record("v2", "v1", [item("p/een.md", "polarisatie-en-online-haat")])
    assert digest_id is not None
    admin.set_status(digest_id, DigestStatus.HELD)
    assert sender(repos, clock).dispatch() == 0
    admin.set_status(digest_id, DigestStatus.CANCELLED)
    assert sender(repos, clock).dispatch() == 0
    admin.set_status(digest_id, DigestStatus.PENDING)
    assert sender(repos, clock).dispatch() == 2
    with pytest.raises(UnknownDigest):
        admin.set_status(999, DigestStatus.HELD)


def test_a_version_is_planned_once_and_a_restart_sends_nothing_twice(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    assert repos[0].record("v2", "v1", [item("p/een.md", "polarisatie-en-online-haat")]) is not None
    assert repos[0].record("v2", "v1", [item("p/een.md", "polarisatie-en-online-haat")]) is None
    results: list[int] = []
    runs = [threading.Thread(target=lambda: results.append(sender(repos, clock).dispatch())) for _ in range(3)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert sender(repos, clock).dispatch() == 0  # a restarted bot, the same day
    assert sum(results) == 2 and outbox_rows(storage, A) == outbox_rows(storage, C) == 1


def test_a_blocked_follower_is_skipped(
    storage: Storage, repos: tuple[DigestRepository, FollowRepository], clock: Clock
) -> None:
    repos[1].mark_blocked(A)
    repos[0].record("v2", "v1", [item("p/een.md", "polarisatie-en-online-haat")])
    assert sender(repos, clock).dispatch() == 1
    assert outbox_rows(storage, A) == 0 and outbox_rows(storage, C) == 1
