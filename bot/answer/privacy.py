"""Find and redact personal identifiers before a question is retrieved, stored, logged or shown.

LIVC R case information must never leak, so this runs first on every official's text (and on
staff answers, topic names and library log lines). It errs on the side of redacting: a false
placeholder costs a word, a leaked name costs trust. Text is normalised first (NFKC, zero-width
and direction characters removed), so a national number with a zero-width space inside is a
national number like any other. Numbers, addresses, e-mail and handles are in ``patterns``;
names (lists, cues, context) in ``names``. ``Redaction.is_case`` also holds for a question that
names a specific person in a case context, whatever the patterns found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from bot.answer import patterns
from bot.answer.names import name_spans


class PiiKind(StrEnum):
    """Kinds of identifier, each with its own placeholder."""

    NATIONAL_NUMBER = "rijksregisternummer"
    PHONE = "telefoonnummer"
    EMAIL = "e-mailadres"
    IBAN = "rekeningnummer"
    PLATE = "nummerplaat"
    BIRTH_DATE = "geboortedatum"
    ADDRESS = "adres"
    NAME = "naam"
    HANDLE = "account"


@dataclass(frozen=True, slots=True)
class Redaction:
    """A redacted text and what was taken out (kinds only: the values are gone)."""

    text: str
    kinds: tuple[PiiKind, ...]
    person_in_case: bool = False

    @property
    def found(self) -> bool:
        return bool(self.kinds)

    @property
    def is_case(self) -> bool:
        """Identifiers of a person, or a specific person in a case context: staff handle it."""
        return self.found or self.person_in_case


_PLACEHOLDER = re.compile(r"\[(" + "|".join(re.escape(kind.value) for kind in PiiKind) + r")\]")
# Zero-width characters, soft hyphen, word joiner, BOM, bidirectional controls, and C0 controls
# but tab and newlines (PostgreSQL refuses NUL in text: found by tests/bot/queue/test_fuzz_updates.py).
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A specific person ("mijn buurjongen", "onze leerling") beside a case word or an age.
_SPECIFIC_PERSON = re.compile(
    r"\b(?:mijn|onze|ons|zijn|haar|hun)\s+(?:buurman|buurvrouw|buurjongen|buurmeisje|buren|zoon|dochter|"
    r"broer|zus|neef|nicht|leerling|leerlinge|cliënt|klant|collega|stiefzoon|stiefdochter|kleinzoon|"
    r"kleindochter|student|bewoner|vader|moeder)\b",
    re.IGNORECASE,
)
_CASE_WORDS = re.compile(
    r"\b(?:radica\w*|geradicaliseerd|extremis\w*|jihad\w*|IS|ISIS|aanslag\w*|dreig\w*|wapen\w*|"
    r"propaganda|syri\w*|vertrek\w*|rekrut\w*|haat\w*|polaris\w*|complot\w*|verdacht\w*|"
    r"melding|meld\w*|zorgen|bezorgd)\b",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """NFKC and without invisible characters: what every pattern expects."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def find_identifiers(text: str) -> list[tuple[int, int, PiiKind]]:
    """Spans of identifiers in normalised ``text``, non-overlapping, earliest and longest first."""
    found: list[tuple[int, int, PiiKind]] = []
    found += [(s, e, PiiKind.EMAIL) for s, e in patterns.spans_of(patterns.EMAIL, text)]
    found += [(s, e, PiiKind.EMAIL) for s, e in patterns.spans_of(patterns.OBFUSCATED_EMAIL, text)]
    found += [(s, e, PiiKind.HANDLE) for s, e in patterns.spans_of(patterns.HANDLE, text)]
    found += [(s, e, PiiKind.NATIONAL_NUMBER) for s, e in patterns.national_numbers(text)]
    found += [(s, e, PiiKind.IBAN) for s, e in patterns.ibans(text)]
    found += [(s, e, PiiKind.PHONE) for s, e in patterns.phones(text)]
    found += [(s, e, PiiKind.PLATE) for s, e in patterns.spans_of(patterns.PLATE, text)]
    birth = patterns.spans_of(patterns.BIRTH_DATE, text)
    address = patterns.spans_of(patterns.ADDRESS, text) + patterns.spans_of(patterns.FRENCH_ADDRESS, text)
    found += [(s, e, PiiKind.BIRTH_DATE) for s, e in birth]
    found += [(s, e, PiiKind.ADDRESS) for s, e in address]
    context = bool(birth or address or patterns.AGE.search(text))
    found += [(s, e, PiiKind.NAME) for s, e in name_spans(text, context=context)]
    return _merge(found)


def _merge(found: list[tuple[int, int, PiiKind]]) -> list[tuple[int, int, PiiKind]]:
    """Overlapping finds become one span (the earliest's kind) covering all of them."""
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    merged: list[tuple[int, int, PiiKind]] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, kind))
    return merged


def names_person_in_case(text: str) -> bool:
    """A specific person ("mijn buurjongen", "onze leerling (16)") in a case context."""
    if _SPECIFIC_PERSON.search(text) is None:
        return False
    return _CASE_WORDS.search(text) is not None or patterns.AGE.search(text) is not None


def placeholders_in(text: str) -> tuple[PiiKind, ...]:
    """Kinds of the guard's own placeholders already in ``text``.

    A stored update is redacted; when it is handled again after a restart, its ``[naam]`` must
    still make it a case, as the name did the first time.
    """
    return tuple(dict.fromkeys(PiiKind(match.group(1)) for match in _PLACEHOLDER.finditer(text)))


def redact(text: str) -> Redaction:
    """Normalise, then replace every identifier by a placeholder such as ``[naam]``."""
    text = normalise(text)
    spans = find_identifiers(text)
    person_in_case = names_person_in_case(text)
    if not spans:
        return Redaction(text, placeholders_in(text), person_in_case)
    parts: list[str] = []
    cursor = 0
    for start, end, kind in spans:
        parts.append(text[cursor:start])
        parts.append(f"[{kind.value}]")
        cursor = end
    parts.append(text[cursor:])
    kinds = tuple(dict.fromkeys([*(kind for _, _, kind in spans), *placeholders_in(text)]))
    return Redaction("".join(parts), kinds, person_in_case)
