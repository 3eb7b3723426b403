"""Turns a cleaned HTML element into Sections: headings cut, blocks become paragraphs.

``get_text()`` on the whole element would glue list items and table cells into one line
and lose the headings; this walk keeps blocks apart, prefixes list items (``- `` or
``3. ``) and writes table rows as ``cell | cell``.
"""

from __future__ import annotations

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from knowledge.loaders.sections import SectionBuilder
from knowledge.models import Section

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
    "hr", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
}  # fmt: skip
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_BREAK = "\u2028"  # a <br>: a line break inside the paragraph, unlike the source's own newlines


def html_sections(root: Tag) -> list[Section]:
    """Sections of ``root`` in document order; heading-only sections included."""
    walker = _Walker()
    walker.walk(root)
    walker.end_block()
    return walker.builder.sections()


class _Walker:
    def __init__(self) -> None:
        self.builder = SectionBuilder()
        self._inline: list[str] = []
        self._prefix = ""

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    self._inline.append(str(child))
            elif isinstance(child, Tag):
                self._element(child)

    def end_block(self, *, tight: bool = False) -> None:
        lines = "".join(self._inline).split(_BREAK)
        text = "\n".join(joined for joined in (" ".join(line.split()) for line in lines) if joined)
        self._inline.clear()
        if text:
            self.builder.paragraph(self._prefix + text, tight=tight or bool(self._prefix))
            self._prefix = ""

    def _element(self, tag: Tag) -> None:
        name = tag.name
        if name in _HEADINGS:
            self.end_block()
            self.builder.heading(_HEADINGS[name], tag.get_text(" "))
        elif name == "br":
            self._inline.append(_BREAK)
        elif name == "li":
            self.end_block()
            self._prefix = _list_marker(tag)
            self.walk(tag)
            self.end_block(tight=True)
        elif name == "tr":
            self.end_block()
            cells = [" ".join(c.get_text(" ").split()) for c in tag.find_all(("td", "th"), recursive=False)]
            self.builder.paragraph(" | ".join(cell for cell in cells if cell), tight=True)
        elif name in _BLOCKS:
            self.end_block()
            self.walk(tag)
            self.end_block()
        else:
            self.walk(tag)


def _list_marker(item: Tag) -> str:
    parent = item.parent
    if isinstance(parent, Tag) and parent.name == "ol":
        start = parent.get("start")
        first = int(start) if isinstance(start, str) and start.isdigit() else 1
        return f"{first + len(item.find_previous_siblings('li'))}. "
    return "- "
