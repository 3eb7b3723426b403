"""The LangChain BaseRetriever adapter inside a real LangChain runnable chain, behind the guard."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import RunnableLambda

from bot.answer.assistant import Assistant
from bot.answer.retrieval import redacting_retriever

pytestmark = pytest.mark.model


class Seen(BaseCallbackHandler):
    """What LangChain's callbacks (tracers, loggers) are told the query is."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def on_retriever_start(self, serialized: dict[str, Any], query: str, **kwargs: Any) -> None:
        self.queries.append(query)


def test_adapter_in_a_runnable_chain(assistant: Assistant) -> None:
    retriever = redacting_retriever(assistant.retriever, k=3)
    chain = retriever | RunnableLambda(lambda docs: [doc.metadata["doc_id"] for doc in docs])
    doc_ids = chain.invoke("Wat is gedeeld beroepsgeheim?")
    assert len(doc_ids) == 3
    assert "publicaties/gedeeld-beroepsgeheim-458ter.md" in doc_ids


def test_adapter_documents_carry_ids_and_scores(assistant: Assistant) -> None:
    docs = redacting_retriever(assistant.retriever).invoke("Wat is een LIVC R?")
    assert len(docs) == 5
    first = docs[0]
    assert first.id == first.metadata["chunk_id"] and "::" in first.id
    assert first.metadata["rank"] == 1 and first.page_content


def test_the_raw_question_never_reaches_langchain_callbacks(assistant: Assistant) -> None:
    seen = Seen()
    chain = redacting_retriever(assistant.retriever) | RunnableLambda(len)

    chain.invoke("Mag de LIVC R praten over Lotte Vermeulen, tel 0470 12 34 56?", {"callbacks": [seen]})

    assert seen.queries and all("Vermeulen" not in q and "0470" not in q for q in seen.queries)
    assert "[telefoonnummer]" in seen.queries[0]
