"""Query vectors remembered by their exact text, so a question asked again costs no encoder pass.

Why: the encoder is ~70 % of a question's CPU, and the same wording comes back often (a
question retried after a rate-limit notice, one official's question forwarded to colleagues
who ask it too, a broadcast everyone reacts to with the same words). The vector of a text is a
pure function of the model, so a hit returns exactly what the encoder would; nothing about the
official or the conversation is kept, only text -> vector, in memory, bounded (LRU). The texts
are already redacted by the bot's guard before they reach retrieval.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

Encode = Callable[[list[str]], np.ndarray]


class QueryVectorCache:
    """A thread-safe LRU of ``text -> vector``; ``size`` 0 turns it off."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError(f"query cache size must be >= 0, got {size!r}")
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def embed(self, texts: list[str], encode: Encode) -> np.ndarray:
        """Vectors for ``texts``: remembered ones looked up, the others encoded in one call and kept."""
        if self._size == 0 or not texts:
            return encode(texts)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = self._vectors.get(text)
                if vector is not None:
                    self._vectors.move_to_end(text)
                    found[text] = vector
            self.hits += sum(text in found for text in texts)
            self.misses += sum(text not in found for text in texts)
        missing = list(dict.fromkeys(text for text in texts if text not in found))
        if missing:
            fresh = encode(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    vector = np.array(vector, dtype=np.float32)  # a private, read-only copy
                    vector.setflags(write=False)
                    found[text] = vector
                    self._vectors[text] = vector
                    self._vectors.move_to_end(text)
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        return np.ascontiguousarray(np.stack([found[text] for text in texts]), dtype=np.float32)
