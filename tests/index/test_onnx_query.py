"""ONNX query vectors must be the sentence-transformers ones: same graph, other runtime."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index import ModelLoadError, SentenceTransformerEmbedder
from index.onnx_query import OnnxQueryEncoder, onnx_path_for, onnx_unsupported_reason

pytestmark = pytest.mark.model

QUESTIONS = [
    "Is elke gemeente verplicht om een LIVC R op te richten?",
    "wat mag een CAW-medewerker delen in het casusoverleg (gedeeld beroepsgeheim, art. 458ter Sw.)?",
    "Online haat",
    "Hoe ga ik als burgemeester om met een signaal van radicalisering bij een minderjarige op school, "
    "en wie moet ik daarvoor allemaal uitnodigen op het lokaal integraal veiligheidscel-overleg? " * 12,
]


@pytest.fixture(scope="module")
def torch_queries(model_cache_dir: Path) -> np.ndarray:
    return SentenceTransformerEmbedder(cache_dir=model_cache_dir, query_backend="torch").embed_queries(QUESTIONS)


def test_onnx_matches_sentence_transformers(embedder: SentenceTransformerEmbedder, torch_queries: np.ndarray) -> None:
    encoder = OnnxQueryEncoder(Path(embedder.model_path)).load()
    single = np.stack([encoder.embed_queries([question])[0] for question in QUESTIONS])
    batched = encoder.embed_queries(QUESTIONS)  # padded: the mask must keep pad tokens out of the mean
    assert single.shape == batched.shape == (len(QUESTIONS), 384) and single.dtype == np.float32
    assert np.min(np.sum(single * torch_queries, axis=1)) >= 0.999
    assert np.min(np.sum(batched * torch_queries, axis=1)) >= 0.999
    assert np.allclose(np.linalg.norm(single, axis=1), 1.0, atol=1e-4)


def test_auto_backend_serves_queries_through_onnx(embedder: SentenceTransformerEmbedder,
                                                  torch_queries: np.ndarray) -> None:  # fmt: skip
    assert embedder.query_backend == "onnx"
    assert onnx_path_for(Path(embedder.model_path)).exists()
    assert np.min(np.sum(embedder.embed_queries(QUESTIONS) * torch_queries, axis=1)) >= 0.999
    assert embedder.embed_queries([]).shape == (0, 384)


def test_unsupported_model_falls_back_or_fails(tmp_path: Path) -> None:
    assert onnx_unsupported_reason(tmp_path) is not None
    auto = SentenceTransformerEmbedder(str(tmp_path), cache_dir=tmp_path, query_backend="auto")
    assert auto.query_backend == "torch"
    strict = SentenceTransformerEmbedder(str(tmp_path), cache_dir=tmp_path, query_backend="onnx")
    with pytest.raises(ModelLoadError, match="onnx"):
        strict.load()
    with pytest.raises(ValueError, match="query_backend"):
        SentenceTransformerEmbedder(cache_dir=tmp_path, query_backend="tensorrt")


def test_idle_pool_threads_sleep_instead_of_spinning(embedder: SentenceTransformerEmbedder) -> None:
    """Under a burst every core is busy with other questions: a spinning pool thread only burns CPU."""
    encoder = OnnxQueryEncoder(Path(embedder.model_path)).load()
    options = encoder._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
