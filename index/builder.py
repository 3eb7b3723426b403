"""Build a new index version from chunks, reusing the vectors of unchanged chunks.

The content hash of the text the encoder sees decides reuse, so editing one FAQ entry
re-embeds one chunk, and a rebuild with nothing changed publishes nothing at all.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from knowledge import Chunk, LoadFailure

from .bm25 import BM25Index
from .chunk_codec import read_chunks, write_chunks
from .dense import HNSW_THRESHOLD, build_faiss, save_faiss
from .embedder import Embedder
from .store import Manifest, VersionStore
from .themes import label_themes

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
EMBED_BATCH = 64


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a reindex did, in the terms an operator cares about (documents, not vectors)."""

    version_id: str | None
    published: bool
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[LoadFailure] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    reason: str = ""
    previous_version_id: str | None = None


def corpus_hash(chunks: Sequence[Chunk]) -> str:
    """Order-independent fingerprint of what would be indexed.

    Themes a source names itself count (a new ``themes:`` line publishes a version); without
    any, the fingerprint is what it was before themes existed.
    """
    digest = hashlib.sha256()
    for chunk_id, content, themes in sorted((c.chunk_id, c.content_hash, c.themes) for c in chunks):
        labels = f"\0{','.join(themes)}" if themes else ""
        digest.update(f"{chunk_id}\0{content}{labels}\n".encode())
    return digest.hexdigest()


def _doc_fingerprints(chunks: Sequence[Chunk]) -> dict[str, frozenset[tuple[str, str]]]:
    grouped: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for chunk in chunks:
        grouped[chunk.doc_id].add((chunk.chunk_id, chunk.content_hash))
    return {doc_id: frozenset(parts) for doc_id, parts in grouped.items()}


def diff_documents(old: Sequence[Chunk], new: Sequence[Chunk]) -> tuple[list[str], list[str], list[str]]:
    """Added, changed and removed doc ids between two chunk sets."""
    before, after = _doc_fingerprints(old), _doc_fingerprints(new)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(doc for doc in set(after) & set(before) if after[doc] != before[doc])
    return added, changed, removed


class IndexBuilder:
    """Turns chunks into a published version under a VersionStore."""

    def __init__(
        self,
        store: VersionStore,
        embedder: Embedder,
        *,
        keep_versions: int = 3,
        hnsw_threshold: int = HNSW_THRESHOLD,
    ) -> None:
        if keep_versions < 1:
            raise ValueError(f"keep_versions must be >= 1, got {keep_versions!r}")
        self._store = store
        self._embedder = embedder
        self._keep = keep_versions
        self._hnsw_threshold = hnsw_threshold

    def build(
        self,
        chunks: Sequence[Chunk],
        *,
        failures: Sequence[LoadFailure] = (),
        full: bool = False,
        progress: ProgressCallback | None = None,
        sources: dict[str, object] | None = None,
        locked: bool = False,
    ) -> BuildReport:
        """Build and publish unless nothing changed; holds the store's build lock throughout.

        ``locked=True`` says the caller already holds ``store.build_lock()`` (a reindex takes it
        before it crawls its sources, so a second run is refused before doing any work).
        """
        if locked and not self._store.holds_build_lock():
            raise RuntimeError("build(locked=True) called without holding the store's build lock")
        with nullcontext() if locked else self._store.build_lock():
            return self._build(chunks, failures, full, progress, sources)

    def _build(
        self,
        chunks: Sequence[Chunk],
        failures: Sequence[LoadFailure],
        full: bool,
        progress: ProgressCallback | None,
        sources: dict[str, object] | None,
    ) -> BuildReport:
        started = time.monotonic()
        self._store.clean_partials()
        previous_chunks, previous_vectors, previous_manifest = self._previous()
        previous_id = previous_manifest.version_id if previous_manifest else None
        fingerprint = corpus_hash(chunks)
        added, changed, removed = diff_documents(previous_chunks, chunks)
        documents = len({chunk.doc_id for chunk in chunks})
        if (
            not full
            and previous_manifest is not None
            and previous_manifest.corpus_hash == fingerprint
            and previous_manifest.model == self._embedder.model_id
        ):
            return BuildReport(
                version_id=previous_id, published=False, skipped=list(failures), documents=documents,
                chunks=len(chunks), reused=len(chunks), seconds=time.monotonic() - started,
                reason="unchanged", previous_version_id=previous_id,
            )  # fmt: skip
        reusable = {} if full else self._reusable(previous_chunks, previous_vectors, previous_manifest)
        fresh = sum(c.content_hash not in reusable for c in chunks)
        prepare = getattr(self._embedder, "prepare_passages", None)
        if fresh and prepare is not None:
            prepare()  # converting or loading the model is a stage of its own, logged before embedding
        logger.info("Embedding %d chunks (%d reused)", fresh, len(chunks) - fresh)
        vectors, embedded = self._vectors(chunks, reusable, progress)
        chunks = label_themes(chunks, vectors)
        version_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + fingerprint[:8]
        with self._store.staging(version_id) as folder:
            logger.info("Building FAISS and BM25 for %d chunks", len(chunks))
            dense_kind = self._write_files(folder, chunks, vectors)
            Manifest(
                version_id=version_id, created=datetime.now(UTC).isoformat(timespec="seconds"),
                model=self._embedder.model_id, dimensions=int(vectors.shape[1]), chunk_count=len(chunks),
                document_count=documents, corpus_hash=fingerprint, dense_kind=dense_kind,
                build_seconds=round(time.monotonic() - started, 3), embedded=embedded,
                reused=len(chunks) - embedded, sources=dict(sources or {}),
            ).write(folder)  # fmt: skip
        logger.info("Publishing index version %s", version_id)
        self._store.publish(version_id)
        self._store.prune(self._keep)
        logger.info("Index %s built: %d chunks, %d embedded, %d reused", version_id, len(chunks), embedded,
                    len(chunks) - embedded)  # fmt: skip
        return BuildReport(
            version_id=version_id, published=True, added=added, changed=changed, removed=removed,
            skipped=list(failures), documents=documents, chunks=len(chunks), embedded=embedded,
            reused=len(chunks) - embedded, seconds=time.monotonic() - started,
            reason="full" if full else "changed", previous_version_id=previous_id,
        )  # fmt: skip

    def _write_files(self, folder: Path, chunks: Sequence[Chunk], vectors: np.ndarray) -> str:
        """Everything but the manifest, into the staging folder; returns the FAISS index kind."""
        write_chunks(folder / "chunks.jsonl", chunks)
        np.save(folder / "vectors.npy", vectors)
        index = build_faiss(vectors, hnsw_threshold=self._hnsw_threshold)
        save_faiss(index, folder / "dense.faiss")
        BM25Index.build([chunk.embedding_text for chunk in chunks]).save(folder / "bm25")
        return str(type(index).__name__)

    def _previous(self) -> tuple[list[Chunk], np.ndarray | None, Manifest | None]:
        if self._store.current_id() is None:
            return [], None, None
        folder, manifest = self._store.current()
        try:
            chunks = read_chunks(folder / "chunks.jsonl")
            vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        except (OSError, ValueError) as exc:
            logger.warning("Previous index %s unreadable, rebuilding from scratch: %s",
                           manifest.version_id, exc)  # fmt: skip
            return [], None, None
        return chunks, vectors, manifest

    def _reusable(
        self, chunks: list[Chunk], vectors: np.ndarray | None, manifest: Manifest | None
    ) -> dict[str, np.ndarray]:
        """Vectors by content hash, only from a version built with the same model."""
        if vectors is None or manifest is None or manifest.model != self._embedder.model_id:
            return {}
        if len(vectors) != len(chunks):
            return {}
        return {chunk.content_hash: vectors[row] for row, chunk in enumerate(chunks)}

    def _vectors(
        self, chunks: Sequence[Chunk], reusable: dict[str, np.ndarray], progress: ProgressCallback | None
    ) -> tuple[np.ndarray, int]:
        pending = {c.content_hash: c.embedding_text for c in chunks if c.content_hash not in reusable}
        # Similar lengths in one batch waste less padding; sort by length, then hash for determinism.
        missing = sorted(pending.items(), key=lambda item: (len(item[1]), item[0]))
        fresh: dict[str, np.ndarray] = {}
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            encoded = self._embedder.embed_passages([text for _, text in batch])
            fresh.update({digest: vector for (digest, _), vector in zip(batch, encoded, strict=True)})
            if progress:
                progress(min(start + EMBED_BATCH, len(missing)), len(missing))
        table = {**reusable, **fresh}
        dimension = self._embedder.dimension
        matrix = np.zeros((len(chunks), dimension), dtype=np.float32)
        for row, chunk in enumerate(chunks):
            matrix[row] = table[chunk.content_hash]
        return matrix, len(missing)
