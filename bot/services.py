"""Build the pipeline's parts from settings: the one place that wires model, index and sources.

Every entry point (CLI, console chat, Telegram) goes through here, so they share one
model load and one notion of where the index lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from index import BuildReport, HybridRetriever, IndexBuilder, SentenceTransformerEmbedder, VersionStore
from knowledge import Chunk, LoadFailure, load_chunks

from .assistant import Assistant
from .decision import Calibration, Decider
from .settings import Settings

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]


def make_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(
        settings.embedding_model, cache_dir=settings.model_cache_dir, query_backend=settings.query_backend
    )


def make_store(settings: Settings) -> VersionStore:
    return VersionStore(settings.index_dir)


def knowledge_roots(settings: Settings) -> list[tuple[Path, str]]:
    """The folders indexed, with the doc-id prefix of each (the shipped corpus has none)."""
    roots = [(settings.knowledge_dir, "")]
    if settings.staff_faq_dir.is_dir():
        roots.append((settings.staff_faq_dir, "staff-faq/"))
    return roots


def collect_chunks(settings: Settings) -> tuple[list[Chunk], list[LoadFailure]]:
    chunks: list[Chunk] = []
    failures: list[LoadFailure] = []
    for root, prefix in knowledge_roots(settings):
        found, failed = load_chunks(root, doc_id_prefix=prefix)
        chunks.extend(found)
        failures.extend(failed)
    return chunks, failures


def reindex(
    settings: Settings,
    embedder: SentenceTransformerEmbedder | None = None,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Load every source and publish a new version when something changed."""
    chunks, failures = collect_chunks(settings)
    for failure in failures:
        logger.warning("Skipped %s: %s", failure.path, failure.reason)
    builder = IndexBuilder(make_store(settings), embedder or make_embedder(settings), keep_versions=settings.keep_versions)
    sources = {str(root): {"prefix": prefix} for root, prefix in knowledge_roots(settings)}
    return builder.build(chunks, failures=failures, full=full, progress=progress, sources=sources)


def build_assistant(
    settings: Settings,
    *,
    progress: ProgressCallback | None = None,
    embedder: SentenceTransformerEmbedder | None = None,
) -> Assistant:
    """Load the model and the served index, building the index first when there is none."""
    embedder = (embedder or make_embedder(settings)).load()
    store = make_store(settings)
    if store.current_id() is None:
        logger.info("No index yet under %s: building it now", store.root)
        reindex(settings, embedder, progress=progress)
    retriever = HybridRetriever(store, embedder).load()
    decider = Decider(Calibration(threshold=settings.answer_threshold))
    return Assistant(retriever, decider, k=settings.top_k)
