"""First start: the streamed safetensors writer, and the model's stage logged before embedding."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pytest
from safetensors.numpy import load_file

from index import IndexBuilder, VersionStore
from index.safetensors_stream import write_f32_safetensors
from knowledge import Chunk
from tests.support.fake_embedder import FakeEmbedder


def test_streamed_safetensors_read_back_with_the_library(tmp_path: Path) -> None:
    tensors = {"b.weight": np.arange(6, dtype=np.float32).reshape(2, 3), "a.bias": np.array([1.5], np.float32)}

    def write(name: str, handle: BinaryIO) -> None:
        half = tensors[name].reshape(-1)
        handle.write(half[:1].tobytes())  # in two slices, as the converter streams
        handle.write(half[1:].tobytes())

    path = tmp_path / "model.safetensors"
    write_f32_safetensors(path, [(name, value.shape) for name, value in tensors.items()], write)
    loaded = load_file(str(path))
    assert set(loaded) == set(tensors)
    for name, value in tensors.items():
        np.testing.assert_array_equal(loaded[name], value)
    assert int.from_bytes(path.read_bytes()[:8], "little") % 8 == 0


def test_a_tensor_of_the_wrong_size_is_refused(tmp_path: Path) -> None:
    def short(name: str, handle: BinaryIO) -> None:
        handle.write(bytes(12))  # 3 floats for a tensor of 4

    with pytest.raises(ValueError, match="bytes off its shape"):
        write_f32_safetensors(tmp_path / "x.safetensors", [("w", (4,))], short)


class PreparingEmbedder(FakeEmbedder):
    """Logs its model stage when asked to prepare, as the real embedder converts and loads."""

    def __init__(self) -> None:
        super().__init__()
        self.prepared = 0

    def prepare_passages(self) -> None:
        self.prepared += 1
        logging.getLogger("index.embedder").info("Converting the model")


def test_the_model_stage_is_logged_before_embedding_and_skipped_when_nothing_is_new(
    index_root: Path, small_chunks: list[Chunk], caplog: pytest.LogCaptureFixture
) -> None:
    embedder = PreparingEmbedder()
    builder = IndexBuilder(VersionStore(index_root), embedder)
    with caplog.at_level(logging.INFO):
        builder.build(small_chunks)
    lines = [record.getMessage() for record in caplog.records]
    stages = ["Converting the model", "Embedding 4 chunks", "Building FAISS and BM25", "Publishing index version"]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(stage)) for stage in stages]
    assert positions == sorted(positions), lines
    builder.build(small_chunks, full=False)
    builder.build([*small_chunks[:3]])  # a removal embeds nothing: no model needed
    assert embedder.prepared == 1
