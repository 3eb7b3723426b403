"""Which documents of a new index version are worth telling followers about.

Compared per document through the chunks' content hashes (the exact text the encoder saw):

- a document whose chunks (or their bare texts, when the title came from the file name)
  existed before under another doc id only *moved*;
- a document that is new otherwise is *new*;
- a document whose chunks changed is *substantially changed* when the words added or
  replaced reach ``min_words`` and ``min_share`` of its text (word-level diff), so a typo
  fix or a reworded sentence says nothing, a new section does.

Removed documents are never news.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge import Chunk, content_hash

MIN_CHANGED_WORDS = 25
MIN_CHANGED_SHARE = 0.05
MOVED_SHARE = 0.9  # a new doc id whose chunks mostly existed before is a move or a rename


@dataclass(frozen=True, slots=True)
class ChangedDocument:
    """A notable document: its chunks in the new version, in index order, and why."""

    doc_id: str
    chunks: tuple[Chunk, ...]
    new: bool


def _by_doc(chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    grouped: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        grouped[chunk.doc_id].append(chunk)
    return grouped


def changed_words(before: str, after: str) -> int:
    """Words of ``after`` that are inserted or replaced relative to ``before``."""
    matcher = difflib.SequenceMatcher(None, before.split(), after.split(), autojunk=False)
    return sum(j2 - j1 for tag, _i1, _i2, j1, j2 in matcher.get_opcodes() if tag in ("insert", "replace"))


def is_substantial(before: str, after: str, *, min_words: int = MIN_CHANGED_WORDS,
                   min_share: float = MIN_CHANGED_SHARE) -> bool:  # fmt: skip
    """Whether ``after`` adds or rewrites enough of ``before`` to be news."""
    changed = changed_words(before, after)
    return changed >= min_words and changed >= min_share * max(len(after.split()), 1)


def notable_documents(old: Sequence[Chunk], new: Sequence[Chunk]) -> list[ChangedDocument]:
    """New and substantially changed documents of ``new`` against ``old``, in doc id order."""
    before, after = _by_doc(old), _by_doc(new)
    old_hashes = {chunk.content_hash for chunk in old} | {content_hash(chunk.text) for chunk in old}
    found: list[ChangedDocument] = []
    for doc_id in sorted(after):
        chunks = after[doc_id]
        if doc_id not in before:
            known = sum(bool({chunk.content_hash, content_hash(chunk.text)} & old_hashes) for chunk in chunks)
            if known < MOVED_SHARE * len(chunks):
                found.append(ChangedDocument(doc_id, tuple(chunks), new=True))
            continue
        previous = before[doc_id]
        if [c.content_hash for c in previous] == [c.content_hash for c in chunks]:
            continue
        if is_substantial(_text(previous), _text(chunks)):
            found.append(ChangedDocument(doc_id, tuple(chunks), new=False))
    return found


def _text(chunks: Sequence[Chunk]) -> str:
    return "\n".join(chunk.embedding_text for chunk in chunks)
