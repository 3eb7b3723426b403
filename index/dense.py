"""FAISS inner-product search over L2-normalised vectors (so scores are cosines).

Flat search is exact and, on 2 cores, fast enough up to tens of thousands of chunks; above
``HNSW_THRESHOLD`` an HNSW graph keeps queries in milliseconds (see BENCHMARKS.md).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

HNSW_THRESHOLD = 50_000
HNSW_M = 32


def build_faiss(vectors: np.ndarray, *, hnsw_threshold: int = HNSW_THRESHOLD) -> faiss.Index:
    """An exact flat index for small corpora, HNSW for large ones."""
    dimension = int(vectors.shape[1])
    index: faiss.Index
    if len(vectors) >= hnsw_threshold:
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    else:
        index = faiss.IndexFlatIP(dimension)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def save_faiss(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_faiss(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))


def search(index: faiss.Index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top ``k`` (scores, rows) for one query vector; rows of -1 (no result) are dropped."""
    k = min(k, int(index.ntotal))
    if k <= 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    scores, rows = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    keep = rows[0] >= 0
    return scores[0][keep], rows[0][keep]
