"""Make approved FAQ entries live within a minute: an incremental reindex in a background thread.

Only the staff FAQ folder changed, so the reindex embeds a chunk or two and publishes a new
version; the running bot picks it up with its hot reload (every few seconds). Approvals that
arrive while a run is busy are folded into one more run after it. A run that finds the build
lock taken (the nightly reindex) is retried a few times.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

logger = logging.getLogger(__name__)

RETRIES = 6
RETRY_AFTER = 5.0


class FaqPublisher:
    """Runs ``reindex`` in a daemon thread when asked; at most one thread at a time."""

    def __init__(self, reindex: Callable[[], object], *, retry_after: float = RETRY_AFTER) -> None:
        self._reindex = reindex
        self._retry_after = retry_after
        self._lock = threading.Lock()
        self._again = False
        self._thread: threading.Thread | None = None
        self.runs = 0
        self.idle = threading.Event()
        self.idle.set()

    def publish_soon(self) -> None:
        """Start a reindex now, or once more after the one that is running."""
        with self._lock:
            self._again = True
            if self._thread is not None and self._thread.is_alive():
                return
            self.idle.clear()
            self._thread = threading.Thread(target=self._loop, name="faq-publisher", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._again:
                    self.idle.set()
                    return
                self._again = False
            self._run_once()

    def _run_once(self) -> None:
        for attempt in range(1, RETRIES + 1):
            try:
                self._reindex()
                self.runs += 1
                logger.info("Staff FAQ published by an incremental reindex")
                return
            except Exception:  # the thread must not die silently: log and retry (the lock may be held)
                logger.exception("Reindex after an FAQ approval failed (attempt %s of %s)", attempt, RETRIES)
                time.sleep(self._retry_after)
