"""The 5,000-document reindex, measured: ``vraagbaak reindex`` as cron runs it, then 50 documents changed.

    .venv/bin/python -m bench.reindex_5000 [--data-dir var/bench-5000] [--docs 5000] [--changed 50]

Generates ``--docs`` Markdown documents into a temporary knowledge dir (deleted afterwards,
never shipped): each is one PolicyQA passage (../shared/bench-data/policyqa) followed by one
paragraph of the shipped corpus (first 100 and 40 words), so every document is distinct real
Dutch text of one chunk. Then, in a fresh data dir whose ``models`` is the converted model
of ``<data-dir>/models`` (converted there once if missing), runs ``vraagbaak reindex --json``
under ``/usr/bin/time -v`` (wall, user + system CPU, peak RSS of the process), changes
``--changed`` documents, and runs it again (incremental). Writes bench/results/reindex_5000.json.
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
import tempfile
from pathlib import Path
from typing import Any

from bench.common import REPO, write_result
from bench.policyqa import read_items
from index import SentenceTransformerEmbedder
from knowledge import DEFAULT_CORPUS

PASSAGE_WORDS = 100  # with 40 words of corpus text: one chunk of ~140 words, as the synthetic corpus of reindex_bench
_TIME_FIELDS = {
    "Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall",
    "User time (seconds)": "user_s",
    "System time (seconds)": "system_s",
    "Maximum resident set size (kbytes)": "peak_rss_kb",
}


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` distinct documents: a PolicyQA passage, then a paragraph of the shipped corpus."""
    passages = sorted({passage for _, _, passage in read_items()})
    paragraphs = [part.strip() for path in sorted(DEFAULT_CORPUS.rglob("*.md"))
                  for part in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
                  if len(part.split()) >= 25 and not part.lstrip().startswith(("#", "---", "|"))]  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        passage = " ".join(passages[number % len(passages)].split()[:PASSAGE_WORDS])
        paragraph = " ".join(paragraphs[(number // len(passages) * 37 + number) % len(paragraphs)].split()[:40])
        path = folder / f"doc-{number:05d}.md"
        path.write_text(f"# Document {number}\n\n{passage}\n\n{paragraph}\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed_reindex(data_dir: Path, knowledge: Path) -> dict[str, Any]:
    """One ``vraagbaak reindex --json`` under /usr/bin/time -v; the report and the process's figures."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VRAAGBAAK_")}
    env.update({"VRAAGBAAK_DATA_DIR": str(data_dir), "VRAAGBAAK_KNOWLEDGE_DIR": str(knowledge),
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])})  # fmt: skip
    command = ["/usr/bin/time", "-v", sys.executable, "-c", "from bot.cli import main; main()", "reindex", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"reindex failed ({done.returncode}): {done.stderr[-2000:]}")
    figures: dict[str, Any] = {}
    for line in done.stderr.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key in _TIME_FIELDS:
            figures[_TIME_FIELDS[key]] = value
    report = json.loads(done.stdout.strip().splitlines()[-1])
    stages = [line.split(" INFO ", 1)[1] for line in done.stderr.splitlines() if " INFO " in line]
    cpu = float(figures["user_s"]) + float(figures["system_s"])
    return {"wall": figures["wall"], "cpu_s": round(cpu, 1), "peak_rss_mb": int(figures["peak_rss_kb"]) // 1024,
            **{key: report[key] for key in ("published", "documents", "chunks", "embedded", "reused")},
            "changed_docs": len(report["changed"]), "log": stages}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench-5000"))
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--changed", type=int, default=50)
    args = parser.parse_args()
    work = args.data_dir.resolve()
    models = work / "models"
    SentenceTransformerEmbedder(cache_dir=models).model_path  # noqa: B018  converts once, outside the timing
    run_dir = work / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    (run_dir / "var").mkdir(parents=True)
    (run_dir / "var" / "models").symlink_to(models, target_is_directory=True)
    with tempfile.TemporaryDirectory(prefix="knowledge-5000-") as tmp:
        paths = generate(Path(tmp), args.docs)
        full = timed_reindex(run_dir / "var", Path(tmp))
        print("full", json.dumps(full), flush=True)
        for path in random.Random(5).sample(paths, args.changed):
            path.write_text(path.read_text(encoding="utf-8") + "\nEen gewijzigde zin voor de meting.\n", "utf-8")
        incremental = timed_reindex(run_dir / "var", Path(tmp))
        print("incremental", json.dumps(incremental), flush=True)
    payload = {"documents": args.docs, "changed": args.changed, "cores": os.cpu_count(),
               "load_after": round(os.getloadavg()[0], 2), "full": full, "incremental": incremental}  # fmt: skip
    write_result("reindex_5000", payload)


if __name__ == "__main__":
    main()
