"""Passage embeddings through onnxruntime, in float32 or dynamically quantised to int8.

Why: a reindex through sentence-transformers holds torch and the 470 MB torch model (the build
of the shipped corpus peaked at 1.37 GB RSS), and torch eager is the slow part of a build. The
graph ``index.onnx_query`` exports for queries is encoder + mean pooling + normalisation with
the prefix applied in Python, so the same file embeds passages with ``passage: ``; its weights
are memory-mapped, and torch is never imported.

``int8``: ``onnxruntime.quantization.quantize_dynamic`` of that export (weights int8, activations
quantised per call), written once beside it in a spawned process (quantising loads the whole
float32 graph) and stamped with the export's source fingerprint, so a reconverted model is
quantised again. Vectors move a little: BENCHMARKS.md ("int8 passage encoder") has recall on
dev and PolicyQA, which decides the default.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from .errors import ModelLoadError
from .onnx_query import OnnxQueryEncoder, onnx_path_for

logger = logging.getLogger(__name__)

PASSAGE_PREFIX = "passage: "
PASSAGE_PRECISIONS = ("fp32", "int8")
_SOURCE_KEY = "vraagbaak.source"


def int8_path_for(model_dir: Path) -> Path:
    """Where the int8 passage graph of ``model_dir`` lives: a file beside the model folder."""
    return model_dir.with_name(model_dir.name + ".passage-int8.onnx")


def _source_stamp(path: Path) -> str | None:
    import onnx

    try:
        graph = onnx.load(str(path), load_external_data=False)
    except (OSError, ValueError, onnx.onnx_cpp2py_export.checker.ValidationError):
        return None
    return {prop.key: prop.value for prop in graph.metadata_props}.get(_SOURCE_KEY)


def quantise_int8(source: Path, target: Path) -> Path:
    """Dynamic int8 quantisation of ``source`` into ``target`` (atomic), carrying its source stamp."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    stamp = _source_stamp(source)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as tmp:
        staged = Path(tmp) / target.name
        quantize_dynamic(str(source), str(staged), weight_type=QuantType.QInt8)
        graph = onnx.load(str(staged))
        onnx.helper.set_model_props(graph, {_SOURCE_KEY: stamp or ""})
        onnx.save_model(graph, str(staged))
        with staged.open("rb") as handle:
            os.fsync(handle.fileno())
        staged.chmod(0o644)
        os.replace(staged, target)
    return target


def _quantise_in_child(source: Path, target: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            pool.submit(quantise_int8, source, target).result()
    except (BrokenProcessPool, OSError, ValueError, RuntimeError) as exc:
        raise ModelLoadError(f"could not quantise the passage encoder to int8: {exc}") from exc


class OnnxPassageEncoder:
    """``embed_passages`` through onnxruntime; cheap to construct, ``load()`` exports/quantises once.

    ``batch_size`` texts per call: a batch is padded to its longest text, and the attention
    scores of 8 texts of 512 tokens are already ~100 MB per layer.
    """

    def __init__(self, model_dir: Path, *, precision: str = "fp32", batch_size: int = 8, threads: int = 2) -> None:
        if precision not in PASSAGE_PRECISIONS:
            raise ValueError(f"precision must be one of {PASSAGE_PRECISIONS}, got {precision!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size!r}")
        self.model_dir = Path(model_dir)
        self.precision = precision
        self._batch_size = batch_size
        self._threads = threads
        self._encoder: OnnxQueryEncoder | None = None

    def load(self) -> OnnxPassageEncoder:
        """Export the float32 graph if needed, quantise it if int8 and stale, and open it."""
        if self._encoder is not None:
            return self
        fp32 = OnnxQueryEncoder(self.model_dir, threads=self._threads, prefix=PASSAGE_PREFIX).load()
        if self.precision == "fp32":
            self._encoder = fp32
            return self
        source, target = onnx_path_for(self.model_dir), int8_path_for(self.model_dir)
        if not target.exists() or _source_stamp(target) != _source_stamp(source):
            logger.info("Quantising the passage encoder to int8: %s (once)", target)
            del fp32
            _quantise_in_child(source, target)
        self._encoder = OnnxQueryEncoder(self.model_dir, onnx_path=target, threads=self._threads,
                                         prefix=PASSAGE_PREFIX).load()  # fmt: skip
        return self

    @property
    def dimension(self) -> int:
        return self.load()._loaded().dimension

    def _loaded(self) -> OnnxQueryEncoder:
        if self._encoder is None:
            raise ModelLoadError("OnnxPassageEncoder used before load()")
        return self._encoder

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text, with the ``passage: `` prefix applied."""
        encoder = self.load()._loaded()
        if not texts:
            return np.zeros((0, encoder.dimension), dtype=np.float32)
        parts = [encoder.embed_queries(texts[start : start + self._batch_size])
                 for start in range(0, len(texts), self._batch_size)]  # fmt: skip
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)
