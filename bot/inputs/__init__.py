"""Ids from buttons and commands, parsed and range-checked in one place.

Callback data and command arguments come from the official's client, so anything can be in
them: letters, ``²`` (``str.isdigit`` says yes), 20-digit numbers that overflow a database
integer, signs, spaces. Every handler asks ``parse_id`` and treats ``None`` as "no such thing",
which gets the same neutral reply as an id that does not exist.
"""

from __future__ import annotations

import re

MAX_ID = 2**31 - 1
"""The largest id the database hands out (a 32-bit ``INTEGER`` on PostgreSQL)."""

_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(text: str | None) -> int | None:
    """A positive id within ``MAX_ID`` written in ASCII digits, else ``None``."""
    if text is None or not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def split_data(data: str | None, prefix: str, parts: int) -> list[str] | None:
    """Callback ``data`` split on ``:`` when it starts with ``prefix`` and has ``parts`` fields."""
    if data is None or len(data) > 64:
        return None
    fields = data.split(":")
    return fields if len(fields) == parts and fields[0] == prefix else None
