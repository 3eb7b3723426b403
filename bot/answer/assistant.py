"""The answer pipeline every channel shares: redact, detect, retrieve, check, decide, compose.

The CLI, the console chat and the Telegram handlers all call ``Assistant.ask`` so that an
official gets the same answer whichever way they ask. One encoder call per question serves
retrieval and the scope classifier (for a follow-up, of the question with its context); the
person-request classifier reads the words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import messages
from bot.answer.answerability import AnswerabilityCheck
from bot.answer.classifiers import IntentClassifiers
from bot.answer.compose import answer_text, best_passage, sources_from
from bot.answer.decision import Decider, Signals, Verdict, top_cosine
from bot.answer.intents import asks_for_person, normalise
from bot.answer.language import Language, LanguageDetection
from bot.answer.privacy import Redaction, redact
from bot.answer.referrals import referral_for
from bot.answer.results import AnswerResult, Decision, EscalationReason
from bot.errors import EmptyQuestionError
from index import FusionMode, Hit, HybridRetriever, RetrievalConfig

logger = logging.getLogger(__name__)

_ESCALATION_TEXT = {
    EscalationReason.LOW_CONFIDENCE: "ESCALATE_OFFER",
    EscalationReason.OUT_OF_DOMAIN: "ESCALATE_OUT_OF_DOMAIN",
    EscalationReason.ASKED_FOR_PERSON: "ESCALATE_PERSON",
    EscalationReason.CASE_QUESTION: "ESCALATE_CASE",
    EscalationReason.SPECIFIC_FACTS: "ESCALATE_SPECIFIC",
}
# Guidance is shown beside an escalation only when retrieval is this sure of its passage.
GUIDANCE_MIN_CONFIDENCE = 0.5
# An English or French question is searched by meaning alone: the Dutch BM25 scores its words as noise.
_DENSE_ONLY = RetrievalConfig(mode=FusionMode.DENSE)


@dataclass(frozen=True, slots=True)
class Examination:
    """A question looked at: its redaction, the passages found, the signals, the person-request pattern."""

    redaction: Redaction
    hits: list[Hit]
    signals: Signals
    asks_person: bool


class Assistant:
    """Answers one redacted question; safe to call from several threads at once."""

    def __init__(
        self,
        retriever: HybridRetriever,
        decider: Decider | None = None,
        *,
        k: int = 5,
        classifiers: IntentClassifiers | None = None,
        languages: LanguageDetection | None = None,
        answerability: AnswerabilityCheck | None = None,
    ) -> None:
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k!r}")
        self.retriever = retriever
        self.decider = decider or Decider()
        self.k = k
        self.classifiers = classifiers
        self.languages = languages or LanguageDetection()
        self.answerability = answerability or AnswerabilityCheck()

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        """Answer ``question``; ``context`` is the previous question, used for short follow-ups.

        ``previous_chunk`` is the chunk the previous answer came from: a follow-up is answered
        from another passage, or from the parts of that one that speak to the follow-up.
        """
        seen = self.examine(question, context=context, k=k)
        redaction = seen.redaction
        verdict = self.decider.decide(seen.signals, is_case=redaction.is_case, asks_person=seen.asks_person)
        kinds = tuple(str(kind) for kind in redaction.kinds)
        result = self._result(redaction.text, seen.hits, verdict, seen.signals.language, kinds,
                              context=context, previous=previous_chunk)  # fmt: skip
        top = result.sources[0].doc_id if result.sources else None
        logger.info("Question handled: decision=%s reason=%s confidence=%.2f language=%s top=%s",
                    result.decision, result.reason, result.confidence, seen.signals.language, top)  # fmt: skip
        return result

    def examine(self, question: str, *, context: str | None = None, k: int | None = None) -> Examination:
        """Everything the decision looks at, without deciding (``bench/calibrate.py`` fits on it)."""
        text = normalise(question)
        if not text:
            raise EmptyQuestionError("the question is empty")
        redaction = redact(text)
        language = self.languages.detect(redaction.text)
        query = f"{redact(normalise(context)).text} {redaction.text}" if context else redaction.text
        query_vector = self.retriever.embed(query)
        config = None if language is Language.DUTCH else _DENSE_ONLY
        hits = self.retriever.search(query, k=k or self.k, vector=query_vector, config=config)
        person = self.classifiers.person.probability(redaction.text) if self.classifiers else 0.0
        scope = self.classifiers.scope.probability(query_vector) if self.classifiers else 1.0
        signals = Signals(
            top_cosine(hits), self.retriever.coverage(query), scope, person,
            self.answerability.check(redaction.text, hits, language), language,
        )  # fmt: skip
        return Examination(redaction, hits, signals, asks_for_person(redaction.text))

    def _result(
        self,
        question: str,
        hits: list[Hit],
        verdict: Verdict,
        language: Language,
        kinds: tuple[str, ...],
        *,
        context: str | None,
        previous: str | None,
    ) -> AnswerResult:
        sources = sources_from(hits)
        if verdict.answer:
            fresh = [hit for hit in hits if hit.chunk.chunk_id != previous] or hits
            text = answer_text(question, fresh, follow_up=question if context else "", language=language)
            return AnswerResult(question, Decision.ANSWER, verdict.confidence, text, sources, None, kinds,
                                language=language.value)  # fmt: skip
        assert verdict.reason is not None
        guidance = ""
        if hits and verdict.reason is EscalationReason.CASE_QUESTION and verdict.confidence >= GUIDANCE_MIN_CONFIDENCE:
            top = hits[0].chunk
            guidance = top.faq_answer.strip() if top.faq_answer else best_passage(top.text, question)
        text = self._escalation_text(verdict, language, question)
        if guidance:
            text = f"{text}\n\n{messages.localized('GENERAL_GUIDANCE_INTRO', language)}\n{guidance}"
        return AnswerResult(question, Decision.ESCALATE, verdict.confidence, text, sources, verdict.reason,
                            kinds, guidance, language=language.value, explanation=verdict.explanation)  # fmt: skip

    @staticmethod
    def _escalation_text(verdict: Verdict, language: Language, question: str) -> str:
        if verdict.reason is EscalationReason.SPECIFIC_FACTS and verdict.explanation:
            template = messages.localized("ESCALATE_SPECIFIC_DETAIL", language)
            return template.format(explanation=verdict.explanation)
        assert verdict.reason is not None
        text = messages.localized(_ESCALATION_TEXT[verdict.reason], language)
        pointer = referral_for(question) if verdict.reason is EscalationReason.OUT_OF_DOMAIN else None
        if pointer and language is Language.DUTCH:
            return f"{pointer} {text}"
        return text
