"""Text for Telegram messages: cut plain text between words, pack HTML units into message parts.

Shared by the officials' replies and the staff queue's posts: both send escaped HTML with the
same limit (Telegram's 4096 characters, less a margin for the entities PTB adds).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as _html_escape

PART_LIMIT = 4000
PARAGRAPH = "\n\n"
LINE = "\n"
Unit = tuple[str, str]  # (separator before it, HTML)


def escape(text: str) -> str:
    return _html_escape(text, quote=False)


def cut(text: str, limit: int) -> list[str]:
    """Plain ``text`` in pieces whose *escaped* length is at most ``limit``, cut between words."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(escape(candidate)) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(escape(word)) > limit:  # one "word" longer than a piece: cut it by characters
            pieces.append(word[: limit // 6])  # an escaped character is at most 6 long
            word = word[limit // 6 :]
        current = word
    if current:
        pieces.append(current)
    return pieces


def pack(units: Sequence[Unit], limit: int = PART_LIMIT) -> list[str]:
    """Greedily join units into parts of at most ``limit`` characters; separators never lead a part."""
    parts: list[str] = []
    current = ""
    for separator, unit in units:
        if len(unit) > limit:
            raise ValueError(f"a unit of {len(unit)} characters cannot fit in a part of {limit}")
        if not current:
            current = unit
        elif len(current) + len(separator) + len(unit) <= limit:
            current += separator + unit
        else:
            parts.append(current)
            current = unit
    if current:
        parts.append(current)
    return parts


def pack_lines(lines: Sequence[str], limit: int = PART_LIMIT) -> list[str]:
    """HTML lines (each complete on its own) packed into parts; a plain line too long is shortened."""
    return pack([(LINE, line if len(line) <= limit else line[: limit - 1] + "…") for line in lines], limit)
