"""int8 vs float32 passage encoder: recall on dev and PolicyQA, build CPU time and peak RSS.

    .venv/bin/python -m bench.int8_passages [--data-dir var/bench-int8] [--backend torch|onnx-int8]

Each backend runs in a fresh child process (peak RSS is the child's own VmHWM) and builds the
dev index (shipped corpus) and the PolicyQA index with that passage encoder, then ranks the
questions with the shipped fusion config, queries through the float32 ONNX graph and, for
int8, also through the int8 graph (queries and passages from one quantised model). CPU time
is the process's (``time.process_time``), reliable on the shared 2 cores; the quantisation
runs once in a grandchild and is not counted. Writes bench/results/int8_passages.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import rss_mb, scores_dict, write_result
from bench.sets import PreparedSet, prepare_dev, prepare_policyqa
from index import RetrievalConfig, SentenceTransformerEmbedder
from index.onnx_passages import int8_path_for
from index.onnx_query import OnnxQueryEncoder

BACKENDS = ("torch", "onnx-int8")


def child(data_dir: Path, backend: str) -> dict[str, Any]:
    embedder = SentenceTransformerEmbedder(cache_dir=data_dir / "models", passage_backend=backend)
    own = data_dir / backend
    result: dict[str, Any] = {"backend": backend}
    for name, prepare in (("dev", prepare_dev), ("policyqa", prepare_policyqa)):
        started = time.process_time()
        prepared: PreparedSet = prepare(own, embedder)
        row: dict[str, Any] = {"build_cpu_s": round(time.process_time() - started, 1),
                               "chunks": len(prepared.version.chunks),
                               "fp32_queries": scores_dict(prepared.scores(RetrievalConfig()))}  # fmt: skip
        if backend == "onnx-int8":
            model_dir = Path(embedder.model_path)
            int8 = OnnxQueryEncoder(model_dir, onnx_path=int8_path_for(model_dir)).load()
            quantised = dataclasses.replace(prepared, vectors=int8.embed_queries(prepared.queries))
            row["int8_queries"] = scores_dict(quantised.scores(RetrievalConfig()))
        result[name] = row
        print(name, json.dumps(row), flush=True)
    return {**result, **rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench-int8"))
    parser.add_argument("--backend", choices=BACKENDS, help="run one backend in this process")
    args = parser.parse_args()
    if args.backend:
        print(json.dumps(child(args.data_dir, args.backend)))
        return
    results = {}
    for backend in BACKENDS:
        command = [sys.executable, "-m", "bench.int8_passages", "--data-dir", str(args.data_dir), "--backend", backend]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        results[backend] = json.loads(out.strip().splitlines()[-1])
        print(backend, json.dumps(results[backend]), flush=True)
    write_result("int8_passages", results)


if __name__ == "__main__":
    main()
