"""Singleton jobs across replicas: one advisory lock holder per job, taken over when it goes."""

from __future__ import annotations

from collections.abc import Callable

from bot.storage import Database, HandoverTrigger, OfficialRecord, OutboxKind, Storage
from bot.storage.locks import SingletonLocks, lock_key
from bot.storage.queue_stats import QueueStats
from tests.bot.storage.conftest import FakeClock


def test_one_replica_holds_each_job_and_another_takes_over_when_it_stops(
    backend: str, url: str, open_databases: Callable[[str], Database]
) -> None:
    first, second = SingletonLocks(open_databases(url)), SingletonLocks(open_databases(url))
    assert first.acquire("staff-queue-outbox")
    if backend == "sqlite":  # one process's database: every job runs
        assert second.acquire("staff-queue-outbox")
        return
    assert first.acquire("staff-queue-outbox")  # asked again: still the holder
    assert not second.acquire("staff-queue-outbox")
    assert second.acquire("staff-queue-upkeep")  # another job, another lock
    assert not first.acquire("staff-queue-upkeep")
    first.release()  # a stopped (or killed) replica's session ends
    assert second.acquire("staff-queue-outbox")
    assert second.held == {"staff-queue-outbox", "staff-queue-upkeep"}


def test_keys_are_stable_and_separate_databases_and_jobs() -> None:
    url = "postgresql+psycopg://bot@db/vraagbaak"
    assert lock_key(url, "reindex") == lock_key(url, "reindex")
    assert lock_key(url, "reindex") != lock_key(url, "staff-queue-purge")
    assert lock_key(url, "reindex") != lock_key(url + "?options=-csearch_path%3Dother", "reindex")
    assert -(2**63) <= lock_key(url, "reindex") < 2**63


def test_queue_snapshot_counts_open_tickets_by_age_and_the_outbox_backlog(
    storage: Storage, clock: FakeClock, official: OfficialRecord
) -> None:
    storage.tickets.create_ticket(official.id, 1001, "Vraag een", HandoverTrigger.ASKED_FOR_PERSON)
    storage.outbox.enqueue(OutboxKind.NOTIFY_OFFICIAL, 1001, "Bericht", dedupe_key="test:1")
    clock.advance(days=3)
    storage.tickets.create_ticket(official.id, 1001, "Vraag twee", HandoverTrigger.ASKED_FOR_PERSON)
    clock.advance(hours=1)
    snapshot = QueueStats(storage.database, clock=clock).snapshot()
    assert snapshot.open_by_age == {"lt_1d": 1, "1d_2d": 0, "2d_7d": 1, "gt_7d": 0}
    assert snapshot.outbox_backlog == 1
    assert snapshot.outbox_oldest_s == 3 * 86400 + 3600
