"""Where flat FAISS stops being enough: 10k-100k synthetic chunks, flat vs HNSW vs IVF, and the whole retriever.

    .venv/bin/python -m bench.scaling [--sizes 10000 25000 50000 100000] [--queries 200]

Dense part: synthetic unit 384-d vectors, "clustered" (shaped like e5 output: a common
direction plus topics) at every size and isotropic "random" (the worst case) at the
largest; queries are noisy copies of stored vectors (cosine ~0.9 to their source). Per
size: build time, single-query search latency (k=30, the retriever's candidates) and
recall@1/10/30 against exact flat search of HNSW (index/dense.py: M=32, efConstruction 80,
efSearch 128; efSearch 32/64/256 too at the largest size) and IVF-Flat (nlist 4*sqrt(n),
nprobe 32).
Whole retriever at the largest size: ``HybridRetriever.search_vector`` (dense + BM25 over
synthetic texts drawn from the shipped corpus's words + fusion), flat vs HNSW, beside
LangChain's FAISS ``similarity_search_by_vector(k=5)`` on the same vectors (encoder
excluded on both sides: it costs the same per query at any corpus size). ~4 min.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bench.common import percentiles, rss_mb, wait_for_quiet, write_result
from index import BM25Index, HybridRetriever, LoadedVersion, Manifest, VersionStore
from index.dense import HNSW_M, HNSW_THRESHOLD, build_faiss, search
from knowledge import DEFAULT_CORPUS, Chunk, load_chunks

DIM = 384
K = 30
IVF_NPROBE = 32


def unit(rows: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rows / np.linalg.norm(rows, axis=-1, keepdims=True), dtype=np.float32)


def synthetic(n: int, queries: int, rng: np.random.Generator, *, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """n stored unit vectors and ``queries`` noisy copies of stored ones (cosine ~0.9 to their source).

    ``random``: isotropic, no structure, the worst case for graph and cluster indexes.
    ``clustered``: shaped like e5 output, a shared direction plus topic clusters of ~50
    (unrelated texts at cosine ~0.75, same topic ~0.87), which is what ANN indexes exploit.
    """
    if kind == "random":
        vectors = unit(rng.standard_normal((n, DIM)))
    else:
        common = unit(rng.standard_normal(DIM))
        topics = unit(rng.standard_normal((max(1, n // 50), DIM)))
        vectors = unit(np.sqrt(0.75) * common + np.sqrt(0.12) * topics[rng.integers(0, len(topics), n)]
                       + np.sqrt(0.13) * unit(rng.standard_normal((n, DIM))))  # fmt: skip
    sources = rng.choice(n, size=queries, replace=False)
    return vectors, unit(vectors[sources] + 0.45 * unit(rng.standard_normal((queries, DIM))))


def timed_search(index: faiss.Index, queries: np.ndarray, k: int = K) -> tuple[dict[str, float], np.ndarray]:
    rows, walls = [], []
    for query in queries[:5]:
        search(index, query, k)
    for query in queries:
        started = time.perf_counter()
        _, found = search(index, query, k)
        walls.append((time.perf_counter() - started) * 1000)
        rows.append(np.pad(found, (0, k - len(found)), constant_values=-1))
    return percentiles(walls), np.stack(rows)


def recall(found: np.ndarray, exact: np.ndarray, at: int) -> float:
    """Share of the exact top-``at`` rows that the index also returns in its top ``at``."""
    return float(np.mean([len(set(f[:at]) & set(e[:at])) / at for f, e in zip(found, exact, strict=True)]))


def ivf(vectors: np.ndarray) -> faiss.Index:
    nlist = int(4 * np.sqrt(len(vectors)))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    index.train(vectors[: nlist * 40])
    index.add(vectors)
    index.nprobe = IVF_NPROBE
    return index


def dense_row(n: int, queries: int, rng: np.random.Generator, kind: str, *, sweep_ef: bool = False) -> dict[str, Any]:
    vectors, asked = synthetic(n, queries, rng, kind=kind)
    row: dict[str, Any] = {"n": n, "data": kind}
    builders = {"flat": lambda: build_faiss(vectors, hnsw_threshold=n + 1),
                "hnsw": lambda: build_faiss(vectors, hnsw_threshold=0), "ivf": lambda: ivf(vectors)}  # fmt: skip
    exact = None
    for name, build in builders.items():
        started = time.perf_counter()
        index = build()
        built = time.perf_counter() - started
        latency, found = timed_search(index, asked)
        exact = found if exact is None else exact
        row[name] = {
            "build_s": round(built, 2),
            "search": latency,
            "recall@1": round(recall(found, exact, 1), 4),
            "recall@10": round(recall(found, exact, 10), 4),
            "recall@30": round(recall(found, exact, K), 4),
        }
        if name == "hnsw" and sweep_ef:
            row["hnsw_ef"] = {}
            for ef in (32, 64, 256):
                index.hnsw.efSearch = ef  # type: ignore[attr-defined]
                ef_latency, ef_found = timed_search(index, asked)
                row["hnsw_ef"][ef] = {"search": ef_latency, "recall@1": round(recall(ef_found, exact, 1), 4),
                                      "recall@10": round(recall(ef_found, exact, 10), 4)}  # fmt: skip
        print(f"{kind:9s} n={n:>7} {name:5s} build {built:6.2f}s  p50 {latency['p50_ms']:.2f} ms  "
              f"p95 {latency['p95_ms']:.2f} ms  recall@1/10/30 {row[name]['recall@1']:.3f} "
              f"{row[name]['recall@10']:.3f} {row[name]['recall@30']:.3f}")  # fmt: skip
    return row


def synthetic_chunks(n: int, rng: np.random.Generator) -> list[Chunk]:
    """n chunks of ~150 words drawn from the shipped corpus's own word frequencies."""
    real, _ = load_chunks(DEFAULT_CORPUS)
    words = np.array(" ".join(chunk.text for chunk in real).split())
    picks = rng.integers(0, len(words), size=(n, 150))
    return [
        Chunk(chunk_id=f"synthetic/{i:06d}.md::body", doc_id=f"synthetic/{i:06d}.md", text=" ".join(words[p]),
              title="", section="", doc_type="synthetic", content_hash=str(i))
        for i, p in enumerate(picks)
    ]  # fmt: skip


def retriever_row(n: int, queries: int, rng: np.random.Generator) -> dict[str, Any]:
    """The whole hybrid search (BM25 + dense + fusion) over n synthetic chunks, beside LangChain's FAISS."""
    from langchain_community.vectorstores import FAISS
    from langchain_core.embeddings import FakeEmbeddings

    vectors, asked = synthetic(n, queries, rng, kind="clustered")
    chunks = synthetic_chunks(n, rng)
    started = time.perf_counter()
    bm25 = BM25Index.build([chunk.text for chunk in chunks])
    bm25_build = time.perf_counter() - started
    texts = [" ".join(chunks[int(i)].text.split()[:8]) for i in rng.choice(n, size=queries)]  # 8-word "questions"
    row: dict[str, Any] = {"n": n, "bm25_build_s": round(bm25_build, 1)}
    with tempfile.TemporaryDirectory() as tmp:
        retriever = HybridRetriever(VersionStore(Path(tmp)), embedder=None)  # type: ignore[arg-type]
        for kind, threshold in (("flat", n + 1), ("hnsw", 0)):
            manifest = Manifest(version_id="synthetic", created="", model="", dimensions=DIM, chunk_count=n,
                                document_count=n, corpus_hash="", dense_kind=kind)  # fmt: skip
            version = LoadedVersion(manifest, chunks, build_faiss(vectors, hnsw_threshold=threshold), bm25)
            walls = []
            for text, vector in zip(texts, asked, strict=True):
                started = time.perf_counter()
                retriever.search_vector(version, text, vector, 5)
                walls.append((time.perf_counter() - started) * 1000)
            row[f"hybrid_{kind}"] = percentiles(walls[5:])
    pairs = [(chunk.text, vector.tolist()) for chunk, vector in zip(chunks, vectors, strict=True)]
    store = FAISS.from_embeddings(pairs, FakeEmbeddings(size=DIM))
    walls = []
    for vector in asked:
        started = time.perf_counter()
        store.similarity_search_by_vector(vector.tolist(), k=5)
        walls.append((time.perf_counter() - started) * 1000)
    row["langchain_faiss"] = percentiles(walls[5:])
    row["rss"] = rss_mb()
    for name in ("hybrid_flat", "hybrid_hnsw", "langchain_faiss"):
        print(f"n={n:>7} {name:16s} p50 {row[name]['p50_ms']:.2f} ms  p95 {row[name]['p95_ms']:.2f} ms")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(20261128)
    faiss.omp_set_num_threads(2)
    load = wait_for_quiet()
    largest = max(args.sizes)
    dense = [dense_row(n, args.queries, rng, "clustered", sweep_ef=n == largest) for n in args.sizes]
    dense.append(dense_row(largest, args.queries, rng, "random"))
    whole = retriever_row(largest, args.queries, rng)
    write_result("scaling", {"loadavg_before": load, "hnsw": {"M": HNSW_M, "threshold": HNSW_THRESHOLD},
                             "dense": dense, "retriever": whole})  # fmt: skip


if __name__ == "__main__":
    main()
