"""Small results the queue hands to its callers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.storage import AnswerRecord, OfficialRecord, TicketMessageRecord, TicketRecord


@dataclass(frozen=True, slots=True)
class Actor:
    """A staff member acting on the queue; ``user_id`` is ``None`` at the terminal."""

    user_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class BotAttempt:
    """What the bot said before handing over: shown to staff on the ticket."""

    text: str
    sources: tuple[Mapping[str, Any], ...] = ()
    confidence: float | None = None
    question_id: int | None = None

    @classmethod
    def from_answer(cls, answer: AnswerRecord) -> BotAttempt:
        return cls(answer.text, answer.sources, answer.confidence, answer.question_id)


@dataclass(frozen=True, slots=True)
class Escalation:
    """A ticket opened (or found already open) for a question, and what the official is told."""

    ticket: TicketRecord
    created: bool
    text: str


class ReplyKind(StrEnum):
    """What an official's reply to one of the bot's queue messages is about."""

    TICKET = "ticket"
    LOCAL_GOVERNMENT = "local_government"


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    """The queue message an official replied to: a ticket's relay, or the local-government question."""

    kind: ReplyKind
    ticket_id: int | None = None


@dataclass(frozen=True, slots=True)
class TicketView:
    """A ticket with its official and its whole conversation, for /ticket N and the CLI."""

    ticket: TicketRecord
    official: OfficialRecord | None
    messages: tuple[TicketMessageRecord, ...]


@dataclass(frozen=True, slots=True)
class UpkeepReport:
    """What one upkeep run did."""

    reminded: int = 0
    reposted: int = 0
    anonymised_tickets: int = 0
    anonymised_questions: int = 0
    purged_outbox: int = 0
    purged_audit: int = 0
    removed_log_files: int = 0
