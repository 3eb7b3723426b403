"""The inbox of updates: stored once, one lease at a time, done, retried, set aside, deferred."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from sqlalchemy import event

from bot.storage import Database, InboxRepository, NewUpdate, Storage, UpdateStatus

from .conftest import FakeClock
from .helpers import race

LEASE = timedelta(seconds=30)


def _store(storage: Storage, update_id: int, user_id: int = 7) -> bool:
    return storage.inbox.store(update_id, {"update_id": update_id, "message": {"text": "x"}}, user_id, user_id)


def test_an_update_is_stored_once_and_claimed_by_one_owner(storage: Storage) -> None:
    assert _store(storage, 10) is True
    assert _store(storage, 10) is False
    claimed = storage.inbox.claim(10, "a", LEASE)
    assert claimed is not None and claimed.attempts == 1 and claimed.payload["message"] == {"text": "x"}
    assert storage.inbox.claim(10, "b", LEASE) is None
    assert storage.inbox.finish(10, "b") is False, "only the lease holder finishes it"
    assert storage.inbox.finish(10, "a") is True
    assert storage.inbox.claim(10, "b", LEASE) is None, "done is done"
    assert storage.inbox.counts() == {UpdateStatus.DONE: 1}


def test_an_expired_lease_is_taken_over(storage: Storage, clock: FakeClock) -> None:
    _store(storage, 11)
    assert storage.inbox.claim(11, "dead", LEASE) is not None
    assert storage.inbox.due() == []
    clock.advance(seconds=31)
    assert [stored.update_id for stored in storage.inbox.due()] == [11]
    again = storage.inbox.claim(11, "alive", LEASE)
    assert again is not None and again.attempts == 2
    assert storage.inbox.finish(11, "dead") is False


def test_a_failing_update_is_retried_then_set_aside(storage: Storage, clock: FakeClock) -> None:
    _store(storage, 12)
    for attempt in (1, 2):
        assert storage.inbox.claim(12, "a", LEASE) is not None
        assert storage.inbox.fail(12, "a", "boom", max_attempts=3, retry_after=timedelta(seconds=5)) is False
        assert storage.inbox.claim(12, "a", LEASE) is None, f"not before the retry delay (attempt {attempt})"
        clock.advance(seconds=6)
    assert storage.inbox.claim(12, "a", LEASE) is not None
    assert storage.inbox.fail(12, "a", "boom " * 200, max_attempts=3, retry_after=timedelta(seconds=5)) is True
    clock.advance(hours=1)
    assert storage.inbox.due() == []
    (aside,) = storage.inbox.list(UpdateStatus.SET_ASIDE)
    assert aside.update_id == 12 and aside.attempts == 3


def test_deferred_updates_wait_and_later_ones_do_not_overtake(storage: Storage, clock: FakeClock) -> None:
    for update_id in (20, 21, 22):
        _store(storage, update_id)
    assert storage.inbox.claim(21, "a", LEASE) is not None
    storage.inbox.defer(21, "a", clock() + timedelta(seconds=10))
    assert storage.inbox.waiting_until(7, 22) == clock() + timedelta(seconds=10)
    assert storage.inbox.waiting_until(7, 21) is None
    assert storage.inbox.waiting_until(8, 22) is None, "per official"
    assert [stored.update_id for stored in storage.inbox.due()] == [20, 22]
    clock.advance(seconds=10)
    due = storage.inbox.due()
    assert [stored.update_id for stored in due] == [20, 21, 22]
    assert due[1].deferred is True


def test_release_gives_the_attempt_back(storage: Storage) -> None:
    _store(storage, 30)
    assert storage.inbox.claim(30, "a", LEASE) is not None
    storage.inbox.release(30, "a")
    stored = storage.inbox.claim(30, "b", LEASE)
    assert stored is not None and stored.attempts == 1
    assert storage.inbox.release_all() == 1
    assert storage.inbox.claim(30, "c", LEASE) is not None


def test_plan_and_sent_parts_survive(storage: Storage) -> None:
    _store(storage, 40)
    storage.inbox.save_plan(40, {"parts": ["a", "b"]})
    storage.inbox.mark_sent(40, 1)
    stored = storage.inbox.get(40)
    assert stored is not None and stored.plan == {"parts": ["a", "b"]} and stored.sent == 1


def test_prune_keeps_what_is_not_done(storage: Storage, clock: FakeClock) -> None:
    _store(storage, 50)
    _store(storage, 51)
    assert storage.inbox.claim(50, "a", LEASE) is not None
    storage.inbox.finish(50, "a")
    clock.advance(days=3)
    assert storage.inbox.prune(timedelta(days=2)) == 1
    assert not storage.inbox.exists(50) and storage.inbox.exists(51)


def test_concurrent_claims_exactly_one_wins(url: str, open_databases: Callable[[str], Database]) -> None:
    repositories = [InboxRepository(open_databases(url)) for _ in range(6)]
    for update_id in (1, 2, 3):
        repositories[0].store(update_id, {"update_id": update_id}, 1, 1)
        results = race([partial(repo.claim, update_id, f"r{n}", LEASE) for n, repo in enumerate(repositories)])
        assert sum(result is not None for result in results) == 1


def test_a_polled_batch_is_stored_in_one_transaction_and_redeliveries_are_told_apart(
    storage: Storage, db: Database
) -> None:
    _store(storage, 30)
    commits: list[object] = []

    def count(connection: object) -> None:
        commits.append(connection)

    event.listen(db.engine, "commit", count)
    batch = [NewUpdate(update_id, {"update_id": update_id, "message": {"text": f"v{update_id}"}}, 7, 7)
             for update_id in (30, 31, 32, 31)]  # fmt: skip
    fresh = storage.inbox.store_many(batch)
    event.remove(db.engine, "commit", count)

    assert len(commits) == 1
    assert fresh == {31, 32}, "30 was stored before; 31 twice in one batch is stored once"
    assert storage.inbox.counts() == {UpdateStatus.RECEIVED: 3}
    stored = storage.inbox.get(32)
    assert stored is not None and stored.payload["message"] == {"text": "v32"} and stored.user_id == 7
    assert storage.inbox.store_many([]) == set()
