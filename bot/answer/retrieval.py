"""Retrieval for other frameworks, behind the personal-data guard.

``index.langchain_adapter.VraagbaakRetriever`` must be given a redactor (``index`` cannot import
``bot``); this is the one the bot means: the guard's redacted text.
"""

from __future__ import annotations

from bot.answer.privacy import redact
from index import HybridRetriever
from index.langchain_adapter import VraagbaakRetriever


def redacted_text(text: str) -> str:
    """The question as the guard leaves it: identifiers replaced by placeholders."""
    return redact(text).text


def redacting_retriever(retriever: HybridRetriever, k: int = 5) -> VraagbaakRetriever:
    """A LangChain retriever that never searches, traces or logs an identifier."""
    return VraagbaakRetriever(retriever=retriever, redactor=redacted_text, k=k)
