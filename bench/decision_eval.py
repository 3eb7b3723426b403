"""Answer-or-escalate on the labelled sets, per style: accuracy, confusion matrix, retrieval, misses.

    .venv/bin/python -m bench.decision_eval [--data-dir var/bench] [--verbose] [--sets dev decision-dev]

Runs every question of ``../shared/eval/dev.jsonl`` and ``decision-dev.jsonl`` through the
shipped ``Assistant.ask`` (as ``vraagbaak ask --json`` does) and reports, per set and per
``style``: decision accuracy; the confusion matrix (expected x got); recall@1/@5 and MRR@10
over the answerable questions; and each miss with its reason and confidence when
``--verbose``. Writes ``bench/results/decision_eval.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_DATA_DIR, SHARED, write_result
from bench.metrics import score
from bot.services import build_assistant
from bot.settings import Settings

SETS = {"dev": SHARED / "eval" / "dev.jsonl", "decision-dev": SHARED / "eval" / "decision-dev.jsonl"}


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(assistant: Any, rows: list[dict[str, Any]], verbose: bool) -> dict[str, Any]:
    by_style: dict[str, list[bool]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    rankings, expectations, misses = [], [], []
    for row in rows:
        result = assistant.ask(row["question"], k=10)
        got = result.decision.value
        ok = got == row["decision"]
        by_style[row.get("style", "all")].append(ok)
        confusion[(row["decision"], got)] += 1
        if row["decision"] == "answer":
            rankings.append([source.doc_id for source in result.sources])
            expectations.append(row["expected"])
        if not ok:
            reason = result.reason.value if result.reason else "-"
            misses.append(f"{row['id']} [{row.get('style', '')}] expected {row['decision']}, got {got} "
                          f"({result.confidence:.2f}, {reason}): {row['question']}")  # fmt: skip
    scores = score(rankings, expectations)
    report = {
        "accuracy": round(sum(confusion[(d, d)] for d in ("answer", "escalate")) / len(rows), 4),
        "per_style": {style: round(sum(oks) / len(oks), 4) for style, oks in sorted(by_style.items())},
        "confusion": {f"{expected}->{got}": n for (expected, got), n in sorted(confusion.items())},
        "recall@1": round(scores.recall_at_1, 4), "recall@5": round(scores.recall_at_5, 4),
        "mrr@10": round(scores.mrr_at_10, 4), "questions": len(rows), "misses": misses,
    }  # fmt: skip
    if verbose:
        print("\n".join(misses))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    assistant = build_assistant(Settings(data_dir=args.data_dir))
    results = {}
    for name in args.sets:
        results[name] = evaluate(assistant, load(SETS[name]), args.verbose)
        summary = {key: value for key, value in results[name].items() if key != "misses"}
        print(name, json.dumps(summary, ensure_ascii=False))
    write_result("decision_eval", results)


if __name__ == "__main__":
    main()
