"""The answer pipeline every channel shares: redact, detect intent, retrieve, decide, compose.

The CLI, the console chat and the Telegram handlers all call ``Assistant.ask`` so that an
official gets the same answer whichever way they ask.
"""

from __future__ import annotations

import logging

from bot import messages
from bot.answer.compose import answer_text, best_passage, sources_from
from bot.answer.decision import Decider
from bot.answer.intents import asks_for_person, normalise
from bot.answer.privacy import redact
from bot.answer.results import AnswerResult, Decision, EscalationReason
from bot.errors import EmptyQuestionError
from index import Hit, HybridRetriever

logger = logging.getLogger(__name__)

_ESCALATION_TEXT = {
    EscalationReason.LOW_CONFIDENCE: messages.ESCALATE_OFFER,
    EscalationReason.OUT_OF_DOMAIN: messages.ESCALATE_OUT_OF_DOMAIN,
    EscalationReason.ASKED_FOR_PERSON: messages.ESCALATE_PERSON,
    EscalationReason.CASE_QUESTION: messages.ESCALATE_CASE,
    EscalationReason.SPECIFIC_FACTS: messages.ESCALATE_SPECIFIC,
}
# Guidance is shown beside an escalation only when retrieval is this sure of its passage.
GUIDANCE_MIN_CONFIDENCE = 0.5


class Assistant:
    """Answers one redacted question; safe to call from several threads at once."""

    def __init__(self, retriever: HybridRetriever, decider: Decider | None = None, *, k: int = 5) -> None:
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k!r}")
        self.retriever = retriever
        self.decider = decider or Decider()
        self.k = k

    def ask(self, question: str, *, context: str | None = None, k: int | None = None) -> AnswerResult:
        """Answer ``question``; ``context`` is the previous question, used for short follow-ups."""
        text = normalise(question)
        if not text:
            raise EmptyQuestionError("the question is empty")
        redaction = redact(text)
        query = f"{redact(context).text} {redaction.text}" if context else redaction.text
        hits = self.retriever.search(query, k=k or self.k)
        coverage = self.retriever.coverage(query)
        result = self._result(redaction.text, hits, coverage, is_case=redaction.is_case, kinds=redaction.kinds)
        top = result.sources[0].doc_id if result.sources else None
        logger.info("Question handled: decision=%s confidence=%.2f top=%s", result.decision, result.confidence, top)
        return result

    def _result(
        self, question: str, hits: list[Hit], coverage: float, *, is_case: bool, kinds: tuple[str, ...]
    ) -> AnswerResult:
        verdict = self.decider.decide(
            question, hits, coverage=coverage, is_case=is_case, asks_person=asks_for_person(question)
        )
        sources = sources_from(hits)
        redacted = tuple(str(kind) for kind in kinds)
        if verdict.answer:
            return AnswerResult(question, Decision.ANSWER, verdict.confidence, answer_text(question, hits),
                                sources, None, redacted)  # fmt: skip
        assert verdict.reason is not None
        guidance = ""
        if hits and verdict.reason is EscalationReason.CASE_QUESTION and verdict.confidence >= GUIDANCE_MIN_CONFIDENCE:
            top = hits[0].chunk
            guidance = top.faq_answer.strip() if top.faq_answer else best_passage(top.text, question)
        text = _ESCALATION_TEXT[verdict.reason]
        if guidance:
            text = f"{text}\n\n{messages.GENERAL_GUIDANCE_INTRO}\n{guidance}"
        return AnswerResult(question, Decision.ESCALATE, verdict.confidence, text, sources, verdict.reason,
                            redacted, guidance)  # fmt: skip
