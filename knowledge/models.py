"""The plain records that flow from source files to the index.

They are frozen dataclasses so that a chunk can be hashed, compared across runs and
passed between threads without anyone mutating it behind the index's back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of a document's text under one heading path, before it is sized into chunks."""

    heading_path: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded source: a file, a web page or one FAQ entry.

    ``doc_id`` is the contract with evaluations (DESIGN.md): a path relative to the
    knowledge root, plus ``#entry-id`` for an FAQ entry.
    """

    doc_id: str
    title: str
    doc_type: str
    sections: tuple[Section, ...]
    url: str | None = None
    published: date | None = None
    tags: tuple[str, ...] = ()
    # For FAQ entries: the question and answer kept apart, so the bot can answer with the FAQ text itself.
    faq_question: str | None = None
    faq_answer: str | None = None
    # Theme slugs the source names itself (front matter, FAQ file); empty: left to the index's classifier.
    themes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable unit with a stable id: ``<doc_id>::<section-slug>`` or ``<doc_id>::<n>``."""

    chunk_id: str
    doc_id: str
    text: str
    title: str
    section: str
    doc_type: str
    url: str | None = None
    published: date | None = None
    tags: tuple[str, ...] = ()
    faq_question: str | None = None
    faq_answer: str | None = None
    content_hash: str = field(default="", compare=False)
    # Theme slugs (``knowledge.themes``); not part of the hash: relabelling never re-embeds.
    themes: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.embedding_text))

    @property
    def embedding_text(self) -> str:
        """The text the encoder sees: title and section give short chunks their context."""
        head = " — ".join(part for part in (self.title, self.section) if part)
        return f"{head}\n{self.text}" if head else self.text


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A source that could not be read: reported to the operator, never fatal for the run."""

    path: str
    reason: str


def content_hash(text: str) -> str:
    """Hash of the exact text the encoder sees; equal hashes mean a vector can be reused."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
