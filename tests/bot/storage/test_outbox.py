"""The outbox: idempotent enqueue, disjoint claims, retries, crash recovery."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

import pytest

from bot.storage import Database, NotFound, OutboxKind, OutboxRepository, OutboxStatus, Storage

from .conftest import FakeClock
from .helpers import race


def _enqueue(outbox: OutboxRepository, key: str, not_before: datetime | None = None) -> int:
    return outbox.enqueue(OutboxKind.RELAY_TO_OFFICIAL, 1001, f"bericht {key}", dedupe_key=key, not_before=not_before)


def test_enqueue_is_idempotent_on_dedupe_key(storage: Storage) -> None:
    first = storage.outbox.enqueue(
        OutboxKind.POST_TO_STAFF,
        -100,
        "<b>Vraag</b>",
        dedupe_key="ticket-1-post",
        message_thread_id=7,
        parse_mode="HTML",
        reply_markup={"inline_keyboard": [[{"text": "Neem", "callback_data": "claim:1"}]]},
    )
    second = storage.outbox.enqueue(OutboxKind.POST_TO_STAFF, -100, "anders", dedupe_key="ticket-1-post")
    assert first == second
    assert storage.outbox.pending_count() == 1
    item = storage.outbox.get(first)
    assert item is not None
    assert (item.text, item.parse_mode, item.message_thread_id) == ("<b>Vraag</b>", "HTML", 7)
    assert item.reply_markup == {"inline_keyboard": [[{"text": "Neem", "callback_data": "claim:1"}]]}


def test_concurrent_enqueue_same_key_one_row(url: str, open_databases: Callable[[str], Database]) -> None:
    outboxes = [OutboxRepository(open_databases(url)) for _ in range(5)]
    ids = race([partial(_enqueue, outbox, "same") for outbox in outboxes])
    assert len(set(ids)) == 1
    assert outboxes[0].pending_count() == 1


def test_claim_due_respects_schedule_and_order(storage: Storage, clock: FakeClock) -> None:
    later = _enqueue(storage.outbox, "later", not_before=clock.now + timedelta(minutes=10))
    first = _enqueue(storage.outbox, "first")
    second = _enqueue(storage.outbox, "second")

    claimed = storage.outbox.claim_due(limit=10)
    assert [item.id for item in claimed] == [first, second]
    assert {item.status for item in claimed} == {OutboxStatus.SENDING}
    assert storage.outbox.claim_due() == []
    for item in claimed:
        storage.outbox.mark_sent(item.id, 100 + item.id)
    assert [item.id for item in storage.outbox.claim_due(clock.now + timedelta(minutes=10))] == [later]


def test_concurrent_claimers_get_disjoint_items(
    storage: Storage, url: str, open_databases: Callable[[str], Database], clock: FakeClock
) -> None:
    expected = {_enqueue(storage.outbox, f"k{n}") for n in range(40)}
    outboxes = [OutboxRepository(open_databases(url), clock=clock) for _ in range(4)]

    def drain(outbox: OutboxRepository) -> list[int]:
        got: list[int] = []
        while batch := outbox.claim_due(limit=3):
            got.extend(item.id for item in batch)
        return got

    results = race([partial(drain, outbox) for outbox in outboxes])
    everything = [item_id for result in results for item_id in result]
    assert len(everything) == len(set(everything))
    assert set(everything) == expected


def test_stuck_sending_items_are_retried(storage: Storage, clock: FakeClock) -> None:
    item_id = _enqueue(storage.outbox, "crash")
    assert [item.id for item in storage.outbox.claim_due()] == [item_id]  # then the sender "crashes"

    clock.advance(seconds=60)
    assert storage.outbox.claim_due() == []
    clock.advance(seconds=61)
    again = storage.outbox.claim_due()
    assert [(item.id, item.attempts, item.status) for item in again] == [(item_id, 1, OutboxStatus.SENDING)]
    assert again[0].last_error == "interrupted while sending"


def test_retry_then_sent(storage: Storage, clock: FakeClock) -> None:
    item_id = _enqueue(storage.outbox, "retry")
    storage.outbox.claim_due()
    storage.outbox.mark_retry(item_id, "429 Too Many Requests", clock.now + timedelta(seconds=30))
    assert storage.outbox.claim_due() == []
    clock.advance(seconds=30)
    [item] = storage.outbox.claim_due()
    assert (item.attempts, item.last_error) == (1, "429 Too Many Requests")
    storage.outbox.mark_sent(item_id, 4242)
    sent = storage.outbox.get(item_id)
    assert sent is not None
    assert (sent.status, sent.telegram_message_id, sent.sent_at) == (OutboxStatus.SENT, 4242, clock.now)
    assert storage.outbox.pending_count() == 0
    clock.advance(days=31)
    assert storage.outbox.purge_sent_older_than(30) == 1
    assert storage.outbox.get(item_id) is None


def test_failed_items_and_manual_retry(storage: Storage) -> None:
    item_id = _enqueue(storage.outbox, "fail")
    storage.outbox.claim_due()
    storage.outbox.mark_failed(item_id, "Forbidden: bot was blocked by the user")
    [failed] = storage.outbox.failed_items()
    assert (failed.id, failed.status, failed.attempts) == (item_id, OutboxStatus.FAILED, 1)
    assert storage.outbox.pending_count() == 0
    storage.outbox.retry_failed(item_id)
    assert [item.id for item in storage.outbox.claim_due()] == [item_id]
    with pytest.raises(NotFound):
        storage.outbox.mark_sent(999_999, 1)


def test_constructor_validates() -> None:
    with pytest.raises(ValueError, match="stale_after"):
        OutboxRepository(Database("sqlite://"), stale_after=timedelta(0))
