"""Query embeddings through onnxruntime: the same e5 graph, a third of torch's latency on 2 cores.

Why: a question is ~10-30 tokens, and at that size torch eager spends its time in
per-operator overhead, not arithmetic (DESIGN.md, "Embedding model"). The sentence-
transformers folder's encoder is exported once with ``torch.onnx.export`` (TorchScript
exporter: the dynamo one needs onnxscript, and optimum would pin transformers below 5)
together with mean pooling and L2 normalisation, and written atomically beside the model
folder in the cache dir (``<model>.query.onnx`` plus its memory-mapped weights file).
Serving then needs neither torch nor sentence-transformers: tokenise with the model's
fast tokenizer (``tokenizer.json``), pad, run, done.

Only models whose sentence-transformers pipeline is Transformer -> mean Pooling
(-> Normalize) qualify (``onnx_unsupported_reason``); e5 is one. Passages keep using
sentence-transformers: builds are batch work where torch is fine and exact.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelLoadError

logger = logging.getLogger(__name__)

QUERY_PREFIX = "query: "
OPSET = 17
EXPORT_LAYOUT = "v2-external-data"
_FINGERPRINT_KEY = "vraagbaak.source"
_BATCH = 32
_SAMPLE_BYTES = 1 << 20


def onnx_path_for(model_dir: Path) -> Path:
    """Where the exported query graph of ``model_dir`` lives: a file beside the model folder."""
    return model_dir.with_name(model_dir.name + ".query.onnx")


def onnx_unsupported_reason(model_dir: Path) -> str | None:
    """Why ``model_dir`` cannot be served through ONNX, or None when it can."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{model_dir} is not a local sentence-transformers folder"
    kinds = [str(module.get("type", "")).rsplit(".", 1)[-1] for module in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return f"modules {kinds} are not Transformer + Pooling (+ Normalize)"
    if modules[0].get("path", ""):
        return "the transformer is not at the folder root"
    try:
        pooling = json.loads((model_dir / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"unreadable pooling config: {exc}"
    mode = pooling.get("pooling_mode")
    modes = {key for key, value in pooling.items() if key.startswith("pooling_mode_") and value is True}
    if (mode != "mean" if mode is not None else modes != {"pooling_mode_mean_tokens"}) or not pooling.get(
        "include_prompt", True
    ):
        return f"pooling is not a plain mean over all tokens: {pooling}"
    if not (model_dir / "tokenizer.json").exists():
        return "no fast tokenizer (tokenizer.json)"
    return None


def source_fingerprint(model_dir: Path) -> str:
    """Identity of the weights an export came from: size and the first and last MiB of each file.

    Cheap on every start (2 MiB read, not 470), and a reconverted or swapped model changes it.
    """
    digest = hashlib.sha256()
    for name in ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json"):
        path = model_dir / name
        if not path.exists():
            continue
        size = path.stat().st_size
        digest.update(f"{name}:{size}\0".encode())
        with path.open("rb") as handle:
            digest.update(handle.read(_SAMPLE_BYTES))
            handle.seek(max(0, size - _SAMPLE_BYTES))
            digest.update(handle.read(_SAMPLE_BYTES))
    return digest.hexdigest()


def export_query_onnx(model_dir: Path, target: Path) -> Path:
    """Export encoder + mean pooling + normalisation to ``target``, weights in a ``.data`` file beside it.

    The weights go to an external file because onnxruntime memory-maps those: only the rows
    of the 250k-token embedding matrix a question touches become resident (~0.2 GB RSS
    instead of ~0.75 GB). Atomic: both files are written in a private temp folder, the
    data file (named after the source fingerprint) is moved into place first, the graph
    that points to it last, so a reader sees the old export or the new one, never half.
    """
    import onnx
    import torch
    from transformers import AutoModel

    class _Pooled(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    fingerprint = _stamp(source_fingerprint(model_dir))
    data_name = f"{target.name}.{fingerprint[-12:]}.data"
    encoder = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    example = (torch.tensor([[0, 41, 1294, 12, 2], [0, 41, 2, 1, 1]]), torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]]))
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as tmp:
        raw, staged = Path(tmp) / "raw.onnx", Path(tmp) / target.name
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on Python bools; tests/index/test_onnx_query.py checks
            torch.onnx.export(
                _Pooled(encoder), example, str(raw), dynamo=False, opset_version=OPSET,
                input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                              "embedding": {0: "batch"}},
            )  # fmt: skip
        del encoder
        graph = onnx.load(str(raw))
        onnx.helper.set_model_props(graph, {_FINGERPRINT_KEY: fingerprint})
        onnx.save_model(graph, str(staged), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data_name, size_threshold=1024)  # fmt: skip
        for path in (staged, Path(tmp) / data_name):
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
            path.chmod(0o644)
        os.replace(Path(tmp) / data_name, target.parent / data_name)
        os.replace(staged, target)
    _fsync_dir(target.parent)
    for stale in target.parent.glob(f"{target.name}.*.data"):
        if stale.name != data_name:
            stale.unlink(missing_ok=True)
    return target


def _stamp(fingerprint: str) -> str:
    """The value stored in an export: the layout version, then the source fingerprint."""
    return f"{EXPORT_LAYOUT}:{fingerprint}"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class OnnxQueryEncoder:
    """``embed_queries`` through onnxruntime; cheap to construct, ``load()`` exports once and opens."""

    def __init__(self, model_dir: Path, *, onnx_path: Path | None = None, threads: int = 2,
                 prefix: str = QUERY_PREFIX) -> None:  # fmt: skip
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads!r}")
        self.model_dir = Path(model_dir)
        self.onnx_path = onnx_path or onnx_path_for(self.model_dir)
        self._threads = threads
        self._prefix = prefix
        self._session: Any = None
        self._tokenizer: Any = None
        self._pad_id = 0
        self._dimension = 0
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        self.load()
        return self._dimension

    def load(self) -> OnnxQueryEncoder:
        """Export the graph if it is missing or stale (seconds, once), then open it."""
        with self._lock:
            if self._session is None:
                self._open()
        return self

    def _open(self) -> None:
        from tokenizers import Tokenizer

        reason = onnx_unsupported_reason(self.model_dir)
        if reason:
            raise ModelLoadError(f"cannot serve queries through ONNX: {reason}")
        fingerprint = source_fingerprint(self.model_dir)
        session = self._session_if_current(fingerprint)
        if session is None:
            logger.info("Exporting the query encoder to %s (once)", self.onnx_path)
            try:
                export_query_onnx(self.model_dir, self.onnx_path)
            except (OSError, RuntimeError, ValueError) as exc:
                raise ModelLoadError(f"could not export the query encoder to ONNX: {exc}") from exc
            session = self._session_if_current(fingerprint)
            if session is None:
                raise ModelLoadError(f"the exported query encoder {self.onnx_path} cannot be loaded")
        try:
            tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
            config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelLoadError(f"could not load the tokenizer of {self.model_dir}: {exc}") from exc
        tokenizer.no_padding()
        tokenizer.enable_truncation(min(512, int(config.get("max_position_embeddings", 512))))
        pad = tokenizer.token_to_id("<pad>")
        self._pad_id = int(config.get("pad_token_id") or 0) if pad is None else int(pad)
        dimension = session.get_outputs()[0].shape[-1]
        self._dimension = int(dimension) if isinstance(dimension, int) else int(config["hidden_size"])
        self._tokenizer, self._session = tokenizer, session

    def _session_if_current(self, fingerprint: str) -> Any:
        """An onnxruntime session on the exported graph if it exists and came from these weights."""
        import onnxruntime as ort

        if not self.onnx_path.exists():
            return None
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        # Idle pool threads sleep instead of spinning: under a burst every core is busy with
        # other questions, and spinning burnt ~40 % of the encoder's CPU for nothing (87.6 ->
        # 50.4 ms CPU per query, same vectors; BENCHMARKS.md, "Micro-batching and replicas").
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            session = ort.InferenceSession(str(self.onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors; a bad file is re-exported
            logger.warning("Exported query encoder %s unusable, exporting again: %s", self.onnx_path, exc)
            return None
        stored = session.get_modelmeta().custom_metadata_map.get(_FINGERPRINT_KEY)
        return session if stored == _stamp(fingerprint) else None

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text, with the ``query: `` prefix applied."""
        self.load()
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        parts = [self._run(texts[start : start + _BATCH]) for start in range(0, len(texts), _BATCH)]
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def _run(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([self._prefix + text for text in texts])
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.full((len(encodings), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)
