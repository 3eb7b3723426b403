"""Fusion math: pure functions, checked against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from index import reciprocal_rank_fusion, weighted_sum


def test_rrf_rewards_agreement_over_one_first_place() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [2, 3, 1]])
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert max(fused, key=lambda row: fused[row]) == 2


def test_rrf_needs_one_weight_per_ranking() -> None:
    with pytest.raises(ValueError, match="one weight per ranking"):
        reciprocal_rank_fusion([[1], [2]], weights=[1.0])


def test_weighted_sum_normalises_each_signal() -> None:
    combined = weighted_sum(np.array([0.8, 0.9, 0.85]), np.array([10.0, 0.0, 5.0]), dense_weight=0.5)
    assert combined.tolist() == pytest.approx([0.5, 0.5, 0.5])


def test_weighted_sum_rejects_bad_weight() -> None:
    with pytest.raises(ValueError, match=r"1\.5"):
        weighted_sum(np.zeros(2), np.zeros(2), dense_weight=1.5)
