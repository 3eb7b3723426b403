"""The two evaluation sets, prepared once per run: index built, queries redacted and embedded.

A ``PreparedSet`` ranks its questions under any ``RetrievalConfig`` without re-embedding
(``HybridRetriever.search_vector``), so a fusion grid costs milliseconds per question.
The query text is exactly what ``Assistant.ask`` retrieves with: ``normalise`` then
``redact`` (bench/quality.py checks that the default config's rankings equal the
Assistant's sources).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.common import DEV, Question, build_index, evaluate, load_dev
from bench.metrics import RetrievalScores
from bench.policyqa import write_documents
from bot.answer.intents import normalise
from bot.answer.privacy import redact
from index import HybridRetriever, LoadedVersion, RetrievalConfig, SentenceTransformerEmbedder, VersionStore
from knowledge import DEFAULT_CORPUS


@dataclass
class PreparedSet:
    """Questions, their query vectors, and the served index version they are asked against."""

    name: str
    questions: list[Question]
    queries: list[str]
    vectors: np.ndarray
    retriever: HybridRetriever
    version: LoadedVersion
    knowledge_dir: Path

    def rankings(self, config: RetrievalConfig, k: int = 10) -> list[list[str]]:
        self.retriever.config = config
        return [
            [hit.chunk.doc_id for hit in self.retriever.search_vector(self.version, query, vector, k)]
            for query, vector in zip(self.queries, self.vectors, strict=True)
        ]

    def scores(self, config: RetrievalConfig) -> RetrievalScores:
        return evaluate(self.rankings(config), self.questions)


def product_query(question: str) -> str:
    """The text ``Assistant.ask`` hands to the retriever for a question without context."""
    return redact(normalise(question)).text


def prepare(name: str, questions: list[Question], knowledge_dir: Path, index_dir: Path,
            embedder: SentenceTransformerEmbedder) -> PreparedSet:  # fmt: skip
    report = build_index(knowledge_dir, index_dir, embedder)
    state = "built" if report.published else "unchanged"
    print(f"{name}: {report.chunks} chunks from {report.documents} documents "
          f"({state}, {report.embedded} embedded, {report.seconds:.1f}s)")  # fmt: skip
    store = VersionStore(index_dir)
    retriever = HybridRetriever(store, embedder).load()
    folder, manifest = store.current()
    queries = [product_query(q.question) for q in questions]
    vectors = embedder.embed_queries(queries)
    version = LoadedVersion.load(folder, manifest)
    return PreparedSet(name, questions, queries, vectors, retriever, version, knowledge_dir)


def prepare_dev(data_dir: Path, embedder: SentenceTransformerEmbedder, dev: Path = DEV) -> PreparedSet:
    """The answerable dev questions over the shipped corpus (index under ``<data_dir>/index``)."""
    answerable = [q for q in load_dev(dev) if q.decision == "answer"]
    return prepare("dev", answerable, DEFAULT_CORPUS, data_dir / "index", embedder)


def prepare_policyqa(data_dir: Path, embedder: SentenceTransformerEmbedder) -> PreparedSet:
    """The 500 PolicyQA questions over their 500 passages, written into a temporary knowledge dir.

    Doc ids are file names, so the index under ``<data_dir>/policyqa-index`` is found unchanged
    on the next run whatever the temp dir's name is.
    """
    folder = Path(tempfile.mkdtemp(prefix="policyqa-knowledge-"))
    atexit.register(shutil.rmtree, folder, True)
    questions = write_documents(folder)
    return prepare("policyqa", questions, folder, data_dir / "policyqa-index", embedder)
