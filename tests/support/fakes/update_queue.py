"""The updates Telegram holds for a bot until ``getUpdates`` confirms them.

Why it mirrors Telegram's bookkeeping: PTB's Updater confirms a batch only on its next
``getUpdates`` call (``offset = last update_id + 1``), and its shutdown sends one more call
for exactly that reason. A fake that forgot updates on delivery would hide bugs in restart and
duplicate handling, so here updates stay queued until an offset above them is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from dataclasses import dataclass
from typing import Any

from tests.support.fakes.errors import BotApiError

JSON = dict[str, Any]
SUPERSEDED = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
# Telegram's default when allowed_updates is empty or was never set.
DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class _Pending:
    update: JSON
    redelivery: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])

    @property
    def kind(self) -> str:
        return next(key for key in self.update if key != "update_id")


class PendingUpdates:
    """Queued updates with Telegram's offset, limit and allowed_updates semantics."""

    def __init__(self) -> None:
        self._items: list[_Pending] = []
        self._history: dict[int, JSON] = {}
        self._next_id = 1
        self._changed = asyncio.Event()
        self._poll_turn = 0
        self.waiting = 0
        self.allowed_updates: list[str] = []

    def __len__(self) -> int:
        return len(self._items)

    def put(self, update: JSON, update_id: int | None = None) -> int:
        """Queue ``update``; a given ``update_id`` (e.g. one used before) is kept as is."""
        update_id = self.assign_id(update, update_id)
        self._items.append(_Pending(update))
        self._notify()
        return update_id

    def assign_id(self, update: JSON, update_id: int | None = None) -> int:
        """Give ``update`` the next id (or ``update_id``) and remember it for ``redeliver``."""
        if update_id is None:
            update_id = int(update.get("update_id") or self._next_id)
        update["update_id"] = update_id
        self._next_id = max(self._next_id, update_id + 1)
        self._history[update_id] = update
        return update_id

    def redeliver(self, update_id: int) -> int:
        """Queue an already delivered update again, even below the confirmed offset, once.

        This is Telegram's at-least-once delivery seen from the bot: the same ``update_id``
        arriving twice (say, after a crash before the offset was confirmed).
        """
        if update_id not in self._history:
            raise KeyError(f"no update with update_id {update_id} was ever queued")
        self._items.append(_Pending(copy.deepcopy(self._history[update_id]), redelivery=True))
        self._notify()
        return update_id

    def clear(self) -> None:
        """Drop everything, as ``deleteWebhook(drop_pending_updates=True)`` does."""
        self._items.clear()

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset``."""
        if offset < 0:
            self._items = sorted(self._items, key=lambda p: p.update_id)[offset:]
        elif offset > 0:
            self._items = [p for p in self._items if p.update_id >= offset or p.redelivery]

    def take(self, limit: int) -> list[JSON]:
        """Up to ``limit`` deliverable updates in update_id order; they stay queued until confirmed."""
        allowed = set(self.allowed_updates)
        self._items = [p for p in self._items if (p.kind in allowed if allowed else p.kind not in DEFAULT_EXCLUDED)]
        batch = sorted(self._items, key=lambda p: p.update_id)[:limit]
        for pending in batch:
            pending.redelivery = False
        return [copy.deepcopy(p.update) for p in batch]

    async def long_poll(self, *, offset: int, limit: int, timeout: float, closing: asyncio.Event) -> list[JSON]:
        """getUpdates: confirm below ``offset``, then answer once updates are deliverable.

        Waits at most ``timeout`` seconds (or until ``closing`` is set). A newer long poll
        ends this one with Telegram's 409 Conflict, as when two bot instances poll.
        """
        self._poll_turn += 1
        turn = self._poll_turn
        self.wake()  # an older long poll still waiting is now superseded
        self.confirm(offset)
        deadline = time.monotonic() + timeout
        while True:
            batch = self.take(min(max(limit, 1), 100))
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or closing.is_set():
                return batch
            self.waiting += 1
            try:
                await self.wait(remaining)
            finally:
                self.waiting -= 1
            if turn != self._poll_turn:
                raise BotApiError(409, SUPERSEDED)

    async def wait(self, timeout: float) -> None:
        """Return when something is queued (or ``wake`` is called) or after ``timeout`` seconds."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout)

    def wake(self) -> None:
        """Wake every waiting long poll, e.g. to supersede it or on shutdown."""
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()
