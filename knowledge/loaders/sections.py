"""Plumbing shared by the loaders: the section builder and the default document type.

Every structured format (HTML, PDF, DOCX) ends up as "a heading of level n" and "a
paragraph" events; one builder turns those into Sections the same way, so heading paths
mean the same thing whatever the source format.
"""

from __future__ import annotations

from knowledge.models import Section
from knowledge.text import clean_line

# The type of a document whose source does not say (PDF, DOCX, text, HTML without a type meta).
DEFAULT_DOC_TYPE = "publicatie"


class SectionBuilder:
    """Receives headings and paragraphs in document order; ``sections()`` returns the result."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._sections: list[Section] = []
        # (text, tight): tight lines (list items, table rows) join with one newline, others with a blank line.
        self._parts: list[tuple[str, bool]] = []
        self._heading_open = False  # a heading was seen and its section not yet emitted

    def heading(self, level: int, text: str) -> None:
        """Start a new section; headings at ``level`` or deeper are closed first."""
        text = clean_line(text)
        if not text:
            return
        self._flush()
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, text))
        self._heading_open = True

    def paragraph(self, text: str, *, tight: bool = False) -> None:
        """Add one block of text to the current section (blank lines inside it are kept as breaks)."""
        text = "\n".join(line for line in (clean_line(part) for part in text.split("\n")) if line)
        if text:
            self._parts.append((text, tight))

    def sections(self) -> list[Section]:
        """All sections so far, including heading-only ones (the chunker merges those)."""
        self._flush()
        return list(self._sections)

    def _flush(self) -> None:
        text = ""
        for i, (part, tight) in enumerate(self._parts):
            if i:
                text += "\n" if tight and self._parts[i - 1][1] else "\n\n"
            text += part
        if text or self._heading_open:
            self._sections.append(Section(heading_path=tuple(h for _, h in self._stack), text=text))
        self._parts.clear()
        self._heading_open = False
