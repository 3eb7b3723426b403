"""Query vectors remembered by text: a repeated question skips the encoder and gets the very same vector."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from index import SentenceTransformerEmbedder
from index.query_cache import QueryVectorCache


class CountingEncoder:
    """A deterministic encoder (vector = text length and first letter) that records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.asked.append(list(texts))
        return np.array([[len(text), ord(text[0])] for text in texts], dtype=np.float32)


def test_a_repeated_text_is_encoded_once_and_each_row_matches_its_text() -> None:
    encoder, cache = CountingEncoder(), QueryVectorCache(8)
    first = cache.embed(["wat is een LIVC R?", "beroepsgeheim"], encoder)
    again = cache.embed(["beroepsgeheim", "nieuw", "wat is een LIVC R?", "nieuw"], encoder)

    assert encoder.asked == [["wat is een LIVC R?", "beroepsgeheim"], ["nieuw"]], "only unseen texts, once each"
    assert again.tolist() == [[13, ord("b")], [5, ord("n")], [18, ord("w")], [5, ord("n")]]
    assert np.array_equal(first[1], again[0])
    assert (cache.hits, cache.misses) == (2, 4)


def test_the_least_recently_used_text_is_forgotten_first() -> None:
    encoder, cache = CountingEncoder(), QueryVectorCache(2)
    for text in ("a", "b", "a", "c", "a", "b"):
        cache.embed([text], encoder)
    assert [call[0] for call in encoder.asked] == ["a", "b", "c", "b"], "b was evicted by c; a stayed in use"


def test_size_zero_turns_it_off_and_a_negative_size_is_refused() -> None:
    encoder, cache = CountingEncoder(), QueryVectorCache(0)
    cache.embed(["x"], encoder)
    cache.embed(["x"], encoder)
    assert len(encoder.asked) == 2 and (cache.hits, cache.misses) == (0, 0)
    with pytest.raises(ValueError, match="query cache size"):
        QueryVectorCache(-1)


def test_a_returned_vector_cannot_change_what_the_next_caller_gets() -> None:
    encoder, cache = CountingEncoder(), QueryVectorCache(4)
    vectors = cache.embed(["vraag"], encoder)
    vectors[0, 0] = -1.0
    assert cache.embed(["vraag"], encoder).tolist() == [[5, ord("v")]]


@pytest.mark.model
def test_cached_model_vectors_are_bit_identical_to_fresh_ones_under_concurrency(model_cache_dir: Path) -> None:
    cached = SentenceTransformerEmbedder(cache_dir=model_cache_dir, query_cache=16).load()
    fresh = SentenceTransformerEmbedder(cache_dir=model_cache_dir, query_cache=0).load()
    distinct = ["Wie zit er in een LIVC R?", "Wat is gedeeld beroepsgeheim?", "Hoe pak ik online haat aan?"]
    first = [cached.embed_queries([question])[0] for question in distinct]
    with ThreadPoolExecutor(max_workers=4) as pool:
        again = list(pool.map(lambda question: cached.embed_queries([question])[0], distinct * 4))
    expected = [fresh.embed_queries([question])[0] for question in distinct]  # alone: no padding

    assert all(np.array_equal(vector, row) for vector, row in zip(first, expected, strict=True))
    assert all(np.array_equal(vector, row) for vector, row in zip(again, expected * 4, strict=True))
    assert cached.query_cache_stats == (12, 3)
