"""Cut plain text between words so that each piece, once HTML-escaped, fits a Telegram message.

Shared by the officials' replies and the staff queue's posts: both send escaped HTML with the
same 4096-character limit.
"""

from __future__ import annotations

from html import escape as _html_escape


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
