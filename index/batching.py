"""Micro-batching of query embeddings: concurrent questions share one encoder call.

Under a burst, answering threads (``asyncio.to_thread`` workers) each need one query vector.
One ONNX call for N short queries costs far less than N calls (the per-call overhead, not the
arithmetic, dominates at ~15 tokens), so ``QueryBatcher`` lets them meet: a caller that finds
no batch being collected becomes the batch's leader, waits while the encoder is busy with the
previous batch (and, if ``window_s`` > 0, up to that long for company), takes up to
``max_batch`` waiting queries and runs the encoder once for all of them; the others sleep
until their vector is there. The queries that arrive during one encoder call (~10 ms) form the
next batch, so batches grow with the load by themselves, and a lone question waits for
nothing: the default window is 0, because on a loaded machine a sleeping leader wakes late
(bench/query_batch.py: a 2 ms window cost single questions more than it saved).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Encode = Callable[[list[str]], np.ndarray]


@dataclass(slots=True)
class _Slot:
    text: str
    vector: np.ndarray | None = None
    error: BaseException | None = None


class QueryBatcher:
    """Thread-safe; ``embed([text])`` batches, lists of several texts go straight to ``encode``."""

    def __init__(self, encode: Encode, *, max_batch: int = 16, window_s: float = 0.0) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be >= 1, got {max_batch!r}")
        if window_s < 0:
            raise ValueError(f"window_s must be >= 0, got {window_s!r}")
        self._encode = encode
        self.max_batch = max_batch
        self.window_s = window_s
        self._cond = threading.Condition()
        self._pending: list[_Slot] = []
        self._leading = False  # a leader is collecting the next batch
        self._encoding = False  # a batch is in the encoder
        self.batches: deque[int] = deque(maxlen=10_000)  # sizes of the last batches run

    def embed(self, texts: list[str]) -> np.ndarray:
        if len(texts) != 1:
            return self._encode(texts)
        slot = _Slot(texts[0])
        with self._cond:
            self._pending.append(slot)
            self._cond.notify_all()
            while slot.vector is None and slot.error is None:
                if self._leading:
                    self._cond.wait()
                else:
                    self._lead()
        if slot.error is not None:
            raise slot.error
        assert slot.vector is not None
        return slot.vector[np.newaxis, :]

    def _lead(self) -> None:
        """Collect a batch (holding the condition), encode it without, hand out the vectors."""
        self._leading = True
        deadline = time.monotonic() + self.window_s
        while self._encoding or (len(self._pending) < self.max_batch and time.monotonic() < deadline):
            self._cond.wait(None if self._encoding else max(0.0, deadline - time.monotonic()))
        batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
        self._leading, self._encoding = False, True
        self._cond.notify_all()  # newcomers may start collecting the next batch now
        self._cond.release()
        try:
            vectors = self._encode([slot.text for slot in batch])
            for slot, vector in zip(batch, vectors, strict=True):
                slot.vector = vector
        except BaseException as exc:  # every waiter of the batch gets the encoder's error
            for slot in batch:
                slot.error = exc
        finally:
            self._cond.acquire()
            self._encoding = False
            self.batches.append(len(batch))
            self._cond.notify_all()
