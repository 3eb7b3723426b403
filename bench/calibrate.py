"""Refit the answer-or-escalate calibration (bot/answer/decision.py ``Calibration``) on the dev set.

    .venv/bin/python -m bench.calibrate [--data-dir var/bench] [--C 1.0]

Features, exactly as ``Assistant.ask`` computes them for a question without context: the
top dense cosine among the k=5 hits (``decision.top_cosine``) and the share of the
query's terms the corpus knows (``HybridRetriever.coverage``). Labels: the dev set's
answer / escalate, over the questions the rules do not already decide (``asks_for_person``,
``redact(...).is_case``, ``Decider.asks_unknowable``). A logistic regression (sklearn,
L2 with ``C`` on standardised features, coefficients mapped back to raw features) gives
the bias and weights; the threshold printed is the one with the best accuracy on the
same questions (midpoint of the best interval), with leave-one-out accuracy beside it as
the honest estimate. Prints; does not edit bot/answer/decision.py. ~30 s once the index exists.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import DEFAULT_DATA_DIR, load_dev, make_embedder, write_result
from bench.sets import product_query
from bot.answer.decision import Calibration, Decider, top_cosine
from bot.answer.intents import asks_for_person, normalise
from bot.answer.privacy import redact
from index import HybridRetriever, VersionStore


def features(data_dir: Path) -> tuple[np.ndarray, np.ndarray, list[str], int]:
    """(features, labels, ids) of the dev questions left to the calibration; and how many rules took."""
    embedder = make_embedder(data_dir).load()
    retriever = HybridRetriever(VersionStore(data_dir / "index"), embedder).load()
    decider = Decider()
    rows, labels, ids, ruled = [], [], [], 0
    for question in load_dev():
        redaction = redact(normalise(question.question))
        if asks_for_person(redaction.text) or redaction.is_case or decider.asks_unknowable(redaction.text):
            ruled += 1
            continue
        query = product_query(question.question)
        hits = retriever.search(query, k=5)
        rows.append([top_cosine(hits), retriever.coverage(query)])
        labels.append(1 if question.decision == "answer" else 0)
        ids.append(question.id)
    return np.asarray(rows), np.asarray(labels), ids, ruled


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[float, np.ndarray]:
    """Bias and raw-feature weights of an L2 logistic regression fitted on standardised features."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    return float(model.intercept_[0] - np.sum(model.coef_[0] * mean / scale)), weights


def probabilities(x: np.ndarray, bias: float, weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(bias + x @ weights)))


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The accuracy-optimal threshold (midpoint of the widest best interval) and its accuracy."""
    cuts = np.unique(np.concatenate([[0.0, 1.0], p]))
    mids = (cuts[:-1] + cuts[1:]) / 2
    accuracy = np.array([np.mean((p >= t) == (y == 1)) for t in mids])
    best = np.flatnonzero(accuracy == accuracy.max())
    return float(mids[best[len(best) // 2]]), float(accuracy.max())


def leave_one_out(x: np.ndarray, y: np.ndarray, c: float) -> float:
    hits = 0
    for row in range(len(y)):
        keep = np.arange(len(y)) != row
        bias, weights = fit(x[keep], y[keep], c)
        threshold, _ = best_threshold(probabilities(x[keep], bias, weights), y[keep])
        hits += int((probabilities(x[row : row + 1], bias, weights)[0] >= threshold) == (y[row] == 1))
    return hits / len(y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--C", type=float, default=1.0, help="inverse L2 strength on standardised features")
    args = parser.parse_args()
    x, y, _, ruled = features(args.data_dir)
    bias, weights = fit(x, y, args.C)
    threshold, accuracy = best_threshold(probabilities(x, bias, weights), y)
    shipped = Calibration()
    shipped_p = probabilities(x, shipped.bias, np.array([shipped.top_cosine, shipped.coverage]))
    result: dict[str, Any] = {
        "questions": len(y), "answer": int(y.sum()), "escalate": int(len(y) - y.sum()), "decided_by_rules": ruled,
        "fitted": {"bias": round(bias, 2), "top_cosine": round(float(weights[0]), 2),
                   "coverage": round(float(weights[1]), 2), "threshold": round(threshold, 3),
                   "accuracy": round(accuracy, 4), "leave_one_out_accuracy": round(leave_one_out(x, y, args.C), 4)},
        "shipped": {"bias": shipped.bias, "top_cosine": shipped.top_cosine, "coverage": shipped.coverage,
                    "threshold": shipped.threshold,
                    "accuracy": round(float(np.mean((shipped_p >= shipped.threshold) == (y == 1))), 4)},
        "C": args.C,
    }  # fmt: skip
    print(f"{len(y)} dev questions left to the calibration ({int(y.sum())} answer, {len(y) - int(y.sum())} "
          f"escalate); {ruled} decided by rules")  # fmt: skip
    for name in ("fitted", "shipped"):
        print(f"{name:8s} {result[name]}")
    write_result("calibrate", result)


if __name__ == "__main__":
    main()
