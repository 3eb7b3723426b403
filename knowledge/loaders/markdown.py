"""Markdown with YAML front matter -> one Document with a Section per heading.

Front matter keys: ``title``, ``type``, ``published`` (YYYY-MM-DD), ``tags``, an optional
``url`` and optional ``themes`` (slugs of ``knowledge.themes``); other keys are ignored.
ATX headings (``#`` to ``######``) split the text, and every section keeps its full heading
path (H1 included), because "2. De wet van 30 juli 2018" alone says little without "Het
wettelijk kader van de LIVC R" above it.

Inline markup that means nothing to an encoder (``**``, links, table rules) is removed;
tables become one ``cell | cell`` line per row. Setext headings are not recognised and a
``---`` line in the body is a thematic break, not a heading.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from knowledge.errors import LoaderError
from knowledge.loaders.sections import DEFAULT_DOC_TYPE
from knowledge.models import Document, Section
from knowledge.text import decode_text, parse_date, parse_tags, safe_yaml, stem_title, tidy_block
from knowledge.themes import known_slugs, unknown_slugs

logger = logging.getLogger(__name__)

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<=\w)\*(\w+)\*")
_CODE = re.compile(r"`([^`]+)`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def load_markdown(data: bytes, doc_id: str) -> list[Document]:
    """Parse one Markdown file; raises LoaderError for empty files or broken front matter."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(text)
    sections = _sections(_COMMENT.sub("", body))
    if not any(section.text for section in sections):
        raise LoaderError("no text after the front matter")
    try:
        published = parse_date(meta.get("published"), "published")
        tags = parse_tags(meta.get("tags"))
        themes = parse_tags(meta.get("themes"), "themes")
    except ValueError as exc:
        raise LoaderError(str(exc)) from exc
    first_heading = next((s.heading_path[0] for s in sections if s.heading_path), None)
    title = _str_field(meta, "title") or first_heading or stem_title(doc_id)
    return [
        Document(
            doc_id=doc_id,
            title=title,
            doc_type=_str_field(meta, "type") or DEFAULT_DOC_TYPE,
            sections=tuple(sections),
            url=_str_field(meta, "url"),
            published=published,
            tags=tags,
            themes=_themes(themes, doc_id),
        )
    ]


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---`` YAML front matter from the body; a file without front matter has empty metadata."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise LoaderError("front matter is not closed (no second '---' line)")
    meta = safe_yaml("\n".join(lines[1:end]), "YAML front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise LoaderError("invalid YAML front matter: expected key: value pairs")
    return meta, "\n".join(lines[end + 1 :])


def _themes(values: tuple[str, ...], doc_id: str) -> tuple[str, ...]:
    """The known theme slugs of the front matter; an unknown one is logged and dropped."""
    unknown = unknown_slugs(values)
    if unknown:
        logger.warning("%s: unknown theme slugs %s in the front matter (see 'vraagbaak themes list')", doc_id, unknown)
    return known_slugs(values)


def _str_field(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise LoaderError(f"invalid {key!r} in front matter: expected text, got {type(value).__name__}")
    return str(value).strip() or None


def _sections(body: str) -> list[Section]:
    """Walk the body once, cutting at headings outside fenced code, keeping the heading stack."""
    stack: list[tuple[int, str]] = []
    sections: list[Section] = []
    lines: list[str] = []
    fence: str | None = None

    def flush() -> None:
        text = tidy_block("\n".join(lines))
        if text or stack:
            sections.append(Section(heading_path=tuple(h for _, h in stack), text=text))
        lines.clear()

    for raw in body.split("\n"):
        fence_match = _FENCE.match(raw)
        if fence_match:
            marker = fence_match.group(1)[0] * 3
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            lines.append(raw)
            continue
        heading = _HEADING.match(raw)
        if heading:
            flush()
            level = len(heading.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, _inline(heading.group(2)).strip() or "—"))
            continue
        line = _block_line(raw)
        if line is not None:
            lines.append(line)
    flush()
    return sections


def _block_line(line: str) -> str | None:
    """One body line with Markdown syntax reduced to plain text; ``None`` for a rule line."""
    if _RULE.match(line) or (_TABLE_RULE.match(line) and "-" in line):
        return None
    stripped = line.strip()
    if stripped.startswith("|"):
        cells = [_inline(cell).strip() for cell in stripped.strip("|").split("|")]
        return " | ".join(cell for cell in cells if cell)
    stripped = re.sub(r"^>\s?", "", stripped)
    stripped = re.sub(r"^[*+]\s+", "- ", stripped)
    return _inline(stripped)


def _inline(text: str) -> str:
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
