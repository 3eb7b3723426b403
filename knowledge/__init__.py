"""Knowledge: source files in, documents and stable chunks out.

    from knowledge import load_chunks
    chunks, failures = load_chunks(Path("knowledge/corpus"))

``FolderSource`` walks a folder and gives each file to the loader for its suffix
(``knowledge.loaders``); ``Chunker`` cuts Documents into Chunks sized for the e5 encoder.
This package knows nothing of ``index`` or ``bot`` (DESIGN.md: dependencies point right).
"""

from __future__ import annotations

from pathlib import Path

from knowledge.chunking import Chunker, chunk_documents, slug_path
from knowledge.errors import KnowledgeError, KnowledgeRootError, LoaderError
from knowledge.loaders import LOADERS, Loader, load_file, loader_for
from knowledge.models import Chunk, Document, LoadFailure, Section, content_hash
from knowledge.source import FolderSource, LoadResult, SkippedFile, file_doc_id, load_chunks

# The corpus shipped inside the package: the default knowledge root.
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"

__all__ = [
    "DEFAULT_CORPUS",
    "LOADERS",
    "Chunk",
    "Chunker",
    "Document",
    "FolderSource",
    "KnowledgeError",
    "KnowledgeRootError",
    "LoadFailure",
    "LoadResult",
    "Loader",
    "LoaderError",
    "Section",
    "SkippedFile",
    "chunk_documents",
    "content_hash",
    "file_doc_id",
    "load_chunks",
    "load_file",
    "loader_for",
    "slug_path",
]
