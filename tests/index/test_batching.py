"""Micro-batching of query embeddings: concurrent questions share encoder calls, each gets its own vector."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from index import SentenceTransformerEmbedder
from index.batching import QueryBatcher


class SlowEncoder:
    """A deterministic encoder (vector = text length and hash) that records its calls."""

    def __init__(self, delay: float = 0.01) -> None:
        self.calls: list[list[str]] = []
        self.delay = delay
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
        threading.Event().wait(self.delay)
        return np.array([[len(text), hash(text) % 1000] for text in texts], dtype=np.float32)


def test_concurrent_queries_are_encoded_together_and_each_gets_its_own_vector() -> None:
    encoder = SlowEncoder()
    batcher = QueryBatcher(encoder, max_batch=8, window_s=0.005)
    texts = [f"vraag {n} over de LIVC R" + "?" * n for n in range(40)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        vectors = list(pool.map(lambda text: batcher.embed([text]), texts))
    for text, vector in zip(texts, vectors, strict=True):
        assert vector.shape == (1, 2)
        assert vector[0].tolist() == [len(text), hash(text) % 1000]
    assert sum(len(call) for call in encoder.calls) == 40  # each query encoded once
    assert len(encoder.calls) < 40 / 2  # in batches, not one call each
    assert max(len(call) for call in encoder.calls) <= 8  # bounded


def test_without_a_window_queries_arriving_during_an_encoder_call_form_the_next_batch() -> None:
    encoder = SlowEncoder(delay=0.02)
    batcher = QueryBatcher(encoder, max_batch=16)
    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(lambda n: batcher.embed([f"vraag {n}"]), range(36)))
    assert sum(len(call) for call in encoder.calls) == 36
    assert len(encoder.calls) <= 36 / 3


def test_a_lone_query_is_encoded_alone_and_lists_go_straight_through() -> None:
    encoder = SlowEncoder(delay=0)
    batcher = QueryBatcher(encoder, window_s=0.001)
    assert batcher.embed(["Wat is een LIVC R?"]).shape == (1, 2)
    assert batcher.embed(["een", "twee", "drie"]).shape == (3, 2)
    assert encoder.calls == [["Wat is een LIVC R?"], ["een", "twee", "drie"]]
    assert list(batcher.batches) == [1]


def test_an_encoder_error_reaches_every_caller_of_the_batch() -> None:
    def broken(texts: list[str]) -> np.ndarray:
        raise RuntimeError("onnxruntime failed")

    batcher = QueryBatcher(broken, window_s=0.005)
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(batcher.embed, [f"vraag {n}"]) for n in range(4)]
    for future in futures:
        with pytest.raises(RuntimeError, match="onnxruntime failed"):
            future.result()


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="max_batch"):
        QueryBatcher(SlowEncoder(), max_batch=0)
    with pytest.raises(ValueError, match="window_s"):
        QueryBatcher(SlowEncoder(), window_s=-1)


@pytest.mark.model
def test_batched_onnx_vectors_equal_single_ones(model_cache_dir: Path) -> None:
    embedder = SentenceTransformerEmbedder(cache_dir=model_cache_dir, query_batch=16, query_cache=0).load()
    questions = ["Wie zit er in een LIVC R?", "Wat is gedeeld beroepsgeheim?", "Hoe pak ik online haat aan?"]
    alone = np.vstack([embedder.embed_queries([question]) for question in questions])
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = np.vstack(list(pool.map(lambda question: embedder.embed_queries([question]), questions)))
    assert np.allclose((alone * together).sum(axis=1), 1.0, atol=1e-4)
    assert embedder.batch_sizes and sum(embedder.batch_sizes) == 2 * len(questions)
