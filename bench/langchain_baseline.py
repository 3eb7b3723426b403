"""The LangChain default RAG retriever: the baseline every Vraagbaak number is reported beside.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the same
documents our loaders produce (one LangChain Document per knowledge Document, so an FAQ
entry keeps its ``file#entry`` doc id; a file's doc id is its path relative to the
knowledge root), ``HuggingFaceEmbeddings`` on the same converted e5 model folder, and
``langchain_community.vectorstores.FAISS`` with its defaults (flat L2; on normalised
vectors the same order as cosine); ``similarity_search(q, k)``. No doc-level
de-duplication: that is the default pipeline's behaviour.

Fair e5 use: ``HuggingFaceEmbeddings`` passes ``encode_kwargs`` to documents and
``query_encode_kwargs`` to queries, and the latter *replaces* the former rather than
extending it, so both carry ``normalize_embeddings`` and their own prompt name (the
converted model saves ``query: ``/``passage: `` as prompts ``query``/``passage``).
Without ``prompt_name`` sentence-transformers applies no prefix at all (the model has no
default prompt): ``prefixes=False`` gives that naive variant for comparison.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path
from typing import Any

from knowledge import Document, FolderSource

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


def document_text(document: Document) -> str:
    """A document as one text: title, then each section's heading and text (no repeated title line)."""
    if document.faq_question is not None:
        return f"{document.faq_question}\n\n{document.faq_answer or ''}".strip()
    parts = [document.title]
    for section in document.sections:
        parts += [section.heading_path[-1] if section.heading_path else "", section.text.strip()]
    kept: list[str] = []
    for part in parts:
        if part and (not kept or kept[-1] != part):
            kept.append(part)
    if len(kept) > 1 and kept[1].startswith(kept[0]):
        kept.pop(0)  # a plain-text body opens with its own title line
    return "\n\n".join(kept)


def load_documents(knowledge_dir: Path) -> list[Any]:
    from langchain_core.documents import Document as LCDocument

    result = FolderSource(knowledge_dir).load()
    return [LCDocument(page_content=document_text(d), metadata={"doc_id": d.doc_id}) for d in result.documents]


def make_embeddings(model_dir: Path, *, prefixes: bool = True) -> Any:
    from langchain_huggingface import HuggingFaceEmbeddings

    passage: dict[str, Any] = {"normalize_embeddings": True}
    query: dict[str, Any] = {"normalize_embeddings": True}
    if prefixes:
        passage["prompt_name"], query["prompt_name"] = "passage", "query"
    return HuggingFaceEmbeddings(
        model_name=str(model_dir), model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs=passage, query_encode_kwargs=query,
    )  # fmt: skip


class LangChainBaseline:
    """Build once with ``build(knowledge_dir)``, then ``search(question, k)`` -> ranked doc ids."""

    def __init__(self, model_dir: Path, *, prefixes: bool = True, cache_dir: Path | None = None) -> None:
        self.model_dir = model_dir
        self.prefixes = prefixes
        self.cache_dir = cache_dir
        self.embeddings: Any = None
        self.store: Any = None
        self.chunks = 0

    def build(self, knowledge_dir: Path) -> float:
        """Load, split, embed and index; seconds taken (model load included when first)."""
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_community.vectorstores import FAISS

        started = time.perf_counter()
        if self.embeddings is None:
            self.embeddings = make_embeddings(self.model_dir, prefixes=self.prefixes)
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        chunks = splitter.split_documents(load_documents(knowledge_dir))
        self.chunks = len(chunks)
        self.store = FAISS.from_documents(chunks, self._document_embeddings())
        return time.perf_counter() - started

    def _document_embeddings(self) -> Any:
        """The embeddings, behind LangChain's own file cache when ``cache_dir`` is set (quality runs)."""
        if self.cache_dir is None:
            return self.embeddings
        from langchain_classic.embeddings import CacheBackedEmbeddings
        from langchain_classic.storage import LocalFileStore

        namespace = f"{self.model_dir.name}-{'prefixed' if self.prefixes else 'plain'}"
        store = LocalFileStore(str(self.cache_dir))
        return CacheBackedEmbeddings.from_bytes_store(self.embeddings, store, namespace=namespace,
                                                      key_encoder="sha256")  # fmt: skip

    def search(self, question: str, k: int = 10) -> list[str]:
        return [document.metadata["doc_id"] for document in self.store.similarity_search(question, k=k)]
