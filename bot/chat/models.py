"""What a conversation is made of: who wrote, what they asked, what they are told.

Plain frozen dataclasses shared by every channel (Telegram, console) and by the staff queue;
nothing here talks to a database or a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.answer.results import AnswerResult, EscalationReason
from bot.storage import AnswerRecord, HandoverTrigger

__all__ = ["HandoverSubject", "HandoverTrigger", "Official", "Question", "Reply", "ReplyKind", "Sender", "trigger_for"]


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote, as the messaging channel tells it (never stored beyond the officials table)."""

    user_id: int
    chat_id: int
    display_name: str
    username: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Official:
    """A known official: database id plus where to reach them."""

    id: int
    telegram_user_id: int
    chat_id: int
    display_name: str


@dataclass(frozen=True, slots=True)
class Question:
    """One incoming text message; ``text`` is raw and stays in memory only."""

    sender: Sender
    text: str
    message_id: int | None = None
    update_id: int | None = None


class ReplyKind(StrEnum):
    ANSWER = "answer"
    ESCALATE = "escalate"
    SMALL_TALK = "small_talk"
    HINT = "hint"
    CONSENT = "consent"  # a typed yes or no to the offer to pass the last question on


@dataclass(frozen=True, slots=True)
class Reply:
    """What to tell the official; ``text`` is plain Dutch (the channel escapes it)."""

    kind: ReplyKind
    text: str
    result: AnswerResult | None = None
    answer_id: int | None = None
    consent: bool | None = None
    trigger: HandoverTrigger | None = None

    @property
    def language(self) -> str:
        """The official's language as detected in the question ("nl" when there is no question)."""
        return self.result.language if self.result is not None else "nl"

    @property
    def pii_kinds(self) -> tuple[str, ...]:
        return self.result.redacted if self.result else ()

    @property
    def needs_pii_warning(self) -> bool:
        """The case-question text already warns; every other reply with redactions gets the warning."""
        return bool(self.pii_kinds) and not (self.result and self.result.reason is EscalationReason.CASE_QUESTION)


@dataclass(frozen=True, slots=True)
class HandoverSubject:
    """What a handover is about: the official, their redacted question and the bot's stored answer."""

    official: Official
    question: str
    answer: AnswerRecord | None


def trigger_for(reason: EscalationReason | None) -> HandoverTrigger:
    """The hand-over trigger for the pipeline's escalation reason (a person asked for when none is given)."""
    return reason if reason is not None else HandoverTrigger.ASKED_FOR_PERSON
