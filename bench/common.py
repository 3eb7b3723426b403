"""Shared bench plumbing: data sets, index builds in scratch data dirs, timing, memory, results files.

Every bench script writes ``bench/results/<name>.json`` (gitignored) with the machine's
state beside the numbers: the 2-core box is shared, and a load average above ~1 before a
timing run means the latencies are inflated (say so when quoting them).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.metrics import RetrievalScores, score
from index import BuildReport, HybridRetriever, IndexBuilder, RetrievalConfig, SentenceTransformerEmbedder, VersionStore
from knowledge import load_chunks

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "eval" / "dev.jsonl"
RESULTS = REPO / "bench" / "results"
DEFAULT_DATA_DIR = Path("var/bench")


@dataclass(frozen=True, slots=True)
class Question:
    """One evaluation question: ``expected`` doc ids (empty for an escalation)."""

    id: str
    question: str
    expected: tuple[str, ...]
    decision: str = "answer"


def load_dev(path: Path = DEV) -> list[Question]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Question(row["id"], row["question"], tuple(row["expected"]), row["decision"]) for row in rows]


def make_embedder(data_dir: Path, query_backend: str = "auto") -> SentenceTransformerEmbedder:
    """The packaged model, converted once into ``<data_dir>/models`` (shared by every bench corpus)."""
    return SentenceTransformerEmbedder(cache_dir=data_dir / "models", query_backend=query_backend)


def build_index(knowledge_dir: Path, index_dir: Path, embedder: SentenceTransformerEmbedder) -> BuildReport:
    """Load and chunk ``knowledge_dir`` with the product's loaders and publish it under ``index_dir``.

    Unchanged chunks reuse their vectors, so a second run costs seconds, not minutes.
    """
    chunks, failures = load_chunks(knowledge_dir)
    if failures:
        raise SystemExit(f"{len(failures)} files failed to load, first: {failures[0]}")
    return IndexBuilder(VersionStore(index_dir), embedder).build(chunks)


def retriever_for(index_dir: Path, embedder: SentenceTransformerEmbedder,
                  config: RetrievalConfig | None = None) -> HybridRetriever:  # fmt: skip
    return HybridRetriever(VersionStore(index_dir), embedder, config).load()


def evaluate(rankings: Sequence[Sequence[str]], questions: Sequence[Question]) -> RetrievalScores:
    return score(rankings, [q.expected for q in questions])


def scores_dict(scores: RetrievalScores) -> dict[str, float]:
    return {"recall@1": round(scores.recall_at_1, 4), "recall@5": round(scores.recall_at_5, 4),
            "mrr@10": round(scores.mrr_at_10, 4), "questions": scores.questions}  # fmt: skip


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    values = np.asarray(samples_ms, dtype=np.float64)
    return {"p50_ms": round(float(np.percentile(values, 50)), 2), "p95_ms": round(float(np.percentile(values, 95)), 2),
            "mean_ms": round(float(values.mean()), 2), "n": int(values.size)}  # fmt: skip


def time_each(items: Sequence[Any], fn: Callable[[Any], object], *, warmup: int = 5,
              repeats: int = 3) -> dict[str, Any]:  # fmt: skip
    """Latency of ``fn(item)`` over ``items``, ``repeats`` passes after ``warmup`` untimed calls.

    ``all``: percentiles over every call (what a user on this shared box saw); ``best``: over
    each item's fastest pass, which filters out other processes' bursts on the 2 cores;
    ``cpu_ms``: mean CPU time of this process per call (all its threads), load-independent.
    """
    for item in items[:warmup]:
        fn(item)
    walls: list[list[float]] = [[] for _ in items]
    cpu_started = time.process_time()
    for _ in range(repeats):
        for row, item in enumerate(items):
            started = time.perf_counter()
            fn(item)
            walls[row].append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / (repeats * len(items))
    return {"all": percentiles([w for row in walls for w in row]), "best": percentiles([min(row) for row in walls]),
            "cpu_ms": round(cpu_ms, 2)}  # fmt: skip


def wait_for_quiet(max_load: float = 1.5, timeout_s: float = 120.0) -> float:
    """Wait (up to ``timeout_s``) until the 1-minute load average drops below ``max_load``; return it."""
    deadline = time.monotonic() + timeout_s
    while os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        time.sleep(5)
    return round(os.getloadavg()[0], 2)


def rss_mb() -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of this process, in MiB."""
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(int(rest.split()[0]) / 1024, 1)
    return values


def machine() -> dict[str, Any]:
    """Where and when: cores, load average (others share this box), commit and dirty files."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "loadavg": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
        "commit": git("rev-parse", "--short", "HEAD"), "dirty": git("status", "--porcelain").count("\n") + 1,
    }  # fmt: skip


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    text = json.dumps({"machine": machine(), **payload}, indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")
    return path
