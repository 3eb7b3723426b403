"""Per-official rate limit that defers instead of dropping: a sliding window of reserved slots.

Each message reserves the earliest moment at which it keeps the official within ``limit``
messages per ``window`` seconds. A message over the limit is not lost: the caller waits until
its slot and handles it then. Only a backlog longer than ``max_backlog`` windows is refused,
so that a runaway client cannot queue work for hours; the official is told to resend.
No ``telegram`` import: the handler decides what to say.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Slot:
    """When a message may be handled: ``delay`` seconds from now; ``None`` when refused."""

    delay: float | None
    first_deferred: bool = False

    @property
    def refused(self) -> bool:
        return self.delay is None


class Throttle:
    """``limit`` messages per ``window`` seconds per key, later ones deferred to their slot."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        max_backlog: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1, got {limit!r}")
        if window <= 0:
            raise ValueError(f"window must be > 0, got {window!r}")
        if max_backlog <= 0:
            raise ValueError(f"max_backlog must be > 0 (in windows), got {max_backlog!r}")
        self.limit = limit
        self.window = window
        self._max_delay = max_backlog * window
        self._clock = clock
        self._slots: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def reserve(self, key: int) -> Slot:
        """Reserve the next slot for ``key``; ``first_deferred`` marks the start of a backlog."""
        with self._lock:
            now = self._clock()
            slots = self._slots.setdefault(key, deque())
            while slots and slots[0] <= now - self.window:
                slots.popleft()
            at = now if len(slots) < self.limit else slots[-self.limit] + self.window
            delay = at - now
            if delay > self._max_delay:
                return Slot(None)
            first_deferred = delay > 0 and (not slots or slots[-1] <= now)
            slots.append(at)
            self._forget_idle(now)
            return Slot(delay, first_deferred)

    def _forget_idle(self, now: float) -> None:
        if len(self._slots) > 4096:
            idle = [key for key, slots in self._slots.items() if not slots or slots[-1] <= now - self.window]
            for key in idle:
                del self._slots[key]
