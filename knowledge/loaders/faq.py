"""FAQ YAML -> one Document per entry.

Format (DESIGN.md)::

    theme: "LIVC R: basis"
    entries:
      - id: livcr-basis-001
        question: "Wat is een LIVC R?"
        answer: |
          ...
        tags: [livcr, basis]
        updated: 2025-02-10

Each entry becomes its own Document, ``<file doc id>#<entry id>``, because evaluations and
the bot cite single entries, not whole files. A file with one malformed entry fails as a
whole: a half-loaded FAQ would silently lose answers, a failure is reported and fixed.
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.errors import LoaderError
from knowledge.models import Document, Section
from knowledge.text import decode_text, parse_date, parse_tags, safe_yaml, tidy_block
from knowledge.themes import faq_themes

FAQ_DOC_TYPE = "faq"

_ENTRY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def load_faq(data: bytes, doc_id: str) -> list[Document]:
    """Parse one FAQ file into entry Documents; raises LoaderError naming the first problem."""
    raw = safe_yaml(decode_text(data))
    if not isinstance(raw, dict):
        raise LoaderError("not an FAQ file: expected a mapping with 'theme' and 'entries'")
    entries = raw.get("entries")
    if not isinstance(entries, list) or not entries:
        raise LoaderError("not an FAQ file: 'entries' must be a non-empty list")
    theme = str(raw.get("theme") or "").strip()
    file_url = _optional_text(raw.get("url"))
    documents: list[Document] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        try:
            document = _entry(entry, doc_id, theme, file_url)
        except ValueError as exc:
            raise LoaderError(f"entry {position}: {exc}") from exc
        if document.doc_id in seen:
            raise LoaderError(f"entry {position}: duplicate id {document.doc_id.rsplit('#', 1)[1]!r}")
        seen.add(document.doc_id)
        documents.append(document)
    return documents


def _entry(entry: Any, doc_id: str, theme: str, file_url: str | None) -> Document:
    if not isinstance(entry, dict):
        raise ValueError("expected a mapping with id, question and answer")
    entry_id = str(entry.get("id") or "").strip()
    if not _ENTRY_ID.match(entry_id):
        raise ValueError(f"missing or invalid 'id': {entry.get('id')!r} (letters, digits, '.', '_', '-')")
    question = tidy_block(_required_text(entry, "question"))
    answer = tidy_block(_required_text(entry, "answer"))
    return Document(
        doc_id=f"{doc_id}#{entry_id}",
        title=question,
        doc_type=FAQ_DOC_TYPE,
        sections=(Section(heading_path=(theme,) if theme else (), text=answer),),
        url=_optional_text(entry.get("url")) or file_url,
        published=parse_date(entry.get("updated"), "updated"),
        tags=parse_tags(entry.get("tags")),
        faq_question=question,
        faq_answer=answer,
        themes=faq_themes(doc_id, theme),
    )


def _required_text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing or empty {key!r}")
    return value


def _optional_text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
