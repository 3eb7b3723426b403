"""Answer or escalate: a calibrated confidence from retrieval evidence, plus explicit rules.

The confidence is a logistic model over three retrieval signals (top cosine, the top
chunk's BM25 evidence, and how far the top stands out), fitted on the dev set by
``bench/calibrate.py``; it reads as "probability that the knowledge base answers this".
Rules come first because they are not a matter of degree: someone asking for a person or
sending a case with identifiers goes to staff, however well the words match.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from bot.answer.results import EscalationReason
from index import Hit


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic coefficients; defaults from ``bench/calibrate.py`` on ../shared/eval/dev.jsonl.

    Two signals survived the fit: the top chunk's cosine (e5 scores any Dutch text highly,
    so the useful range is narrow, hence the steep weight) and the share of the question's
    terms the corpus knows (out-of-domain questions use words VVSG never writes). The
    BM25 level and the top-2 margin added nothing on the dev set and were dropped.
    """

    bias: float = -46.58
    top_cosine: float = 50.45
    coverage: float = 5.2
    threshold: float = 0.5

    def confidence(self, top_cosine: float, coverage: float) -> float:
        logit = self.bias + self.top_cosine * top_cosine + self.coverage * coverage
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


def top_cosine(hits: list[Hit]) -> float:
    return max((hit.dense_score for hit in hits), default=0.0)


_FUTURE_OR_AGENDA = re.compile(
    r"\bvolgende\s+(?:vergadering|bijeenkomst|sessie|editie|infosessie|intervisie|werkgroep)|"
    r"\bop\s+welke\s+datum\b|\bwordt\b[^?]{0,60}\bverlengd\b|\bna\s+de\s+huidige\b",
    re.IGNORECASE,
)
# Facts about one named local government ("de gemeente Herzele", "hoeveel ... van Gent").
_NAMED_PLACE = re.compile(
    r"\b(?:gemeente|stad)\s+(?!Vlaanderen\b|Brussel\b)[A-Z][a-z]+|"
    r"\b(?i:hoeveel)\b[^?]{0,80}\b(?:van|in)\s+(?!de\b|het\b|Vlaanderen\b|België\b|Belgie\b|Europa\b)[A-Z][a-z]{2,}"
)
# Below this share of known terms a low-confidence question is called out of domain.
OUT_OF_DOMAIN_COVERAGE = 0.75
_YEAR = re.compile(r"\b(20\d{2})\b")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision before any text is written."""

    answer: bool
    confidence: float
    reason: EscalationReason | None


class Decider:
    """Turns a question's redaction, intent and retrieval evidence into answer or escalate."""

    def __init__(self, calibration: Calibration | None = None, *, today: date | None = None) -> None:
        self.calibration = calibration or Calibration()
        self._today = today

    def asks_unknowable(self, question: str) -> bool:
        """Agenda dates and future budgets are never in the publications: staff know them."""
        if _FUTURE_OR_AGENDA.search(question) or _NAMED_PLACE.search(question):
            return True
        this_year = (self._today or date.today()).year
        return any(int(year) > this_year for year in _YEAR.findall(question))

    def decide(self, question: str, hits: list[Hit], *, coverage: float, is_case: bool, asks_person: bool) -> Verdict:
        confidence = self.calibration.confidence(top_cosine(hits), coverage) if hits else 0.0
        if asks_person:
            return Verdict(False, confidence, EscalationReason.ASKED_FOR_PERSON)
        if is_case:
            return Verdict(False, confidence, EscalationReason.CASE_QUESTION)
        if self.asks_unknowable(question):
            return Verdict(False, min(confidence, self.calibration.threshold * 0.9), EscalationReason.SPECIFIC_FACTS)
        if confidence < self.calibration.threshold:
            reason = (
                EscalationReason.OUT_OF_DOMAIN if coverage < OUT_OF_DOMAIN_COVERAGE else EscalationReason.LOW_CONFIDENCE
            )
            return Verdict(False, confidence, reason)
        return Verdict(True, confidence, None)
