"""Rebuilds paragraphs and sections from a PDF's text layer, line by line.

Pure functions over lists of strings, so they are tested without any PDF. The heuristics:

- running headers and footers: a line (digits ignored) at the top or bottom of at least
  half of the pages, and bare page numbers ("Pagina 2 van 3", "- 4 -"), are dropped;
- a bullet glyph alone on a line (how pypdf renders most list items) joins the next line;
- a line that ends a sentence at the bottom of a page ends its paragraph;
- a numbered line such as "2. Doelen" or "3.1 Budget", short, without a final period,
  after a finished sentence, is a heading; the numbering depth is its level;
- a line ends its paragraph when it ends a sentence well short of the usual line width, or
  when it or the next line is a short capitalised label (table cells, captions, subtitles);
- "geïnte-" + "greerd" is joined to "geïntegreerd", but "begeleidings-" + "en" keeps the
  Dutch elision hyphen and "Noord-" + "Brabant" keeps its hyphen.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from knowledge.loaders.sections import SectionBuilder
from knowledge.models import Section
from knowledge.text import clean_line

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_BULLET_GLYPHS = "•●▪■◦○·‣➢►✓\uf0b7\uf0a7-–"
_BULLET = re.compile(rf"^[{re.escape(_BULLET_GLYPHS)}](?:\s+|$)")
_NUMBERED = re.compile(r"^(\d{1,2}\.(?:\d{1,2}\.?)*)\s+(\S.*)$")
_ELISION_WORDS = {"en", "of", "tot", "noch", "als", "and", "or"}
_EDGE = 3  # lines at the top and at the bottom of a page that may be headers or footers
_MAX_HEADING = 80


def page_lines(pages: list[str]) -> list[list[str]]:
    """Each page's cleaned, non-empty lines, without running headers, footers and page numbers."""
    cleaned = [[line for line in (clean_line(raw.translate(_LIGATURES)) for raw in p.split("\n")) if line]
               for p in pages]  # fmt: skip
    running = _running_lines(cleaned)
    result = []
    for lines in cleaned:
        edge = set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE), len(lines)))
        result.append([
            line for i, line in enumerate(lines)
            if not (i in edge and (_PAGE_NUMBER.match(line) or _key(line) in running))
        ])  # fmt: skip
    return result


def pdf_sections(pages: list[list[str]]) -> list[Section]:
    """Sections from cleaned page lines; text before the first numbered heading has an empty path."""
    lines: list[str] = []
    page_ends: set[int] = set()
    for page in pages:
        lines.extend(_merge_bullets(page))
        page_ends.add(len(lines) - 1)
    width = _typical_width(lines)
    builder = SectionBuilder()
    paragraph: list[str] = []
    bullet = False

    def end_paragraph() -> None:
        nonlocal bullet
        if paragraph:
            text = _join(paragraph)
            builder.paragraph(f"- {text}" if bullet else text, tight=bullet)
        paragraph.clear()
        bullet = False

    previous: str | None = None
    for i, line in enumerate(lines):
        heading = _heading(line, previous)
        if heading:
            end_paragraph()
            builder.heading(*heading)
        else:
            is_bullet = bool(_BULLET.match(line))
            if is_bullet:
                end_paragraph()
                bullet = True
                line = _BULLET.sub("", line)
            paragraph.append(line)
            following = lines[i + 1] if i + 1 < len(lines) else None
            if _ends_paragraph(line, following, width) or (i in page_ends and line[-1] in ".!?"):
                end_paragraph()
        previous = line
    end_paragraph()
    return builder.sections()


def _running_lines(pages: list[list[str]]) -> set[str]:
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_key(line) for line in lines[:_EDGE] + lines[-_EDGE:]})
    needed = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if count >= needed}


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.lower())


def _merge_bullets(lines: list[str]) -> list[str]:
    """A bullet glyph alone on its line belongs to the next line."""
    merged: list[str] = []
    pending = False
    for line in lines:
        if len(line) == 1 and line in _BULLET_GLYPHS:
            pending = True
            continue
        merged.append(f"• {line}" if pending else line)
        pending = False
    return merged


def _heading(line: str, previous: str | None) -> tuple[int, str] | None:
    match = _NUMBERED.match(line)
    if not match or len(line) > _MAX_HEADING or line[-1] in ".,;:":
        return None
    if not (match.group(2)[0].isupper() or match.group(2)[0] in "('\"‘“"):
        return None
    if previous is not None and (previous[-1].islower() or previous[-1] in ",-–"):
        return None  # the sentence above is still running: this is a wrapped line, not a heading
    level = len([part for part in match.group(1).split(".") if part])
    return level, line


def _typical_width(lines: list[str]) -> int:
    if not lines:
        return 0
    lengths = sorted(len(line) for line in lines)
    return max(40, lengths[int(len(lengths) * 0.9)])


def _ends_paragraph(line: str, following: str | None, width: int) -> bool:
    if following is None:
        return True
    if line[-1] in ".!?" and len(line) < 0.8 * width:
        return True
    if line[-1] in ".!?:" and _is_label(following, width):
        return True  # "...bij de politie?" then "Ronde 4 – Terugkoppeling": a caption starts
    return _is_label(line, width) and line[-1] not in "-–" and following[:1].isupper()


def _is_label(line: str, width: int) -> bool:
    """A short line that does not end a sentence: a caption, a table cell, a title."""
    return len(line) < 0.65 * width and line[-1] not in ".,;:" and line[:1].isupper()


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        first_word = line.split(" ", 1)[0].lower()
        if len(text) > 1 and text[-1] == "-" and text[-2].isalpha():
            if line[:1].islower() and first_word not in _ELISION_WORDS:
                text = text[:-1] + line  # hyphenated across lines: geïnte-|greerd
            elif first_word in _ELISION_WORDS:
                text = f"{text} {line}"  # Dutch elision: begeleidings- en coachingstraject
            else:
                text += line  # a real hyphen: Noord-|Brabant
        else:
            text = f"{text} {line}"
    return text
