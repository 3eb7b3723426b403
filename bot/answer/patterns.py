"""Identifier patterns other than names: numbers, addresses, e-mail and social media handles.

Each finder takes text already normalised by ``privacy.normalise`` (NFKC, zero-width and
direction characters gone) and returns spans. The patterns accept what people type: lower case,
dashes, slashes and spaces inside numbers, "[at]" and "punt" in e-mail addresses. Well-kept
libraries validate where a check digit exists (python-stdnum, phonenumbers).
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn

Span = tuple[int, int]

_SEP = r"[.\s/-]?"
NATIONAL_NUMBER = re.compile(rf"(?<![\w.])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\w])")
NATIONAL_NUMBER_WORD = re.compile(
    r"rijksregister|\bRRN\b|\bINSZ\b|national\s+(?:register\s+)?number|numéro\s+national|registre\s+national",
    re.IGNORECASE,
)
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[\s-]?[A-Za-z0-9]{4}){2,7}(?:[\s-]?[A-Za-z0-9]{1,4})?\b")
PLATE = re.compile(r"\b(?:[1-9][\s-]?[A-Za-z]{3}[\s-]?\d{3}|[A-Z]{3}-\d{3})\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = r"(?:com|be|nl|net|org|eu|fr|de|info|me|io|co|uk|ma|tr)"
_AT = r"(?:\s*[\[(]\s*(?:at|@|a)\s*[\])]\s*|\s+(?:at|apenstaartje|arobase)\s+|\s+@\s+)"
_DOT = r"(?:\s*[\[(]\s*(?:dot|punt|point)\s*[\])]\s*|\s+(?:dot|punt|point)\s+|\.)"
OBFUSCATED_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}{_TLDS}\b", re.IGNORECASE)
_SOCIAL = r"(?:instagram|insta|ig|tiktok|snapchat|snap|twitter|x|facebook|fb|telegram|discord|youtube)"
HANDLE = re.compile(
    rf"(?<![\w@.])@\w[\w.]{{1,29}}"
    rf"|\b(?:{_SOCIAL})\s*(?:account|profiel|naam|handle)?\s*[:=]\s*@?\w[\w.]{{1,29}}"
    rf"|\b(?:instagram\.com|tiktok\.com|facebook\.com|twitter\.com|x\.com|t\.me|snapchat\.com/add)/@?[\w.]+",
    re.IGNORECASE,
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|jan|feb|mrt|apr|jun|"
    "jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})"
BIRTH_DATE = re.compile(
    rf"(?:geboren\s+(?:op\s+)?(?:de\s+)?|geb\.\s*(?:op\s+)?|°\s*|geboortedatum\s*:?\s*|né(?:e)?\s+le\s+|"
    rf"date\s+de\s+naissance\s*:?\s*|born\s+(?:on\s+)?|DOB\s*:?\s*){_DATE}",
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"(?:straat|str\.|laan|lei|weg|plein|dreef|steenweg|kaai|baan|hof|markt|vest|dries|singel|pad|wijk|"
    r"veld|berg|dijk|gracht|kouter|heide)"
)
_STREET_PREFIX = r"(?:(?:grote|kleine|oude|nieuwe|korte|lange|hoge|lage|sint|onze-lieve-vrouw)[\s-]+)?"
_NOT_A_HOUSE = r"(?!\d|\s*/\s*\d{3}|\s*(?:jaar|dagen|maanden|weken|uur|keer|%|procent|euro|personen|leden|gemeenten)\b)"
_HOUSE = (
    rf"\s+\d{{1,4}}{_NOT_A_HOUSE}(?:\s?[a-zA-Z](?![\w]))?(?:\s*(?:bus|b\.?|/)\s*\d+)?"
    rf"(?:,?\s*\d{{4}}\s+[^\W\d_][\w-]+)?"
)
ADDRESS = re.compile(rf"\b{_STREET_PREFIX}(?:[^\W\d_][\w'-]*?)?{_STREET_SUFFIX}{_HOUSE}", re.IGNORECASE)
FRENCH_ADDRESS = re.compile(
    rf"\b(?:rue|avenue|av\.|boulevard|bd\.?|chaussée|place|chemin|square|quai|allée|impasse|drève)\s+"
    rf"(?:(?:de\s+la|de\s+l'|du|des|de|d')\s*)?[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){{0,2}},?{_HOUSE}",
    re.IGNORECASE,
)
AGE = re.compile(
    r"\(\s*\d{1,2}\s*(?:jaar|j|ans|y)?\s*[,)]|\b\d{1,2}\s*(?:jaar|ans|years?)(?:\s+oud|\s+old)?\b|\b\d{1,2}-jarige?\b",
    re.IGNORECASE,
)


def national_numbers(text: str) -> list[Span]:
    """Written with a separator it counts even with a typo; 11 bare digits only with a valid check."""
    spans = []
    for match in NATIONAL_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        named = NATIONAL_NUMBER_WORD.search(text[max(0, match.start() - 40) : match.start()]) is not None
        if digits != match.group(0) or named or stdnum_nn.is_valid(digits):
            spans.append(match.span())
    return spans


def ibans(text: str) -> list[Span]:
    """A Belgian-looking account number counts even with a typo; foreign ones need a valid check.

    The pattern may run on into a following word ("... 6769 werd"), so shorter readings of each
    match are tried too, longest first.
    """
    spans = []
    for match in IBAN.finditer(text):
        raw = match.group(0)
        ends = [index + 1 for index, char in enumerate(raw) if char.isalnum()]  # end after each alnum
        for length in range(len(ends), 11, -1):
            compact = re.sub(r"[\s-]", "", raw[: ends[length - 1]]).upper()
            if (compact.startswith("BE") and len(compact) == 16) or stdnum_iban.is_valid(compact):
                spans.append((match.start(), match.start() + ends[length - 1]))
                break
    return spans


def phones(text: str) -> list[Span]:
    """Numbers phonenumbers finds that start like a real number (+, 00 or 0) and have 9+ digits."""
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=Leniency.POSSIBLE):
        digits = re.sub(r"\D", "", match.raw_string)
        # Year ranges ("2015-2018") pass POSSIBLE; real numbers start with +, 00 or 0 and have 9+ digits
        # ("(0470 12 34 56)": the matcher keeps the opening bracket).
        number = match.raw_string.lstrip("( ")
        if len(digits) >= 9 and number[:1] in {"+", "0"}:
            spans.append((match.end - len(number), match.end))
    return spans


def spans_of(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [match.span() for match in pattern.finditer(text)]
