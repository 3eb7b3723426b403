"""Find and redact personal identifiers before a question is retrieved, stored, logged or shown.

LIVC R case information must never leak, so this runs first on every official's text. It
errs on the side of redacting: a false placeholder costs a word, a leaked name costs trust.
Well-kept libraries do the validation (python-stdnum for national numbers and IBANs,
phonenumbers for Belgian phone formats); the rest are patterns tuned on Flemish usage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from phonenumbers import Leniency
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn


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


@dataclass(frozen=True, slots=True)
class Redaction:
    """A redacted text and what was taken out (kinds only: the values are gone)."""

    text: str
    kinds: tuple[PiiKind, ...]

    @property
    def found(self) -> bool:
        return bool(self.kinds)

    @property
    def is_case(self) -> bool:
        """Identifiers of a person make this an individual case, which staff handle."""
        return self.found


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NATIONAL_NUMBER = re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
_PLATE = re.compile(r"\b(?:[1-9]-?[A-Z]{3}-?\d{3}|[A-Z]{3}-\d{3})\b")
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})"
_BIRTH_DATE = re.compile(rf"(?:geboren\s+(?:op\s+)?|geb\.\s*|°\s*|geboortedatum:?\s*){_DATE}", re.IGNORECASE)
_STREET_SUFFIX = r"(?:straat|laan|lei|weg|plein|dreef|steenweg|kaai|baan|hof|markt|vest|dries|singel|pad|wijk)"
_ADDRESS = re.compile(
    rf"\b[A-Z][\w'-]*{_STREET_SUFFIX}\s+\d{{1,4}}[a-zA-Z]?"
    rf"(?:\s*(?:bus|b)\s*\d+)?(?:,?\s*\d{{4}}\s+[A-Z][\w-]+)?"
)
_PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "el",
        "al",
        "ben",
        "da",
        "di",
        "le",
        "la",
        "ter",
        "ten",
        "vande",
        "vanden",
    ]
)
_CAPITAL_WORD = re.compile(r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?$")
_WORD = re.compile(r"[\w'-]+")
# "Dries V.", "Samira M. (23)": first name and initial, the way case notes anonymise badly.
_NAME_INITIAL = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?\s+[A-Z]\.(?=\s|,|$|\))")
_AGE = re.compile(r"\(\s*\d{1,2}\s*(?:jaar|j)?\s*[,)]|\b\d{1,2}\s+jaar(?:\s+oud)?\b", re.IGNORECASE)
_NOT_NAMES = frozenset(
    [
        "LIVC",
        "VVSG",
        "Team",
        "Veiligheid",
        "Vlaamse",
        "Vlaams",
        "Vlaanderen",
        "Grondwettelijk",
        "Hof",
        "Belgisch",
        "Staatsblad",
        "Lokale",
        "Integrale",
        "Wat",
        "Hoe",
        "Wie",
        "Waar",
        "Wanneer",
        "Waarom",
        "Welke",
        "Mag",
        "Moet",
        "Kan",
        "Kunnen",
        "Is",
        "Zijn",
        "Heeft",
        "Hebben",
        "Onze",
        "Ons",
        "Mijn",
        "Wij",
        "We",
        "Ik",
        "De",
        "Het",
        "Een",
        "Graag",
        "Dag",
        "Beste",
        "Hallo",
        "Goedemorgen",
        "Bedankt",
        "Sinds",
        "Volgens",
        "Binnen",
        "Bij",
        "In",
        "Op",
        "Voor",
        "Na",
        "Met",
        "Over",
        "Staat",
        "Wordt",
        "Zit",
        "Zitten",
        "Mogen",
        "Moeten",
        "Vindt",
        "Weet",
        "Krijgt",
        "Gaat",
        "Komt",
        "Doet",
        "Heb",
        "Ben",
        "Dit",
        "Die",
        "Deze",
        "Dat",
        "Er",
        "Hier",
        "Daar",
        "Als",
        "Of",
        "En",
        "Maar",
    ]
)


def _national_number(candidate: str) -> bool:
    """Written with its separators it is redacted even with a typo; bare 11 digits only with a valid check."""
    if re.search(r"\D", candidate):
        return True
    return bool(stdnum_nn.is_valid(candidate))


def _iban(candidate: str) -> bool:
    """A Belgian-looking account number is redacted even with a typo; foreign ones need a valid check."""
    compact = candidate.replace(" ", "")
    return (compact.startswith("BE") and len(compact) == 16) or bool(stdnum_iban.is_valid(candidate))


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=Leniency.POSSIBLE):
        raw = match.raw_string
        digits = re.sub(r"\D", "", raw)
        # Year ranges ("2015-2018") pass POSSIBLE; real numbers start with +, 00 or 0 and have 9+ digits.
        if len(digits) >= 9 and raw.lstrip()[:1] in {"+", "0"}:
            spans.append((match.start, match.end))
    return spans


def _regex_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words (particles allowed inside): "Karel De Smet", "Jan van Dijk"."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        gap = text[current[-1].end() : match.start()] if current else " "
        joined = gap.strip() == ""
        if joined and (_CAPITAL_WORD.match(word) or (current and word.lower() in _PARTICLES)):
            current.append(match)
            continue
        runs.append(current)
        current = [match] if _CAPITAL_WORD.match(word) else []
    runs.append(current)
    spans = []
    for run in runs:
        while run and (run[0].group(0) in _NOT_NAMES and run[0].group(0).lower() not in _PARTICLES):
            run = run[1:]
        while run and run[-1].group(0).lower() in _PARTICLES:
            run = run[:-1]
        capitals = [m for m in run if _CAPITAL_WORD.match(m.group(0)) and m.group(0) not in _NOT_NAMES]
        if len(capitals) >= 2 and run[0].group(0) not in _NOT_NAMES:
            spans.append((run[0].start(), run[-1].end()))
    return spans


def _names(text: str, context: bool) -> list[tuple[int, int]]:
    """Initials always count; full names only beside a birth date, an address or an age."""
    spans = [m.span() for m in _NAME_INITIAL.finditer(text) if m.group(0).split()[0] not in _NOT_NAMES]
    if context:
        spans += [span for span in _capitalised_runs(text) if not any(_overlaps(span, other) for other in spans)]
    return spans


def _overlaps(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def find_identifiers(text: str) -> list[tuple[int, int, PiiKind]]:
    """Spans of identifiers, non-overlapping, earliest and longest first."""
    found: list[tuple[int, int, PiiKind]] = []
    found += [(s, e, PiiKind.EMAIL) for s, e in _regex_spans(_EMAIL, text)]
    found += [
        (m.start(), m.end(), PiiKind.NATIONAL_NUMBER)
        for m in _NATIONAL_NUMBER.finditer(text)
        if _national_number(m.group(0))
    ]
    found += [(m.start(), m.end(), PiiKind.IBAN) for m in _IBAN.finditer(text) if _iban(m.group(0))]
    found += [(s, e, PiiKind.PHONE) for s, e in _phone_spans(text)]
    found += [(s, e, PiiKind.PLATE) for s, e in _regex_spans(_PLATE, text)]
    birth = _regex_spans(_BIRTH_DATE, text)
    address = _regex_spans(_ADDRESS, text)
    found += [(s, e, PiiKind.BIRTH_DATE) for s, e in birth]
    found += [(s, e, PiiKind.ADDRESS) for s, e in address]
    context = bool(birth or address or _AGE.search(text))
    found += [(s, e, PiiKind.NAME) for s, e in _names(text, context)]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    merged: list[tuple[int, int, PiiKind]] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end, kind))
    return merged


def redact(text: str) -> Redaction:
    """Replace every identifier by a placeholder such as ``[naam]``."""
    spans = find_identifiers(text)
    if not spans:
        return Redaction(text, ())
    parts: list[str] = []
    cursor = 0
    for start, end, kind in spans:
        parts.append(text[cursor:start])
        parts.append(f"[{kind.value}]")
        cursor = end
    parts.append(text[cursor:])
    kinds = tuple(dict.fromkeys(kind for _, _, kind in spans))
    return Redaction("".join(parts), kinds)
