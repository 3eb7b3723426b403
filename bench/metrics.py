"""Retrieval metrics as DESIGN.md defines them: doc-id hits among the top-k sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RetrievalScores:
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    questions: int

    def row(self) -> str:
        return f"{self.recall_at_1:.3f} | {self.recall_at_5:.3f} | {self.mrr_at_10:.3f}"


def first_relevant_rank(ranked_doc_ids: Sequence[str], expected: Sequence[str]) -> int | None:
    """1-based rank of the first expected doc id, or None."""
    wanted = set(expected)
    for rank, doc_id in enumerate(ranked_doc_ids, start=1):
        if doc_id in wanted:
            return rank
    return None


def score(rankings: Sequence[Sequence[str]], expectations: Sequence[Sequence[str]]) -> RetrievalScores:
    ranks = [first_relevant_rank(r, e) for r, e in zip(rankings, expectations, strict=True)]
    count = max(len(ranks), 1)
    return RetrievalScores(
        recall_at_1=sum(rank == 1 for rank in ranks) / count,
        recall_at_5=sum(rank is not None and rank <= 5 for rank in ranks) / count,
        mrr_at_10=sum(1 / rank for rank in ranks if rank is not None and rank <= 10) / count,
        questions=len(ranks),
    )
