"""The leak corpus and the one check every leak test uses: is any identifier still in a text?

``leak_corpus.jsonl`` holds realistic case messages (Dutch, some French and English) written
for these tests, each with the identifiers it contains: names, national numbers (with dots,
dashes, slashes, spaces, zero-width spaces), phone numbers, (obfuscated) e-mail, IBANs,
plates, birth dates, addresses and social media handles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_PATH = Path(__file__).with_name("leak_corpus.jsonl")
LEAK_CORPUS: list[dict[str, Any]] = [
    json.loads(line) for line in _PATH.read_text(encoding="utf-8").splitlines() if line.strip()
]


def _pattern(identifier: str) -> re.Pattern[str]:
    plain = unicodedata.normalize("NFKC", identifier).replace("\u200b", "")
    return re.compile(rf"(?<!\w){re.escape(plain)}(?!\w)", re.IGNORECASE)


def leaked(identifiers: Iterable[str], haystack: str) -> list[str]:
    """The identifiers that occur in ``haystack`` as whole words, ignoring case."""
    text = unicodedata.normalize("NFKC", haystack)
    return [identifier for identifier in identifiers if _pattern(identifier).search(text)]
