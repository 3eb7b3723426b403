"""Processed updates: a redelivered update is handled once; the polling offset persists."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from bot.storage import Database, Storage, UpdateRepository

from .conftest import FakeClock
from .helpers import race


def test_duplicate_update_is_processed_once(storage: Storage) -> None:
    assert storage.updates.mark_processed(5000) is True
    assert storage.updates.mark_processed(5000) is False
    assert storage.updates.mark_processed(5001) is True
    assert storage.updates.is_processed(5000)
    assert not storage.updates.is_processed(5002)


def test_concurrent_duplicates_exactly_one_wins(url: str, open_databases: Callable[[str], Database]) -> None:
    repositories = [UpdateRepository(open_databases(url)) for _ in range(6)]
    for update_id in (1, 2, 3):
        results = race([partial(repo.mark_processed, update_id) for repo in repositories])
        assert results.count(True) == 1


def test_large_update_ids(storage: Storage) -> None:
    assert storage.updates.mark_processed(2**40)
    assert not storage.updates.mark_processed(2**40)


def test_offset_persists(storage: Storage, url: str) -> None:
    assert storage.updates.get_offset() is None
    storage.updates.set_offset(123)
    storage.updates.set_offset(456)
    reopened = Database(url)
    try:
        assert UpdateRepository(reopened).get_offset() == 456
    finally:
        reopened.dispose()


def test_prune_processed(storage: Storage, clock: FakeClock) -> None:
    storage.updates.mark_processed(1)
    clock.advance(days=3)
    storage.updates.mark_processed(2)
    assert storage.updates.prune_processed(timedelta(days=2)) == 1
    assert storage.updates.mark_processed(1) is True
    assert storage.updates.mark_processed(2) is False
