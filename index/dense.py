"""FAISS inner-product search over L2-normalised vectors (so scores are cosines).

Flat search is exact and costs ~0.18 ms per 1,000 chunks per query on 2 cores (bench/scaling.py,
p50: 1.5 ms at 10k, ~6 ms at 25k, ~9 ms at 50k, ~17.5 ms at 100k), which the 25 ms question
budget can afford up to about 20k chunks beside the ~10-15 ms encoder. From ``HNSW_THRESHOLD``
on, an HNSW graph answers in under 1 ms (0.5 ms at 25k, 0.8 ms at 100k) with recall@10 >= 0.999
against exact search on e5-shaped synthetic vectors; its build (6 s at 25k, 35 s at 100k) is
small beside embedding that many chunks (about an hour per 25k on 2 cores). See BENCHMARKS.md.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

HNSW_THRESHOLD = 20_000
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
