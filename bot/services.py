"""Build the pipeline's parts from settings: the one place that wires model, index and sources.

Every entry point (CLI, console chat, Telegram) goes through here, so they share one
model load and one notion of where the index lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.answer.assistant import Assistant
from bot.answer.classifiers import IntentClassifiers, Phrasings
from bot.answer.decision import Calibration, Decider
from bot.answer.language import LanguageDetection
from bot.reindex.run import PhaseProgress, Reindexer, ReindexReport
from bot.settings import Settings
from index import Embedder, HybridRetriever, SentenceTransformerEmbedder, VersionStore

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]


def make_embedder(settings: Settings) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(
        settings.embedding_model, cache_dir=settings.model_cache_dir, query_backend=settings.query_backend,
        query_batch=settings.query_batch, query_threads=settings.query_threads, query_cache=settings.query_cache,
        passage_backend=settings.passage_backend,
    )  # fmt: skip


def make_store(settings: Settings) -> VersionStore:
    return VersionStore(settings.index_dir)


def make_reindexer(settings: Settings, embedder: Embedder | None = None) -> Reindexer:
    """A Reindexer for this data directory; the model loads only if something must be embedded."""
    return Reindexer(settings, make_store(settings), embedder or make_embedder(settings))


def reindex(
    settings: Settings,
    embedder: Embedder | None = None,
    *,
    full: bool = False,
    progress: PhaseProgress | None = None,
) -> ReindexReport:
    """Read every source and publish a new version when something changed (see bot.reindex.run)."""
    return make_reindexer(settings, embedder).run(full=full, progress=progress)


def _phase(progress: ProgressCallback | None) -> PhaseProgress | None:
    """Adapt a (done, total) progress callback to the reindex's (phase, done, total) one."""
    if progress is None:
        return None
    callback = progress

    def update(phase: str, done: int, total: int | None) -> None:
        if total is not None:
            callback(done, total)

    return update


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
        reindex(settings, embedder, progress=_phase(progress))
    retriever = HybridRetriever(store, embedder).load()
    decider = Decider(Calibration(threshold=settings.answer_threshold))
    faq_questions = [chunk.faq_question for chunk in retriever.chunks() if chunk.faq_question]
    classifiers = IntentClassifiers.fit(Phrasings.shipped(faq_questions), embedder, settings.model_cache_dir)
    return Assistant(retriever, decider, k=settings.top_k, classifiers=classifiers,
                     languages=LanguageDetection().load())  # fmt: skip
