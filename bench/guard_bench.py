"""Cost of the personal-data guard per message: the leak corpus and the evaluation questions.

    .venv/bin/python -m bench.guard_bench [--repeat 5]

``redact`` runs first on every official's message (and on library log records), so its latency
adds to every answer. Measures p50/p95/max per message over the leak corpus (case messages full
of identifiers) and the answerable evaluation questions (ordinary policy questions), after one
warm-up pass (the name lists load once). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from bot.answer.privacy import redact
from tests.support.leak import LEAK_CORPUS

EVAL = Path("../shared/eval")


def _questions() -> list[str]:
    rows = []
    for name in ("dev.jsonl", "decision-dev.jsonl"):
        path = EVAL / name
        if path.is_file():
            rows += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


def _timings(texts: list[str], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            redact(text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"messages": len(texts), "p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[int(len(samples) * 0.95)], 3), "max_ms": round(samples[-1], 3)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over each set")
    args = parser.parse_args()
    leak = [row["text"] for row in LEAK_CORPUS]
    ordinary = _questions()
    _timings(leak + ordinary, 1)  # warm-up: lists and regexes
    result = {"leak_corpus": _timings(leak, args.repeat), "evaluation_questions": _timings(ordinary, args.repeat),
              "long_message_10k_ms": _timings(["Wat doet de LIVC R? " * 500], 3)["max_ms"]}  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
