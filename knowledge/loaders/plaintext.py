"""Plain text -> one Document with a single untitled section; the first line is the title.

Text files here are mostly slide decks or PDFs run through a text extractor, which leaves
OCR'd bullet glyphs at line starts ("e ", "« ", "o ", "o] ", "> ", "» ", "0 "), lines
of nothing but glyphs ("O O OO"), the deck title repeated on every slide and "Slide10"
markers. Those tokens carry no meaning and, worse, make BM25 match on "o" and "e"; they
are removed and real list items become "- ". A repeated title line is read as a slide or
page break.
"""

from __future__ import annotations

import re

from knowledge.errors import LoaderError
from knowledge.loaders.sections import DEFAULT_DOC_TYPE
from knowledge.models import Document, Section
from knowledge.text import clean_line, decode_text, stem_title

# A bullet token: OCR'd glyphs (e, o, O, 0, o], o0, «, », >, *, .) or real bullets, then whitespace.
_BULLET = re.compile(r"^(?:[eoO0][\]\)]?|o0|[«»>*.•●▪■◦○·‣➢►✓\uf0b7\uf0a7–-])\s+(?=\S)")
_GLYPH_TOKEN = re.compile(r"^(?:[oO0]+[\]\)]?|e|[«»>*.•●▪■◦○·‣➢►✓\uf0b7\uf0a7–-])$")
_SLIDE_MARKER = re.compile(r"^(?:slide|dia)\s*\d+$", re.IGNORECASE)


def load_text(data: bytes, doc_id: str) -> list[Document]:
    """Parse one text file; raises LoaderError for empty, binary or non-UTF-8 files."""
    lines = [clean_line(line) for line in decode_text(data).replace("\r\n", "\n").split("\n")]
    title = next((line for line in lines if line and not _is_glyph_noise(line)), "")
    body = clean_text_lines(lines, title)
    if not body:
        raise LoaderError("no text")
    return [
        Document(
            doc_id=doc_id,
            title=_BULLET.sub("", title, count=1)[:200] or stem_title(doc_id),
            doc_type=DEFAULT_DOC_TYPE,
            sections=(Section(heading_path=(), text=body),),
        )
    ]


def clean_text_lines(lines: list[str], title: str) -> str:
    """Drop glyph noise and repeated title lines; collapse blank runs; return the cleaned text."""
    kept: list[str] = []
    seen_title = False
    for raw in lines:
        line = raw.replace("\f", "").strip()
        if title and line == title:
            if seen_title:
                line = ""  # the deck title again: a new slide begins
            seen_title = True
        elif _SLIDE_MARKER.match(line) or _is_glyph_noise(line):
            continue
        else:
            line = _strip_bullet(line)
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def _strip_bullet(line: str) -> str:
    stripped = _BULLET.sub("", line, count=1)
    return f"- {stripped}" if stripped != line else line


def _is_glyph_noise(line: str) -> bool:
    """A line of bullet glyphs only: "o", "O O OO", "o O 0 O"."""
    return bool(line) and all(_GLYPH_TOKEN.match(token) for token in line.split())
