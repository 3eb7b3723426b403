"""What the answer pipeline returns: small dataclasses shared by the CLI, console chat and Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.storage.enums import HandoverTrigger


class Decision(StrEnum):
    ANSWER = "answer"
    ESCALATE = "escalate"


# Why the bot hands over: the one trigger enum, stored with the ticket and shown to staff.
EscalationReason = HandoverTrigger


@dataclass(frozen=True, slots=True)
class Source:
    """One cited chunk, as the JSON contract in DESIGN.md lists it."""

    doc_id: str
    chunk_id: str
    title: str
    section: str
    url: str | None
    score: float
    published: date | None = None
    doc_type: str = ""
    themes: tuple[str, ...] = ()  # theme slugs of the document (knowledge.themes), labelled at index time

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "section": self.section,
            "url": self.url,
            "score": round(self.score, 4),
            "published": self.published.isoformat() if self.published else None,
            "themes": list(self.themes),
        }


@dataclass(frozen=True, slots=True)
class AnswerResult:
    """The decision and the Dutch text for one question; ``question`` is already redacted."""

    question: str
    decision: Decision
    confidence: float
    answer: str
    sources: list[Source] = field(default_factory=list)
    reason: EscalationReason | None = None
    redacted: tuple[str, ...] = ()
    guidance: str = ""
    language: str = "nl"
    explanation: str = ""

    @property
    def hand_over_at_once(self) -> bool:
        """The official asked for a person: pass the question on without asking for consent again."""
        return self.reason is EscalationReason.ASKED_FOR_PERSON

    def to_json(self, question_id: Any = None) -> dict[str, Any]:
        payload: dict[str, Any] = {} if question_id is None else {"id": question_id}
        payload.update(
            question=self.question,
            decision=self.decision.value,
            confidence=round(self.confidence, 4),
            answer=self.answer,
            sources=[source.to_json() for source in self.sources],
            reason=self.reason.value if self.reason else None,
            redacted=list(self.redacted),
            language=self.language,
            explanation=self.explanation,
        )
        return payload
