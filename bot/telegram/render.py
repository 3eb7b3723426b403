"""Replies as Telegram HTML: every value escaped, split into parts that each parse on their own.

Telegram refuses a message over 4096 characters and any HTML it cannot parse, so a reply is
built from small units (a paragraph, a source line) that are each valid HTML and packed
greedily into parts. A unit never straddles two parts, so no part ends inside a tag or an
entity. Long paragraphs are cut on word boundaries *before* escaping for the same reason.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date

from bot import messages
from bot.answer.results import Source
from bot.chat import Reply, ReplyKind
from bot.text import LINE, PARAGRAPH, PART_LIMIT, Unit, cut, escape, pack
from bot.themes import messages as theme_messages
from knowledge.themes import theme_name

# Telegram counts 4096 characters after entity parsing; the raw HTML is never shorter, so
# measuring it with some headroom is always safe.
TITLE_LIMIT = 300


def dutch_date(day: date) -> str:
    """``1 september 2025``."""
    return f"{day.day} {messages.DATE_FORMAT_MONTHS[day.month - 1]} {day.year}"


def render_reply(reply: Reply, *, limit: int = PART_LIMIT) -> list[str]:
    """The HTML parts of a reply: PII warning, the answer, then its sources."""
    units: list[Unit] = []
    if reply.needs_pii_warning:
        warning = messages.localized("PII_WARNING", reply.language).format(kinds=", ".join(reply.pii_kinds))
        units += text_units(f"⚠️ {warning}", limit)
    units += text_units(reply.text, limit)
    result = reply.result
    if result is not None and reply.kind is ReplyKind.ANSWER:
        units += source_units(result.sources, messages.localized("SOURCES_HEADER", reply.language))
    elif result is not None and result.guidance and result.sources:
        units += source_units(result.sources[:1], messages.localized("GUIDANCE_SOURCE", reply.language))
    return pack(units, limit)


def render_text(text: str, *, limit: int = PART_LIMIT) -> list[str]:
    """Plain Dutch text as escaped HTML parts."""
    return pack(text_units(text, limit), limit)


def text_units(text: str, limit: int = PART_LIMIT) -> list[Unit]:
    """One unit per paragraph; a paragraph too long for one part is cut between words."""
    units: list[Unit] = []
    for paragraph in text.strip().split(PARAGRAPH):
        if paragraph.strip():
            pieces = _cut(paragraph.strip(), limit)
            units += [(PARAGRAPH if i == 0 else " ", piece) for i, piece in enumerate(pieces)]
    return units


def source_units(sources: Sequence[Source], header: str) -> list[Unit]:
    """A header, then one line per cited document (best chunk's section), with link and date."""
    lines = [source_line(source) for source in unique_documents(sources)]
    if not lines:
        return []
    return [(PARAGRAPH, f"<b>{escape(header)}</b>"), *((LINE, line) for line in lines)]


def source_line(source: Source) -> str:
    title = source.title.strip() or source.doc_id
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1] + "…"
    shown = escape(title)
    if source.url and source.url.startswith(("https://", "http://")):
        shown = f'<a href="{html.escape(source.url, quote=True)}">{shown}</a>'
    details = []
    section = source.section.strip()
    if section and section != title:
        details.append(escape(section[:TITLE_LIMIT]))
    if source.published is not None:
        details.append(dutch_date(source.published))
    if source.themes:
        details.append(escape(theme_messages.SOURCE_THEMES.format(themes=", ".join(map(theme_name, source.themes)))))
    return f"• {shown}" + (f" — {', '.join(details)}" if details else "")


def unique_documents(sources: Iterable[Source]) -> list[Source]:
    """The first (best) source of each document, in rank order."""
    seen: set[str] = set()
    unique = []
    for source in sources:
        if source.doc_id not in seen:
            seen.add(source.doc_id)
            unique.append(source)
    return unique


def _cut(paragraph: str, limit: int) -> list[str]:
    """Escaped pieces of ``paragraph``, each at most ``limit`` long, cut at spaces when possible."""
    if len(escape(paragraph)) <= limit:
        return [escape(paragraph)]
    return [escape(piece) for piece in cut(paragraph, limit)]
