"""Dutch text analysis for BM25: lower-case, fold accents, drop stop words, Snowball-stem.

Accents are folded because officials type "complottheorieen" as often as "complottheorieën".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Domain words that the generic Dutch list would otherwise keep or drop wrongly.
_EXTRA_STOPWORDS = frozenset(
    {"graag", "eigenlijk", "precies", "welke", "wat", "hoe", "moet", "mogen", "kan", "kunnen"}
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(word) for word in STOPWORDS_DUTCH) | _EXTRA_STOPWORDS


def fold(text: str) -> str:
    """Lower-case and strip diacritics (é -> e, ë -> e)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def analyse(text: str) -> list[str]:
    """Tokens as BM25 indexes them; the same function serves documents and queries."""
    stop = _stopwords()
    words = [
        word for word in _TOKEN.findall(fold(text)) if word not in stop and (len(word) > 1 or word.isdigit())
    ]
    return list(_stemmer().stemWords(words))
