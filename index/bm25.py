"""A BM25 index over Dutch-analysed chunk texts (bm25s, Lucene scoring)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import bm25s
import numpy as np

from .text_analysis import analyse


class BM25Index:
    """Sparse lexical index; row i is chunk i of the version it belongs to."""

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        self._model = model
        self._size = size
        self._vocab: dict[str, int] = dict(model.vocab_dict or {})

    @classmethod
    def build(cls, texts: list[str], *, k1: float = 1.2, b: float = 0.75) -> BM25Index:
        model = bm25s.BM25(k1=k1, b=b, method="lucene")
        tokens = [analyse(text) or ["_empty_"] for text in texts]
        model.index(tokens, show_progress=False)
        return cls(model, len(texts))

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        model = bm25s.BM25.load(str(folder), mmap=False)
        size = int(model.scores["num_docs"])
        return cls(model, size)

    def save(self, folder: Path) -> None:
        self._model.save(str(folder))

    @property
    def vocabulary(self) -> Mapping[str, int]:
        """The corpus's stemmed terms (read-only view)."""
        return MappingProxyType(self._vocab)

    def coverage(self, query: str) -> float:
        """Share of the query's content terms that occur anywhere in the corpus.

        Out-of-domain questions ("grofvuil", "rijbewijs") use words the corpus never does;
        the decision step uses this beside the cosine, which stays high for any Dutch text.
        """
        tokens = analyse(query)
        if not tokens:
            return 0.0
        return sum(token in self._vocab for token in tokens) / len(tokens)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros when no query term is known)."""
        tokens = [token for token in analyse(query) if token in self._vocab]
        if not tokens or self._size == 0:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
