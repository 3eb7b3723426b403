"""Micro-batching of query embeddings, measured in one process: on (``--query-batch 16``) vs off (1).

    .venv/bin/python -m bench.query_batch [--data-dir var/bench] [--threads 6] [--questions 200]

For each setting, the same real ``Assistant`` pipeline over the shipped corpus (ONNX queries):
- single: each question asked alone, one after another (warm): p50 and p95 of ``ask``;
- concurrent: the questions asked from ``--threads`` worker threads at once, as the bot's
  ``asyncio.to_thread`` workers do (6 on 2 cores): throughput and the mean encoder batch.
The two settings alternate (off, on, off, on) so a change in the machine's load hits both.
Prints one JSON object. ~1 min.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bot.services import build_assistant
from bot.settings import Settings
from index import SentenceTransformerEmbedder

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def measure(settings: Settings, query_batch: int, questions: list[str], threads: int) -> dict[str, Any]:
    embedder = SentenceTransformerEmbedder(settings.embedding_model, cache_dir=settings.model_cache_dir,
                                           query_batch=query_batch)  # fmt: skip
    assistant = build_assistant(settings, embedder=embedder)
    for question in questions[:20]:
        assistant.ask(question)  # warm up
    single = []
    for question in questions:
        started = time.perf_counter()
        assistant.ask(question)
        single.append(time.perf_counter() - started)
    single.sort()
    before = len(embedder.batch_sizes)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(assistant.ask, questions))
    elapsed = time.perf_counter() - started
    batches = embedder.batch_sizes[before:] or [1]
    return {
        "query_batch": query_batch,
        "single_p50_ms": round(1000 * statistics.median(single), 1),
        "single_p95_ms": round(1000 * single[int(0.95 * (len(single) - 1))], 1),
        "concurrent_per_s": round(len(questions) / elapsed, 1),
        "mean_encoder_batch": round(statistics.mean(batches), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"), help="index and model cache")
    parser.add_argument("--threads", type=int, default=6, help="worker threads asking at once")
    parser.add_argument("--questions", type=int, default=200, help="questions per measurement (dev set, cycled)")
    parser.add_argument("--dev", type=Path, default=DEV, help="questions: the dev set (JSON lines)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [rows[n % len(rows)]["question"] for n in range(args.questions)]
    settings = Settings(data_dir=args.data_dir)
    runs = [measure(settings, batch, questions, args.threads) for batch in (1, 16, 1, 16)]
    print(json.dumps({"load_average": os.getloadavg(), "threads": args.threads, "runs": runs}))


if __name__ == "__main__":
    main()
