"""Score fusion for hybrid retrieval: pure functions over ranked lists and score arrays."""

from __future__ import annotations

from enum import StrEnum

import numpy as np

RRF_K = 60


class FusionMode(StrEnum):
    """How dense and BM25 evidence are combined (measured side by side in bench/)."""

    RRF = "rrf"
    WEIGHTED = "weighted"
    DENSE = "dense"
    BM25 = "bm25"


def reciprocal_rank_fusion(
    rankings: list[list[int]], *, k: int = RRF_K, weights: list[float] | None = None
) -> dict[int, float]:
    """Cormack, Clarke & Büttcher (SIGIR 2009): score(d) = sum_r w_r / (k + rank_r(d)).

    ``k`` = 60 is the paper's constant: it damps the head so that one list's first place
    does not outvote agreement lower down in the others. Ranks are 1-based.
    """
    weights = weights or [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"need one weight per ranking, got {len(weights)} for {len(rankings)}")
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, row in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


def min_max(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1]; a flat array (no signal) becomes all zeros."""
    if scores.size == 0:
        return scores
    low, high = float(scores.min()), float(scores.max())
    if high - low < 1e-9:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def weighted_sum(dense: np.ndarray, lexical: np.ndarray, *, dense_weight: float) -> np.ndarray:
    """Convex combination of min-max-normalised dense and BM25 scores over the same rows."""
    if not 0.0 <= dense_weight <= 1.0:
        raise ValueError(f"dense_weight must lie in [0, 1], got {dense_weight!r}")
    return dense_weight * min_max(dense) + (1.0 - dense_weight) * min_max(lexical)
