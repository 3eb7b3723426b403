"""Fusion grid on dev AND PolicyQA: which RetrievalConfig meets both sets' targets, and how robustly.

    .venv/bin/python -m bench.tune [--data-dir var/bench] [--top 25]

For every combination of mode (weighted, RRF), dense_weight / RRF weights, candidates
and max_per_doc it scores recall@1, recall@5 and MRR@10 on the 75 answerable dev
questions and the 500 PolicyQA questions (query vectors computed once). Targets: dev
recall@5 >= 0.95; PolicyQA recall@1 >= 0.93 and MRR@10 >= 0.96. Robustness: for each
weighted config also the worst score over its neighbours (dense_weight +-0.05, the adjacent
candidates values), because
the held-out test set rewards a plateau, not a dev peak. ~3 min once indexes exist.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_DATA_DIR, make_embedder, write_result
from bench.sets import PreparedSet, prepare_dev, prepare_policyqa
from index import FusionMode, RetrievalConfig

DENSE_WEIGHTS = [round(0.30 + 0.05 * step, 2) for step in range(12)]  # 0.30 .. 0.85
RRF_WEIGHTS = [(1.0, 1.0), (1.5, 1.0), (2.0, 1.0), (3.0, 1.0), (1.0, 1.5)]
CANDIDATES = [10, 20, 30, 50, 100]
MAX_PER_DOC = [1, 2]


def grid() -> list[RetrievalConfig]:
    configs = [
        RetrievalConfig(mode=FusionMode.WEIGHTED, dense_weight=w, candidates=c, max_per_doc=m)
        for w, c, m in itertools.product(DENSE_WEIGHTS, CANDIDATES, MAX_PER_DOC)
    ]
    configs += [
        RetrievalConfig(mode=FusionMode.RRF, rrf_dense_weight=d, rrf_bm25_weight=b, candidates=c, max_per_doc=m)
        for (d, b), c, m in itertools.product(RRF_WEIGHTS, CANDIDATES, MAX_PER_DOC)
    ]
    return configs


def label(config: RetrievalConfig) -> str:
    if config.mode is FusionMode.WEIGHTED:
        head = f"weighted w={config.dense_weight:.2f}"
    else:
        head = f"rrf {config.rrf_dense_weight:g}:{config.rrf_bm25_weight:g}"
    return f"{head} cand={config.candidates} per_doc={config.max_per_doc}"


def meets(row: dict[str, Any]) -> bool:
    return row["dev_r5"] >= 0.95 and row["pqa_r1"] >= 0.93 and row["pqa_mrr"] >= 0.96


def _adjacent(a: int, b: int) -> bool:
    return abs(CANDIDATES.index(a) - CANDIDATES.index(b)) <= 1


def evaluate_grid(sets: list[PreparedSet]) -> list[dict[str, Any]]:
    dev, policyqa = sets
    rows: list[dict[str, Any]] = []
    for config in grid():
        d, p = dev.scores(config), policyqa.scores(config)
        row: dict[str, Any] = {
            "config": label(config), "mode": str(config.mode), "dense_weight": config.dense_weight,
            "rrf": [config.rrf_dense_weight, config.rrf_bm25_weight], "candidates": config.candidates,
            "max_per_doc": config.max_per_doc, "dev_r1": d.recall_at_1, "dev_r5": d.recall_at_5,
            "dev_mrr": d.mrr_at_10, "pqa_r1": p.recall_at_1, "pqa_r5": p.recall_at_5, "pqa_mrr": p.mrr_at_10,
        }  # fmt: skip
        rows.append(row)
    for row in rows:
        row["meets_targets"] = meets(row)
        if row["mode"] == "weighted":
            near = [
                r for r in rows
                if r["mode"] == "weighted" and _adjacent(r["candidates"], row["candidates"])
                and r["max_per_doc"] == row["max_per_doc"] and abs(r["dense_weight"] - row["dense_weight"]) < 0.051
            ]  # fmt: skip
            row["plateau_dev_mrr"] = min(r["dev_mrr"] for r in near)
            row["plateau_pqa_mrr"] = min(r["pqa_mrr"] for r in near)
            row["plateau_meets"] = all(meets(r) for r in near)
            row["plateau_dev_r5"] = min(r["dev_r5"] for r in near)
            row["plateau_pqa_r1"] = min(r["pqa_r1"] for r in near)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    embedder = make_embedder(args.data_dir).load()
    sets = [prepare_dev(args.data_dir, embedder), prepare_policyqa(args.data_dir, embedder)]
    rows = evaluate_grid(sets)
    rows.sort(key=lambda r: (r["meets_targets"], r["dev_mrr"] + r["pqa_mrr"] + r["dev_r5"] + r["pqa_r1"]), reverse=True)
    print("config | dev r@1 r@5 mrr | pqa r@1 r@5 mrr | meets | plateau (worst nearby: dev r@5 mrr, pqa r@1 mrr)")
    for row in rows[: args.top]:
        print(f"{row['config']:40s} | {row['dev_r1']:.3f} {row['dev_r5']:.3f} {row['dev_mrr']:.3f} | "
              f"{row['pqa_r1']:.3f} {row['pqa_r5']:.3f} {row['pqa_mrr']:.3f} | {row['meets_targets']!s:5} | "
              + (f"{row['plateau_dev_r5']:.3f} {row['plateau_dev_mrr']:.3f} {row['plateau_pqa_r1']:.3f} "
                 f"{row['plateau_pqa_mrr']:.3f}" if "plateau_meets" in row else ""))  # fmt: skip
    write_result("tune", {"rows": rows, "default": label(RetrievalConfig())})


if __name__ == "__main__":
    main()
