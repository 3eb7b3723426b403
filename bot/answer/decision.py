"""Answer or escalate: two rules, then one calibrated model over every signal.

Rules come first because they are not a matter of degree: an official who asks for a person
(a readable pattern, or the person-request classifier) and a question about a case with
personal data go to staff, however well the words match a passage.

Everything else is one logistic model over the signals (``Signals``): the top passage's
cosine, the share of the question's terms the Dutch corpus knows (only for Dutch questions:
an English question is not out of domain because its words are English), the scope
classifier's logit, whether the answerability check found something missing, and whether
the question is Dutch. Its output reads as "probability that the knowledge base answers
this"; the weights are fitted with cross-validation on every labelled question we have by
``bench/calibrate.py`` (BENCHMARKS.md shows per-style accuracy and a reliability plot), and
the threshold is a setting (``answer_threshold``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.answer.answerability import Answerability
from bot.answer.language import Language
from bot.answer.results import EscalationReason
from index import Hit

# A person request the word classifier is this sure of is a rule, like the patterns. Chosen on the
# labelled questions: at 0.5 ordinary questions that mention a colleague or a call were taken
# for requests; from 0.75 none were, and the patterns catch the requests below it.
PERSON_THRESHOLD = 0.75
# Below this scope probability an escalation is called out of domain (otherwise low confidence).
SCOPE_THRESHOLD = 0.5


def top_cosine(hits: list[Hit]) -> float:
    return max((hit.dense_score for hit in hits), default=0.0)


def logit(probability: float) -> float:
    clipped = min(max(probability, 1e-4), 1 - 1e-4)
    return math.log(clipped / (1 - clipped))


@dataclass(frozen=True, slots=True)
class Signals:
    """What the decision knows about one question, each a number staff can read."""

    top_cosine: float
    coverage: float
    scope: float
    person: float
    answerability: Answerability
    language: Language

    @property
    def dutch(self) -> bool:
        return self.language is Language.DUTCH

    def features(self) -> tuple[float, ...]:
        """(cosine, Dutch coverage, scope logit, missing evidence, Dutch): the calibration's inputs."""
        coverage = self.coverage if self.dutch else 1.0
        missing = 0.0 if self.answerability.answerable else 1.0
        return (self.top_cosine, coverage, logit(self.scope), missing, 1.0 if self.dutch else 0.0)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Logistic weights over ``Signals.features``; defaults from ``bench/calibrate.py`` (BENCHMARKS.md).

    Read them as: a better-matching top passage and a question the scope model calls ours
    raise the confidence; a fact the passages do not hold lowers it by far more than any
    match can make up for.
    """

    bias: float = -5.748
    cosine: float = 4.871
    coverage: float = 4.715
    scope: float = 0.761
    missing: float = -5.729
    dutch: float = -1.731
    threshold: float = 0.5

    def confidence(self, signals: Signals) -> float:
        weights = (self.cosine, self.coverage, self.scope, self.missing, self.dutch)
        value = self.bias + sum(w * x for w, x in zip(weights, signals.features(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, value))))


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision before any text is written, with the reason staff read."""

    answer: bool
    confidence: float
    reason: EscalationReason | None
    explanation: str = ""


class Decider:
    """Turns a question's rules and signals into answer or escalate."""

    def __init__(self, calibration: Calibration | None = None) -> None:
        self.calibration = calibration or Calibration()

    def decide(self, signals: Signals, *, is_case: bool, asks_person: bool) -> Verdict:
        confidence = self.calibration.confidence(signals)
        if asks_person or signals.person >= PERSON_THRESHOLD:
            return Verdict(False, confidence, EscalationReason.ASKED_FOR_PERSON, "vraagt naar een medewerker")
        if is_case:
            return Verdict(False, confidence, EscalationReason.CASE_QUESTION, "gaat over een concrete casus")
        if confidence >= self.calibration.threshold:
            return Verdict(True, confidence, None)
        if not signals.answerability.answerable:
            return Verdict(False, confidence, EscalationReason.SPECIFIC_FACTS, signals.answerability.explain())
        if signals.scope < SCOPE_THRESHOLD:
            return Verdict(False, confidence, EscalationReason.OUT_OF_DOMAIN,
                           f"valt buiten het werkveld van Team Veiligheid (scope {signals.scope:.2f})")  # fmt: skip
        return Verdict(False, confidence, EscalationReason.LOW_CONFIDENCE,
                       f"geen passage die de vraag zeker beantwoordt (zekerheid {confidence:.2f})")  # fmt: skip
