"""The LangChain BaseRetriever adapter inside a real LangChain runnable chain."""

from __future__ import annotations

import pytest
from langchain_core.runnables import RunnableLambda

from bot.answer.assistant import Assistant
from index.langchain_adapter import VraagbaakRetriever

pytestmark = pytest.mark.model


def test_adapter_in_a_runnable_chain(assistant: Assistant) -> None:
    retriever = VraagbaakRetriever(retriever=assistant.retriever, k=3)
    chain = retriever | RunnableLambda(lambda docs: [doc.metadata["doc_id"] for doc in docs])
    doc_ids = chain.invoke("Wat is gedeeld beroepsgeheim?")
    assert len(doc_ids) == 3
    assert "publicaties/gedeeld-beroepsgeheim-458ter.md" in doc_ids


def test_adapter_documents_carry_ids_and_scores(assistant: Assistant) -> None:
    docs = VraagbaakRetriever(retriever=assistant.retriever).invoke("Wat is een LIVC R?")
    assert len(docs) == 5
    first = docs[0]
    assert first.id == first.metadata["chunk_id"] and "::" in first.id
    assert first.metadata["rank"] == 1 and first.page_content
