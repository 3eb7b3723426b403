"""Chunks to and from JSON lines, the format a version keeps them in."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from knowledge import Chunk


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    return {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "text": chunk.text,
        "title": chunk.title,
        "section": chunk.section,
        "doc_type": chunk.doc_type,
        "url": chunk.url,
        "published": chunk.published.isoformat() if chunk.published else None,
        "tags": list(chunk.tags),
        "faq_question": chunk.faq_question,
        "faq_answer": chunk.faq_answer,
        "content_hash": chunk.content_hash,
        "themes": list(chunk.themes),
    }


def chunk_from_dict(row: dict[str, Any]) -> Chunk:
    published = row.get("published")
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        text=row["text"],
        title=row.get("title", ""),
        section=row.get("section", ""),
        doc_type=row.get("doc_type", ""),
        url=row.get("url"),
        published=date.fromisoformat(published) if published else None,
        tags=tuple(row.get("tags", ())),
        faq_question=row.get("faq_question"),
        faq_answer=row.get("faq_answer"),
        content_hash=row.get("content_hash", ""),
        themes=tuple(row.get("themes", ())),
    )


def write_chunks(path: Path, chunks: Iterable[Chunk]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk_to_dict(chunk), ensure_ascii=False) + "\n")


def read_chunks(path: Path) -> list[Chunk]:
    with path.open(encoding="utf-8") as handle:
        return [chunk_from_dict(json.loads(line)) for line in handle if line.strip()]
