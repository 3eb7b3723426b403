"""Cut a chunk into the units an answer is built from: sentences, list items and table rows.

A list item or a table row stays one unit on its own line, so a composed answer keeps its
structure (today's flattened "a - b - c" on one line was hard to read), and a heading is a
unit that is never the last one shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_SENTENCE_END = re.compile(r"(?<!\b\d\.)(?<!\b\d\d\.)(?<=[.!?])\s+(?=[A-Z0-9À-Ý\"'(‘“*])")
_EMPHASIS = re.compile(r"\*\*|__")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●◦]|\d{1,2}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


class UnitKind(StrEnum):
    SENTENCE = "sentence"
    ITEM = "item"
    ROW = "row"
    HEADING = "heading"


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of a passage, with where it starts a new line in the composed answer."""

    text: str
    kind: UnitKind
    paragraph: int

    @property
    def own_line(self) -> bool:
        return self.kind is not UnitKind.SENTENCE


def _is_heading(line: str, next_blank: bool) -> bool:
    """A markdown heading, or a short line without a full stop standing alone (a PDF's section title)."""
    if _HEADING.match(line):
        return True
    words = line.split()
    return next_blank and 0 < len(words) <= 8 and not line.rstrip().endswith((".", "?", "!", ":", ";", ","))


def units(text: str) -> list[Unit]:
    """The units of ``text`` in order; prose lines of one paragraph are joined, then split into sentences."""
    result: list[Unit] = []
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        prose: list[str] = []
        for index, line in enumerate(lines):
            if _TABLE_RULE.match(line):
                continue
            kind = None
            if _LIST_ITEM.match(line):
                kind = UnitKind.ITEM
            elif _TABLE_ROW.match(line):
                kind = UnitKind.ROW
            elif (len(lines) == 1 and _is_heading(line, True)) or (_HEADING.match(line) and index == 0):
                kind = UnitKind.HEADING
            if kind is None:
                prose.append(line)
                continue
            result.extend(_prose_units(prose, number))
            prose = []
            clean = " ".join(_EMPHASIS.sub("", _HEADING.sub("", line)).split())
            result.append(Unit(clean, kind, number))
        result.extend(_prose_units(prose, number))
    return result


def _prose_units(prose: list[str], paragraph: int) -> list[Unit]:
    """The sentences of the prose lines gathered so far (markdown emphasis dropped)."""
    joined = " ".join(_EMPHASIS.sub("", " ".join(prose)).split())
    return [Unit(part, UnitKind.SENTENCE, paragraph) for part in _SENTENCE_END.split(joined) if part]


def sentences(text: str) -> list[str]:
    """Every unit's text (sentences, items, rows, headings), for evidence checks."""
    return [unit.text for unit in units(text)]
