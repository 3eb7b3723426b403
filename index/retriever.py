"""Hybrid retrieval over the served version: dense (FAISS) and BM25, fused.

The loaded version is one immutable snapshot, swapped by reference on reload, so a search
in flight finishes on the version it started with and never sees a half-switched index.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from knowledge import Chunk

from .bm25 import BM25Index
from .chunk_codec import read_chunks
from .dense import load_faiss, search
from .embedder import Embedder
from .errors import CorruptIndexError
from .fusion import FusionMode, reciprocal_rank_fusion, weighted_sum
from .store import Manifest, VersionStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved chunk with the evidence behind its rank."""

    chunk: Chunk
    score: float
    dense_score: float
    bm25_score: float
    rank: int


@dataclass(frozen=True, slots=True)
class LoadedVersion:
    """Everything one version needs in memory to answer queries."""

    manifest: Manifest
    chunks: list[Chunk]
    dense: faiss.Index
    bm25: BM25Index

    @classmethod
    def load(cls, folder: Path, manifest: Manifest) -> LoadedVersion:
        try:
            chunks = read_chunks(folder / "chunks.jsonl")
            dense = load_faiss(folder / "dense.faiss")
            bm25 = BM25Index.load(folder / "bm25")
        except (OSError, ValueError, RuntimeError) as exc:
            raise CorruptIndexError(f"index version {manifest.version_id} cannot be loaded: {exc}") from exc
        if len(chunks) != manifest.chunk_count or dense.ntotal != manifest.chunk_count:
            raise CorruptIndexError(f"index version {manifest.version_id} does not match its manifest")
        return cls(manifest, chunks, dense, bm25)


@dataclass(frozen=True, slots=True)
class RetrievalConfig:
    """Fusion settings; defaults tuned on dev AND PolicyQA together (``bench/tune.py``, BENCHMARKS.md).

    Why these values:
    - ``WEIGHTED`` beats ``RRF`` on both sets at every weight tried (RRF throws away how far
      the first place stands out, which is most of BM25's signal on FAQ-style questions).
    - ``dense_weight`` 0.65 sits in the middle of the plateau 0.60-0.70 that keeps dev
      recall@5 >= 0.96 for every neighbouring setting. At 30 candidates more dense weight
      buys PolicyQA recall@1 (0.916 at 0.60, 0.924 at 0.65, 0.922 at 0.70) and dev recall@5
      (0.96, 0.97, 0.99) and costs dev recall@1 (0.80, 0.77, 0.75): 0.65 is the compromise
      between the two sets, not the peak of either.
    - ``candidates`` 30 per list: min-max scaling over a tighter head separates the
      leaders better than over 50-100 (PolicyQA recall@1 +0.006), 20-30 score alike.
    - ``max_per_doc`` 1: metrics and answers are per document; 2 never helped.
    - RRF (only used when ``mode`` is RRF): dense counts double; 2:1 beats 1:1 on both sets
      by a question or two, and RRF still trails weighted fusion.
    """

    mode: FusionMode = FusionMode.WEIGHTED
    dense_weight: float = 0.65
    rrf_dense_weight: float = 2.0
    rrf_bm25_weight: float = 1.0
    candidates: int = 30
    max_per_doc: int = 1

    def __post_init__(self) -> None:
        if self.candidates < 1:
            raise ValueError(f"candidates must be >= 1, got {self.candidates!r}")
        if self.max_per_doc < 1:
            raise ValueError(f"max_per_doc must be >= 1, got {self.max_per_doc!r}")


class HybridRetriever:
    """Search the served version; ``load()`` reads it, ``reload_if_changed()`` follows CURRENT."""

    def __init__(self, store: VersionStore, embedder: Embedder, config: RetrievalConfig | None = None) -> None:
        self._store = store
        self._embedder = embedder
        self.config = config or RetrievalConfig()
        self._version: LoadedVersion | None = None
        self._reload_lock = threading.Lock()

    @property
    def manifest(self) -> Manifest:
        return self._loaded().manifest

    def load(self) -> HybridRetriever:
        folder, manifest = self._store.current()
        self._version = self._checked(LoadedVersion.load(folder, manifest))
        logger.info("Serving index version %s (%d chunks)", manifest.version_id, manifest.chunk_count)
        return self

    def reload_if_changed(self) -> bool:
        """Switch to a newly published version; the old one is freed once in-flight searches end."""
        with self._reload_lock:
            current = self._store.current_id()
            if current is None or (self._version and self._version.manifest.version_id == current):
                return False
            self.load()
            return True

    def _checked(self, version: LoadedVersion) -> LoadedVersion:
        if version.manifest.model != self._embedder.model_id:
            raise CorruptIndexError(
                f"index version {version.manifest.version_id} was built with {version.manifest.model}, "
                f"but the configured model is {self._embedder.model_id}; run 'vraagbaak reindex --full'"
            )
        return version

    def _loaded(self) -> LoadedVersion:
        if self._version is None:
            self.load()
        assert self._version is not None
        return self._version

    def chunks(self) -> tuple[Chunk, ...]:
        """The served version's chunks (e.g. its FAQ questions, as examples of what the corpus answers)."""
        return tuple(self._loaded().chunks)

    def vocabulary(self) -> Mapping[str, int]:
        """The served corpus's stemmed terms, for evidence checks above the index."""
        return self._loaded().bm25.vocabulary

    def coverage(self, query: str) -> float:
        """Share of the query's terms known to the served corpus (see ``BM25Index.coverage``)."""
        return self._loaded().bm25.coverage(query)

    def embed(self, query: str) -> np.ndarray:
        """The query's vector (e5 ``query:`` side), for callers that use it beside a search."""
        return self._embedder.embed_queries([query])[0]

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        vector: np.ndarray | None = None,
        config: RetrievalConfig | None = None,
    ) -> list[Hit]:
        """The best ``k`` chunks, at most ``max_per_doc`` per document, best first.

        ``vector``: the query's embedding when the caller has it already; ``config``: other
        fusion settings for this search only (dense alone for a question in another language
        than the corpus's, whose Dutch BM25 scores are noise).
        """
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k!r}")
        version = self._loaded()
        if not version.chunks:
            return []
        vector = self.embed(query) if vector is None else vector
        return self.search_vector(version, query, vector, k, config)

    def search_vector(
        self, version: LoadedVersion, query: str, vector: np.ndarray, k: int, config: RetrievalConfig | None = None
    ) -> list[Hit]:
        config = config or self.config
        # Several chunks of one document may be skipped, so look deeper than k when k is large.
        depth = max(config.candidates, k * config.max_per_doc * 3)
        dense_scores, dense_rows = search(version.dense, vector, depth)
        lexical_all = version.bm25.scores(query)
        lexical_rows = np.argsort(-lexical_all, kind="stable")[:depth]
        lexical_rows = lexical_rows[lexical_all[lexical_rows] > 0]
        candidates = list(dict.fromkeys([*dense_rows.tolist(), *lexical_rows.tolist()]))
        cosine = dict(zip(dense_rows.tolist(), dense_scores.tolist(), strict=True))
        for row in candidates:
            if row not in cosine:
                cosine[row] = float(np.dot(version.dense.reconstruct(int(row)), vector))
        fused = self._fuse(config, candidates, cosine, lexical_all, dense_rows.tolist(), lexical_rows.tolist())
        ordered = sorted(candidates, key=lambda row: (-fused[row], row))
        hits: list[Hit] = []
        per_doc: dict[str, int] = {}
        for row in ordered:
            chunk = version.chunks[row]
            if per_doc.get(chunk.doc_id, 0) >= config.max_per_doc:
                continue
            per_doc[chunk.doc_id] = per_doc.get(chunk.doc_id, 0) + 1
            hits.append(Hit(chunk, float(fused[row]), float(cosine[row]), float(lexical_all[row]), len(hits) + 1))
            if len(hits) == k:
                break
        return hits

    @staticmethod
    def _fuse(
        config: RetrievalConfig,
        candidates: list[int],
        cosine: dict[int, float],
        lexical_all: np.ndarray,
        dense_ranking: list[int],
        lexical_ranking: list[int],
    ) -> dict[int, float]:
        if config.mode is FusionMode.DENSE:
            return {row: cosine[row] for row in candidates}
        if config.mode is FusionMode.BM25:
            return {row: float(lexical_all[row]) for row in candidates}
        if config.mode is FusionMode.RRF:
            fused = reciprocal_rank_fusion(
                [dense_ranking, lexical_ranking], weights=[config.rrf_dense_weight, config.rrf_bm25_weight]
            )
            return {row: fused.get(row, 0.0) for row in candidates}
        dense = np.array([cosine[row] for row in candidates], dtype=np.float32)
        lexical = np.array([lexical_all[row] for row in candidates], dtype=np.float32)
        combined = weighted_sum(dense, lexical, dense_weight=config.dense_weight)
        return dict(zip(candidates, combined.tolist(), strict=True))
