"""Fit the answer-or-escalate calibration (``bot/answer/decision.py`` ``Calibration``) on every labelled question.

    .venv/bin/python -m bench.calibrate [--data-dir var/bench] [--C 1.0] [--plot docs/reliability.png]

Features, exactly as ``Assistant.examine`` computes them (``Signals.features``): the top dense
cosine, the Dutch term coverage (1 for English and French), the scope classifier's logit,
whether the answerability check found something missing, and whether the question is Dutch.
Labels: answer / escalate from ``../shared/eval/dev.jsonl`` and ``decision-dev.jsonl``, over
the questions the two rules do not decide (person requests and case questions go to staff
whatever the score). A logistic regression (scikit-learn, L2 with ``C`` on standardised
features, coefficients mapped back to raw features) gives the weights. Printed beside them:
10-fold cross-validated accuracy per style (each question scored by a model that never saw
it), the confusion matrix, and the threshold with the best cross-validated accuracy. The
reliability plot (predicted confidence vs observed answer rate, cross-validated) is written
as a PNG. Prints; does not edit bot/answer/decision.py.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from bench.common import DEFAULT_DATA_DIR, SHARED, write_result
from bot.answer.decision import PERSON_THRESHOLD
from bot.services import build_assistant
from bot.settings import Settings

SETS = (SHARED / "eval" / "dev.jsonl", SHARED / "eval" / "decision-dev.jsonl")
NAMES = ("bias", "cosine", "coverage", "scope", "missing", "dutch")


def collect(data_dir: Path) -> tuple[np.ndarray, np.ndarray, list[str], list[str], int]:
    """Features and labels of the questions left to the model; styles and ids beside; how many rules took."""
    assistant = build_assistant(Settings(data_dir=data_dir))
    rows, labels, styles, ids, ruled = [], [], [], [], 0
    for path in SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            seen = assistant.examine(item["question"], k=10)
            if seen.asks_person or seen.signals.person >= PERSON_THRESHOLD or seen.redaction.is_case:
                ruled += 1
                continue
            rows.append(seen.signals.features())
            labels.append(1 if item["decision"] == "answer" else 0)
            styles.append(item.get("style", "dev"))
            ids.append(item["id"])
    return np.array(rows, dtype=np.float64), np.array(labels), styles, ids, ruled


def fit(features: np.ndarray, labels: np.ndarray, c: float) -> tuple[float, np.ndarray]:
    """Bias and raw-feature weights of an L2 logistic regression fitted on standardised features."""
    mean, std = features.mean(axis=0), features.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((features - mean) / std, labels)
    weights = model.coef_[0] / std
    return float(model.intercept_[0] - np.dot(weights, mean)), weights


def probabilities(bias: float, weights: np.ndarray, features: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(bias + features @ weights, -50, 50)))


def cross_validated(features: np.ndarray, labels: np.ndarray, c: float, folds: int = 10) -> np.ndarray:
    predicted = np.zeros(len(labels))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=7).split(features, labels):
        bias, weights = fit(features[train], labels[train], c)
        predicted[test] = probabilities(bias, weights, features[test])
    return predicted


def plot(predicted: np.ndarray, labels: np.ndarray, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    edges = np.linspace(0, 1, 11)
    centres, observed, counts = [], [], []
    for low, high in itertools.pairwise(edges):
        inside = (predicted >= low) & (predicted < high if high < 1 else predicted <= high)
        if inside.any():
            centres.append(float(predicted[inside].mean()))
            observed.append(float(labels[inside].mean()))
            counts.append(int(inside.sum()))
    figure, axis = plt.subplots(figsize=(5, 5))
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    axis.plot(centres, observed, marker="o", label="Vraagbaak (10-fold cross-validated)")
    for x, y, n in zip(centres, observed, counts, strict=True):
        axis.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=8)
    axis.set_xlabel("predicted confidence (answerable)")
    axis.set_ylabel("observed share labelled 'answer'")
    axis.set_title("Answer-or-escalate reliability")
    axis.legend(loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--plot", type=Path, default=None)
    args = parser.parse_args()
    features, labels, styles, ids, ruled = collect(args.data_dir)
    bias, weights = fit(features, labels, args.C)
    predicted = cross_validated(features, labels, args.C)
    thresholds = np.linspace(0.2, 0.8, 61)
    accuracy = [float(((predicted >= t) == labels).mean()) for t in thresholds]
    best = float(thresholds[int(np.argmax(accuracy))])
    per_style: dict[str, list[bool]] = defaultdict(list)
    confusion: Counter[str] = Counter()
    wrong = []
    for style, label, p, qid in zip(styles, labels, predicted, ids, strict=True):
        ok = (p >= 0.5) == bool(label)
        per_style[style].append(ok)
        confusion[f"{'answer' if label else 'escalate'}->{'answer' if p >= 0.5 else 'escalate'}"] += 1
        if not ok:
            wrong.append(f"{qid} [{style}] p={p:.2f}")
    report: dict[str, Any] = {
        "calibration": dict(zip(NAMES, [round(bias, 3), *[round(float(w), 3) for w in weights]], strict=True)),
        "questions_fitted": len(labels), "decided_by_rules": ruled,
        "cv_accuracy_at_0.5": round(float(((predicted >= 0.5) == labels).mean()), 4),
        "cv_best_threshold": round(best, 3), "cv_best_accuracy": round(max(accuracy), 4),
        "cv_per_style": {s: round(sum(v) / len(v), 4) for s, v in sorted(per_style.items())},
        "cv_confusion": dict(confusion), "cv_wrong": wrong,
    }  # fmt: skip
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.plot is not None:
        plot(predicted, labels, args.plot)
        print(f"wrote {args.plot}")
    write_result("calibrate", report)


if __name__ == "__main__":
    main()
