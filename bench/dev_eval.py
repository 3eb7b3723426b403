"""Dev-set evaluation of the shipped pipeline: retrieval scores and decision accuracy.

.venv/bin/python -m bench.dev_eval [--data-dir var/bench]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.metrics import score
from bot.services import build_assistant
from bot.settings import Settings

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"))
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    assistant = build_assistant(Settings(data_dir=args.data_dir))
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    rankings, expectations, correct = [], [], 0
    for row in rows:
        result = assistant.ask(row["question"], k=10)
        if row["decision"] == "answer":
            rankings.append([s.doc_id for s in result.sources])
            expectations.append(row["expected"])
        ok = result.decision.value == row["decision"]
        correct += ok
        if args.verbose and not ok:
            print(f"DECISION {row['id']}: expected {row['decision']}, got {result.decision.value} "
                  f"({result.confidence:.2f}, {result.reason})")  # fmt: skip
    scores = score(rankings, expectations)
    print(json.dumps({"recall@1": scores.recall_at_1, "recall@5": scores.recall_at_5, "mrr@10": scores.mrr_at_10,
                      "decision_accuracy": correct / len(rows), "answerable": scores.questions,
                      "questions": len(rows)}))  # fmt: skip


if __name__ == "__main__":
    main()
