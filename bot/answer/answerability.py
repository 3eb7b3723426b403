"""Does the evidence hold what the question asks for? An explainable check before answering.

Retrieval finds the right document for "Hoeveel personen staan er momenteel in de GGB?",
but the document holds a figure of 2020, not today's. A passage that is *about* the topic is
not an answer to a question that asks for a specific fact. So, before answering:

1. Work out the answer type from the wording (``AnswerType``): a count, an amount, a
   percentage, a date, contact details, a named person, a list of named places, a status.
2. Work out the constraints: the years named, and whether the question asks for the
   current state ("momenteel", "dit jaar", "today", "actuellement") of a figure.
3. Look at sentence level in the top passages for a sentence that shares the question's
   content words and holds an instance of the type (a number that is not a year or a
   percentage for a count; a euro amount or "gratis" for an amount; ...) and the years.

A missing piece is a ``Gap`` with a Dutch explanation staff can read ("vraagt een actueel
cijfer; de kennisbank heeft cijfers tot 2022"). English and French questions share no
words with the Dutch sentences, so for them the check runs over whole passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from bot.answer.language import Language
from bot.answer.sentences import sentences
from index import Hit
from index.text_analysis import analyse


class AnswerType(StrEnum):
    COUNT = "count"
    AMOUNT = "amount"
    PERCENT = "percent"
    DATE = "date"
    YEAR = "year"
    DURATION = "duration"
    CONTACT = "contact"
    PERSON = "person"
    PLACES = "places"
    STATUS = "status"
    OPEN = "open"


# Each type: how a question asks for it (nl / en / fr in one pattern), checked in this order.
_ASKS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        AnswerType.CONTACT,
        re.compile(
            r"(?:wat is|wat zijn|welk is|geef|ken je|hebben jullie|heeft u|heb je|waar vind ik|what is|what are|"
            r"quel est|quelle est|quels sont)\b[^?.]{0,30}\b"
            r"(?:telefoonnummer|gsm-?nummer|nummer|e-?mail-?adres|mailadres|"
            r"contactgegevens|adres|website|phone number|e-?mail(?: address)?|contact details|numéro|adresse e-?mail|"
            r"coordonnées)\b",
            re.I,
        ),
    ),
    (
        AnswerType.PERCENT,
        re.compile(
            r"welk(?:e)? (?:percentage|aandeel)|hoeveel procent|what (?:percentage|share|proportion)|"
            r"quel(?:le)? (?:pourcentage|proportion|part)",
            re.I,
        ),
    ),
    (
        AnswerType.DURATION,
        re.compile(
            r"hoe lang (?:duurt|loopt|blijft|mag|moet)|doorlooptijd|hoeveel (?:tijd|uren|uur|dagen|weken|maanden)\b|"
            r"how long (?:does|do|is|will)|how much time|combien de temps|\bdurée\b",
            re.I,
        ),
    ),
    (
        AnswerType.AMOUNT,
        re.compile(
            r"\b(?:met |welk |hoeveel )budget\b|\b(?:wat|hoeveel) kost|\bkostprijs\b|\bhoeveel bedraagt\b|"
            r"\bbedrag\b|\b(?:uur|dag)?tarief\b|\bprijs\b|"
            r"\bhoeveel (?:geld|euro|subsidie|middelen)\b|\bhow much (?:does|did|is|money|funding)|\bwhat does .* cost|"
            r"\bfee\b|\bcombien (?:co[uû]te|d'argent)|\bmontant\b|\btarif\b",
            re.I,
        ),
    ),
    (
        AnswerType.COUNT,
        re.compile(
            r"\bhoeveel\b|\bhoevele\b|\bhet aantal\b|\bhow many\b|\bnumber of\b|\bcombien de\b|\ble nombre de\b", re.I
        ),
    ),
    (
        AnswerType.DATE,
        re.compile(
            r"op welke datum|tegen welke datum|welke data\b|welke datum|tegen wanneer|tot wanneer|uiterste datum|"
            r"\bdeadline\b|on what date|what date|by when|which date|à quelle date|jusqu'à quand",
            re.I,
        ),
    ),
    (
        AnswerType.YEAR,
        re.compile(
            r"in welk jaar|welk jaar|sinds wanneer|in (?:which|what) year|since when|en quelle année|depuis quand", re.I
        ),
    ),
    (
        AnswerType.PERSON,
        re.compile(
            r"welke (?:vvsg-?)?medewerker|wie is (?:de|het|onze|jullie) (?:vaste )?(?:aanspreekpunt|contactpersoon|"
            r"verantwoordelijke|voorzitter|expert)|wie zit(?:ten)? er namens|concrete naam|wat is de naam van|"
            r"welke (?:externe )?(?:begeleider|expert|trainer|spreker)s? (?:raden|kunnen|zou)|"
            r"who is (?:the|your) (?:contact|person|expert)|name of the|qui est (?:le|la) (?:responsable|personne)",
            re.I,
        ),
    ),
    (
        AnswerType.PLACES,
        re.compile(
            r"\blijst\s+(?:\w+\s+)?(?:van|met)\s+(?:de\s+|alle\s+)?(?:\w+\s+)?(?:gemeenten|steden|besturen|livc|cellen|zones|"
            r"organisaties)|welke (?:\w+ )?"
            r"(?:gemeenten|steden|lokale besturen|livc'?s(?: r)?|cellen|zones|politiezones)|"
            r"which (?:municipalities|cities|towns)|list of|quelles (?:communes|villes)",
            re.I,
        ),
    ),
    (
        AnswerType.STATUS,
        re.compile(
            r"(?:welk|wat is het|op welk|hoe hoog is het) (?:\w+ )?(?:dreigings)?niveau|what is the threat level|"
            r"(?:quel est le )?niveau de la menace|stand van zaken",
            re.I,
        ),
    ),
)
# A list of places is a fact question only when it asks for names: a number, a region or "lijst".
_NAMES_WANTED = re.compile(
    r"\blijst\b|\blist\b|\bliste\b|welke (?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\b|"
    r"limburg|antwerp|oost-vlaander|west-vlaander|vlaams-brabant|provincie|\bregio\b",
    re.I,
)
_CURRENT = re.compile(
    r"\bmomenteel\b|\bop dit moment\b|\bvandaag\b|\bactueel\b|\bactuele\b|\bdit jaar\b|\bvorig jaar\b|"
    r"\bvolgend jaar\b|\bdit (?:najaar|voorjaar|semester|kwartaal)\b|\bdeze (?:maand|week|zomer|winter)\b|"
    r"\bnog (?:altijd|steeds)\b|\bnu\b|\brecentste\b|\bgepland\b|\bvolgende (?:vergadering|editie|ronde|instapronde|"
    r"sessie|infosessie|intervisie|studiedag)\b|\bcurrently\b|\bright now\b|\btoday\b|\bthis year\b|\blast year\b|"
    r"\bnext year\b|\bstill\b|\bat the moment\b|\bactuellement\b|\baujourd'hui\b|\bcette année\b|"
    r"\bl'année dernière\b|\ben ce moment\b|\bencore\b|\bna de huidige\b|\bverlengd\b|\bvoortgezet\b",
    re.I,
)
_FIGURE_TYPES = frozenset(
    {AnswerType.COUNT, AnswerType.AMOUNT, AnswerType.PERCENT, AnswerType.DATE, AnswerType.DURATION, AnswerType.STATUS}
)
# Named places the answer must be about: provinces, and "stad X", "gemeente X", "regio X".
_PLACE = re.compile(
    r"\b(?:gemeente|stad|regio|provincie|politiezone|zone|city|town|commune|ville)\s+(?!Vlaanderen\b|Brussel\b)"
    r"([A-Z][\w'-]{2,})|\b(Limburg|Antwerpen|Oost-Vlaander|West-Vlaander|Vlaams-Brabant|Henegouwen|Luik)\w*"
)
# Documents tied to a year: "de bevraging van 2022" needs a sentence naming that bevraging and that year.
_DATED_DOCUMENTS = frozenset(
    analyse(
        "bevraging enquete survey onderzoek rapport verslag evaluatie studie arrest decreet wet omzendbrief besluit "
        "resultaten cijfers"
    )
)
# Words nearly every passage shares: they do not make a sentence evidence for a fact question.
_COMMON = frozenset(analyse("LIVC R gemeente gemeenten VVSG lokaal lokale bestuur besturen radicalisering werking"))
# Words that say what kind of answer is wanted: they count when shared, but are not needed.
_TYPE_WORDS = frozenset(
    analyse(
        "kost kosten kostprijs bedraagt bedrag tarief uurtarief prijs hoeveel hoevele aantal percentage procent "
        "aandeel "
        "datum data deadline telefoonnummer nummer mailadres adres website naam lijst lang duurt tijd"
    )
)

_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# A year about the asker ("ik ben sinds 2024 coördinator") is no constraint on the answer.
_ASKER_YEAR = re.compile(r"\b(?:ik|wij|we|mijn|onze?|i|my|our|je|nous|notre)\b(?:\W+\w+){0,3}\W+(?:19|20)\d{2}\b", re.I)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|janvier|février|mars|avril|juin|juillet|août|"
    "septembre|octobre|novembre|décembre"
)
_EVIDENCE: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.AMOUNT: re.compile(
        r"€|\beuro\b|\bEUR\b|\bgratis\b|\bkosteloos\b|\bkostenloos\b|\bbetalend\b|"
        r"\bniets\b.{0,20}\bkost|\bfree of charge\b|\bgratuit\b",
        re.I,
    ),
    AnswerType.PERCENT: re.compile(
        r"%|\bprocent\b|\bpercent\b|\bpour cent\b|\b(?:twee|drie|een|één) (?:derde|vierde)\b|"
        r"\b(?:één|een|twee|drie|vier) op (?:de )?\w+\b|\bde helft\b|\been kwart\b",
        re.I,
    ),
    AnswerType.DATE: re.compile(
        rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|"
        rf"\b(?:{_MONTHS})\s+(?:19|20)\d{{2}}\b",
        re.I,
    ),
    AnswerType.YEAR: re.compile(r"\b(?:19|20)\d{2}\b"),
    AnswerType.DURATION: re.compile(
        r"\b(?:\d+|een|één|halve|twee|drie|vier|vijf|zes|enkele|paar|aantal)\s+(?:\w+\s+)?(?:dagen|dag|dagdelen|"
        r"weken|week|maanden|maand|jaar|jaren|uur|uren|minuten|days|weeks|months|years|hours|jours|semaines|mois|"
        r"ans|heures)\b|\b(?:maand|week|jaar|dag)\s*\d|\b(?:halftijds|voltijds|deeltijds|VTE|dagdeel)\b",
        re.I,
    ),
    AnswerType.CONTACT: re.compile(r"\S+@\S+\.\w+|\+?\d[\d /.-]{7,}\d|https?://|\bwww\.", re.I),
    AnswerType.PERSON: re.compile(r"\b(?:mevrouw|meneer|dhr\.|mevr\.|dr\.|prof\.)\s+[A-Z]|\b[A-Z][a-z]+\.[a-z]+@"),
    AnswerType.STATUS: re.compile(r"$^"),  # a current status is never in a dated publication
}
_NUMBER = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)(?![\d.,]*\s*(?:%|procent|percent))", re.I)
_NUMBER_WORDS = re.compile(
    r"\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|twintig|dertig|honderd|"
    r"tiental|vijftal|dozijn)\b",
    re.I,
)
_PLACE_LIST = re.compile(r"(?:\b[A-Z][a-zé'-]{2,}\b(?:,\s*|\s+en\s+|\s+and\s+|\s+et\s+)){2,}\b[A-Z][a-zé'-]{2,}")
# Sentences looked at: this many top passages.
EVIDENCE_PASSAGES = 3


@dataclass(frozen=True, slots=True)
class Gap:
    """What the evidence lacks, in a Dutch phrase staff and officials can read."""

    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class Answerability:
    """The answer type asked for and what is missing from the evidence (empty: answerable)."""

    answer_type: AnswerType
    gaps: tuple[Gap, ...] = ()
    newest_year: int | None = None

    @property
    def answerable(self) -> bool:
        return not self.gaps

    def explain(self) -> str:
        return "; ".join(gap.detail for gap in self.gaps)


def answer_type(question: str) -> AnswerType:
    """The kind of fact the question asks for; ``OPEN`` for explanations and advice."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            if kind is AnswerType.PLACES and not _NAMES_WANTED.search(question):
                continue
            return kind
    return AnswerType.OPEN


def constraint_years(question: str) -> list[int]:
    """Years the answer must be about (not those about the asker)."""
    about_asker = {match.group(0)[-4:] for match in _ASKER_YEAR.finditer(question)}
    return sorted({int(year) for year in _YEAR.findall(question) if year not in about_asker})


# The passage says outright that there is no such figure or rule: that is an answer too.
_SETTLED_NEGATIVE = re.compile(
    r"\bgeen (?:vaste |wettelijke |officiële |exacte )?"
    r"(?:norm|richtlijn|regel|termijn|cijfers?|bedrag|minimum|maximum)\b|"
    r"\b(?:cijfers|norm|richtlijn)\b[^.]{0,40}\bniet\b|\bhangt af van\b|\bverschilt (?:sterk |per )|"
    r"\bwettelijk niet (?:vastgelegd|bepaald)\b",
    re.I,
)


_RATE = re.compile(
    r"\b(?:uur|dag)tarief\b|\bper (?:uur|dag|prestatie)\b|/\s?(?:uur|u|dag)\b|hourly|\btaux horaire\b", re.I
)


def _has_instance(kind: AnswerType, text: str, question: str) -> bool:
    if kind is not AnswerType.STATUS and _SETTLED_NEGATIVE.search(text):
        return True
    if kind is AnswerType.COUNT:
        numbers = [n for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n)]
        return bool(numbers) or bool(_NUMBER_WORDS.search(text))
    if kind is AnswerType.PLACES:
        return bool(_PLACE_LIST.search(text))
    if kind is AnswerType.AMOUNT and _RATE.search(question):
        return bool(_RATE.search(text))  # an hourly or daily rate, not any amount
    if kind is AnswerType.AMOUNT and re.search(r"\bgratis\b|\bkosteloos\b|\bfree\b|\bgratuit", question, re.I):
        return bool(re.search(r"€|\beuro\b|\bEUR\b", text))  # "gratis" echoes the question: a price is asked
    return bool(_EVIDENCE[kind].search(text))


def _focus(question: str) -> set[str]:
    """The question's content terms (stems), without numbers."""
    return {term for term in analyse(question) if not term.isdigit() and len(term) > 2}


# Per-passage work is cached: under a burst the same few passages turn up for question after
# question, and splitting and stemming them was ~12 % of a question's CPU (BENCHMARKS.md).
_PASSAGE_CACHE = 4096


@lru_cache(maxsize=_PASSAGE_CACHE)
def _stems(text: str) -> tuple[str, ...]:
    """``analyse(text)``, remembered."""
    return tuple(analyse(text))


@lru_cache(maxsize=_PASSAGE_CACHE)
def _sentence_stems(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A passage's sentences, each with its stems in order; remembered."""
    return tuple((sentence, tuple(analyse(sentence))) for sentence in sentences(text))


def _shares(term: str, terms: set[str]) -> bool:
    """``term`` or a compound with it ("ledenbevrag" ~ "bevrag") is among ``terms``."""
    return term in terms or any(len(other) >= 5 and (other in term or term in other) for other in terms)


def _dated_documents(question: str, year: int) -> set[str]:
    """Document words bound to ``year``: each one within six words goes to its nearest year.

    In "de wet van 2018 en in 2021 een apart decreet" the wet is 2018's and the decreet 2021's.
    """
    words = re.findall(r"[\w'-]+", question)
    years = [(i, word) for i, word in enumerate(words) if _YEAR.fullmatch(word)]
    bound: set[str] = set()
    for i, word in enumerate(words):
        stems = analyse(word)
        docs = {doc for doc in _DATED_DOCUMENTS if any(doc in stem for stem in stems)}
        if not docs or not years:
            continue
        distance, nearest = min((abs(i - j), y) for j, y in years)
        if distance <= 6 and nearest == str(year):
            bound |= docs
    return bound


def _needed(kind: AnswerType, focus: set[str]) -> int:
    """Shared content words that make a sentence evidence: one for an open question, two for a fact question."""
    return 1 if kind is AnswerType.OPEN else min(2, max(1, len(focus)))


class AnswerabilityCheck:
    """Checks the top passages against the question's answer type and constraints; pure and cheap."""

    def __init__(self, *, passages: int = EVIDENCE_PASSAGES, today: date | None = None) -> None:
        if passages < 1:
            raise ValueError(f"passages must be >= 1, got {passages!r}")
        self._passages = passages
        self._fixed_today = today

    def _today(self) -> date:
        return self._fixed_today or date.today()

    def check(
        self,
        question: str,
        hits: Sequence[Hit],
        language: Language = Language.DUTCH,
    ) -> Answerability:
        kind = answer_type(question)
        top = hits[: self._passages]
        newest = max((hit.chunk.published.year for hit in hits if hit.chunk.published), default=None)
        units = self._evidence_units(question, top, language, kind)
        years = constraint_years(question)
        gaps: list[Gap] = []
        if kind in _FIGURE_TYPES and _CURRENT.search(question):
            since = f"; de bronnen gaan tot {newest}" if newest else ""
            gaps.append(Gap("current", f"vraagt een actuele stand of een actueel cijfer{since}"))
        for year in (year for year in years if year > self._today().year):
            gaps.append(Gap("future", f"vraagt naar {year}, terwijl de publicaties over het verleden gaan"))
        for year in (year for year in years if year <= self._today().year):
            documents = _dated_documents(question, year)
            named = [(text, terms) for text, terms in units if str(year) in text]
            if not any(not documents or any(doc in terms for doc in documents) for _, terms in named):
                gaps.append(Gap("year", f"de kennisbank zegt hierover niets voor {year}"))
        for place in self._places(question, municipalities_only=kind is AnswerType.OPEN):
            if not any(place in text.lower() for text, _ in units):
                gaps.append(Gap("place", f"de kennisbank zegt niets specifiek over {place.capitalize()}"))
        if kind is not AnswerType.OPEN:
            wanted = [text for text, _ in units if all(str(year) in text for year in years)]
            if not any(_has_instance(kind, text, question) for text in wanted):
                gaps.append(Gap(kind.value, _MISSING[kind]))
        return Answerability(kind, tuple(gaps), newest)

    @staticmethod
    def _places(question: str, *, municipalities_only: bool) -> list[str]:
        """Places named in the question; for an open question only "gemeente X" / "stad X" (facts about
        one local government), since "in Limburg" rarely changes a general answer."""
        return [
            (town or region).lower() for town, region in _PLACE.findall(question) if town or not municipalities_only
        ]

    @staticmethod
    def _evidence_units(
        question: str, hits: Sequence[Hit], language: Language, kind: AnswerType
    ) -> list[tuple[str, str]]:
        """(sentence, its stems joined) for sentences that share enough content words with the question.

        A sentence is read with its document's title and section, as a person reads it; a fact
        question needs two shared words beside the ones every passage has ("LIVC R", "gemeente").
        English and French questions share no words, so whole passages stand in.
        """
        if language is not Language.DUTCH:
            return [(hit.chunk.text, " ".join(_stems(hit.chunk.text))) for hit in hits]
        focus = _focus(question) - _COMMON
        need = _needed(kind, focus - _TYPE_WORDS)
        found = []
        own = focus - _TYPE_WORDS
        for hit in hits:
            context = set(_stems(f"{hit.chunk.title} {hit.chunk.section} {hit.chunk.faq_question or ''}"))
            for sentence, stems in _sentence_stems(hit.chunk.text):
                terms = set(stems)
                itself = not own or any(_shares(term, terms) for term in own)
                if itself and sum(_shares(term, terms | context) for term in focus) >= need:
                    found.append((sentence, " ".join(terms)))
        return found


_MISSING = {
    AnswerType.COUNT: "vraagt een aantal dat in de gevonden passages niet staat",
    AnswerType.AMOUNT: "vraagt een bedrag dat in de gevonden passages niet staat",
    AnswerType.PERCENT: "vraagt een percentage dat in de gevonden passages niet staat",
    AnswerType.DATE: "vraagt een datum die in de gevonden passages niet staat",
    AnswerType.CONTACT: "vraagt contactgegevens die de kennisbank niet bevat",
    AnswerType.PERSON: "vraagt een naam van een persoon die de kennisbank niet noemt",
    AnswerType.PLACES: "vraagt een lijst van gemeenten of organisaties die de kennisbank niet geeft",
    AnswerType.STATUS: "vraagt een actuele toestand die geen publicatie kan geven",
    AnswerType.YEAR: "vraagt een jaartal dat in de gevonden passages niet staat",
    AnswerType.DURATION: "vraagt een duur of tijdsbesteding die in de gevonden passages niet staat",
}
