"""Readiness: is this process fit to take traffic? Named checks, each a reason when it fails.

``/healthz`` says only that the process lives; ``/readyz`` runs these checks: the database
answers, the index is loaded, and Telegram answered within the last minute. A check returns
``None`` when fine or a short English reason (for the operator, in the JSON of a 503). Checks
are plain callables so the composition root decides what they look at; they may block (a
database round trip), so the HTTP side runs ``report`` in a worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.ops.metrics import READY

logger = logging.getLogger(__name__)

Check = Callable[[], str | None]
TELEGRAM_WINDOW_S = 60.0


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """The outcome of every check: ``reasons`` maps a failed check's name to why."""

    ready: bool
    reasons: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"ready": self.ready, "reasons": self.reasons}


class Readiness:
    """The checks of one process, and the clock of its last successful Telegram call."""

    def __init__(self, *, telegram_window_s: float = TELEGRAM_WINDOW_S, clock: Callable[[], float] = time.monotonic):
        if telegram_window_s <= 0:
            raise ValueError(f"telegram_window_s must be > 0, got {telegram_window_s!r}")
        self._checks: dict[str, Check] = {}
        self._lock = threading.Lock()
        self._window = telegram_window_s
        self._clock = clock
        self._telegram_at: float | None = None

    def add(self, name: str, check: Check) -> None:
        """Register (or replace) the check ``name``."""
        with self._lock:
            self._checks[name] = check

    def telegram_answered(self) -> None:
        """Note that a Bot API call just succeeded."""
        self._telegram_at = self._clock()

    def telegram_fresh(self, within_s: float) -> bool:
        """Whether Telegram answered within the last ``within_s`` seconds."""
        return self._telegram_at is not None and self._clock() - self._telegram_at <= within_s

    def telegram_check(self) -> str | None:
        """The built-in check: Telegram answered within the window."""
        if self._telegram_at is None:
            return "Telegram has not answered yet"
        idle = self._clock() - self._telegram_at
        return None if idle <= self._window else f"Telegram last answered {idle:.0f} s ago"

    def report(self) -> ReadinessReport:
        """Run every check; a check that raises counts as failed with its exception as the reason."""
        with self._lock:
            checks = dict(self._checks)
        if not checks:
            reasons = {"starting": "not started yet"}
        else:
            reasons = {}
            for name, check in checks.items():
                try:
                    reason = check()
                except Exception as exc:
                    reason = f"{type(exc).__name__}: {exc}"
                if reason is not None:
                    reasons[name] = reason
        READY.set(0 if reasons else 1)
        return ReadinessReport(not reasons, reasons)
