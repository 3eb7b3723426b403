"""Pushed messages as Telegram HTML: a digest grouped per theme, an announcement, RSVP buttons.

Every value is escaped; a digest lists at most ``DIGEST_ITEMS`` documents so it stays far
below Telegram's 4096 characters, and every pushed message ends with how to stop.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from bot.storage.digests import DigestItemRecord
from bot.text import escape
from bot.themes import messages
from knowledge import Chunk
from knowledge.themes import THEMES, theme_name

DIGEST_ITEMS = 10
SUMMARY_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def summary_of(chunks: Sequence[Chunk]) -> str:
    """One line from a document's first sentences (an FAQ entry: its answer's)."""
    first = chunks[0]
    text = " ".join((first.faq_answer or first.text).split())
    summary = ""
    for sentence in _SENTENCE_END.split(text):
        if summary and len(summary) + len(sentence) + 1 > SUMMARY_CHARS:
            break
        summary = f"{summary} {sentence}".strip()
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return summary


def render_digest(items: Sequence[DigestItemRecord], followed: set[str]) -> str:
    """One follower's digest: their themes in list order, each document once, under its first theme."""
    lines = [f"<b>{escape(messages.DIGEST_HEADER)}</b>"]
    shown: set[int] = set()
    for theme in THEMES:
        if theme.slug not in followed:
            continue
        mine = [item for item in items if theme.slug in item.themes and item.id not in shown]
        mine = mine[: max(DIGEST_ITEMS - len(shown), 0)]
        if not mine:
            continue
        lines += ["", f"<b>{escape(theme_name(theme.slug))}</b>"]
        for item in mine:
            shown.add(item.id)
            lines.append(_item_line(item))
    rest = len({item.id for item in items if followed & set(item.themes)} - shown)
    if rest:
        lines += ["", escape(messages.DIGEST_MORE.format(n=rest))]
    lines += ["", f"<i>{escape(messages.PUSH_FOOTER)}</i>"]
    return "\n".join(lines)


def _item_line(item: DigestItemRecord) -> str:
    title = escape(item.title)
    if item.url and item.url.startswith(("https://", "http://")):
        title = f'<a href="{html.escape(item.url, quote=True)}">{title}</a>'
    return f"• {title}" + (f" — {escape(item.summary)}" if item.summary else "")


def render_announcement(text: str) -> str:
    return f"<b>{escape(messages.ANNOUNCEMENT_HEADER)}</b>\n\n{render_push(text)}"


def render_push(text: str) -> str:
    """Plain ``text`` as HTML, with how to stop under it."""
    return f"{escape(text)}\n\n<i>{escape(messages.PUSH_FOOTER)}</i>"


def join_markup(survey_id: int) -> dict[str, Any]:
    """The "Doe mee" button under a survey invitation or reminder."""
    return {"inline_keyboard": [[{"text": messages.SURVEY_JOIN, "callback_data": f"sv:{survey_id}"}]]}


def rsvp_markup(announcement_id: int) -> dict[str, Any]:
    """The "ik kom" / "interesse" buttons as Bot API JSON (stored in the outbox row)."""
    return {
        "inline_keyboard": [
            [
                {"text": messages.RSVP_COMING, "callback_data": f"an:{announcement_id}:kom"},
                {"text": messages.RSVP_INTERESTED, "callback_data": f"an:{announcement_id}:interesse"},
            ]
        ]
    }
