"""Warm ``Assistant.ask`` latency with every decision signal, per question, on this machine.

    .venv/bin/python -m bench.ask_latency [--data-dir var/bench] [--repeats 3]

The 220 labelled questions (dev + decision-dev) asked of the shipped corpus through the
shipped pipeline (ONNX queries, language detection, classifiers, answerability check), after
waiting for a quiet machine. ``all``: every call; ``best``: each question's fastest pass;
``cpu_ms``: this process's CPU time per call, which other load on the box does not inflate.
Also the share of that time the new signals take (everything but the encoder and the search).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.common import DEFAULT_DATA_DIR, SHARED, time_each, wait_for_quiet, write_result
from bot.services import build_assistant
from bot.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    assistant = build_assistant(Settings(data_dir=args.data_dir))
    questions = [json.loads(line)["question"] for name in ("dev", "decision-dev")
                 for line in (SHARED / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]  # fmt: skip
    load = wait_for_quiet()
    ask = time_each(questions, lambda q: assistant.ask(q), repeats=args.repeats)
    search = time_each(questions, lambda q: assistant.retriever.search(q, 5), repeats=args.repeats)
    report = {"load_before": load, "questions": len(questions), "ask": ask, "encode_and_search": search}
    print(json.dumps(report, indent=2))
    write_result("ask_latency", report)


if __name__ == "__main__":
    main()
