"""A LangChain ``BaseRetriever`` over the hybrid retriever, for use in LangChain runnables.

Questions may carry personal data, and a LangChain chain may log, trace or send the query on
(callbacks, tracing back-ends). So the adapter takes a ``redactor`` and searches, and reports
to LangChain, only what it returns; ``index`` knows nothing of ``bot``, so the bot passes its
guard in (``bot.answer.retrieval.redacting_retriever``). Without one, nothing is searched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .retriever import Hit, HybridRetriever


def hit_to_document(hit: Hit) -> LCDocument:
    chunk = hit.chunk
    return LCDocument(
        id=chunk.chunk_id,
        page_content=chunk.text,
        metadata={
            "doc_id": chunk.doc_id, "chunk_id": chunk.chunk_id, "title": chunk.title, "section": chunk.section,
            "url": chunk.url, "published": chunk.published.isoformat() if chunk.published else None,
            "type": chunk.doc_type, "score": hit.score, "dense_score": hit.dense_score, "rank": hit.rank,
        },
    )  # fmt: skip


class VraagbaakRetriever(BaseRetriever):
    """Exposes ``HybridRetriever.search`` as LangChain documents (metadata carries ids and scores)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: HybridRetriever
    redactor: Callable[[str], str]
    k: int = 5

    def invoke(self, input: str, config: Any = None, **kwargs: Any) -> list[LCDocument]:
        """Redact before LangChain's callbacks and tracers see the query."""
        return super().invoke(self.redactor(input), config, **kwargs)

    async def ainvoke(self, input: str, config: Any = None, **kwargs: Any) -> list[LCDocument]:
        return await super().ainvoke(self.redactor(input), config, **kwargs)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[LCDocument]:
        safe = self.redactor(query)
        return [hit_to_document(hit) for hit in self.retriever.search(safe, k=int(kwargs.get("k", self.k)))]
