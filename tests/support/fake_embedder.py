"""A deterministic bag-of-words embedder for fast unit tests of index mechanics.

Retrieval-quality and end-to-end tests use the real packaged model; this one only has to
be deterministic, normalised and sensitive to word overlap.
"""

from __future__ import annotations

import hashlib

import numpy as np

from index.text_analysis import analyse


class FakeEmbedder:
    """Hashes analysed tokens into a fixed number of buckets; counts every passage it encodes."""

    def __init__(self, dimension: int = 64, model_id: str = "fake-bow-64") -> None:
        self._dimension = dimension
        self._model_id = model_id
        self.passages_encoded = 0

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dimension(self) -> int:
        return self._dimension

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self._dimension, dtype=np.float32)
        for token in analyse(text) or ["_empty_"]:
            bucket = int(hashlib.md5(token.encode()).hexdigest(), 16) % self._dimension
            vector[bucket] += 1.0
        return vector / np.linalg.norm(vector)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(text) for text in texts]) if texts else np.zeros((0, self._dimension))

    def embed_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        self.passages_encoded += len(texts)
        return np.stack([self._vector(text) for text in texts]) if texts else np.zeros((0, self._dimension))
