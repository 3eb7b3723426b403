"""Frozen records the repositories hand out instead of ORM objects.

A record is a snapshot taken inside the transaction that read it: safe to pass to another
thread or keep after the session closed, and impossible to change by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from bot.storage.enums import AuthorKind, Decision, DraftStatus, HandoverTrigger, OutboxKind, OutboxStatus, TicketStatus

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class OfficialRecord:
    """A known official."""

    id: int
    telegram_user_id: int
    display_name: str
    username: str | None
    language: str | None
    local_government: str | None
    created_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """A question with what the bot last said about it (``None`` if nothing yet)."""

    id: int
    official_id: int
    chat_id: int
    message_id: int | None
    text_redacted: str
    redaction_kinds: tuple[str, ...]
    created_at: datetime
    answer: AnswerRecord | None = None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """The bot's decision and reply for a question."""

    id: int
    question_id: int
    decision: Decision
    confidence: float
    text: str
    sources: tuple[dict[str, Any], ...]
    bot_message_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TicketRecord:
    """A staff-queue ticket as it stood when read."""

    id: int
    official_id: int
    chat_id: int
    question_id: int | None
    question_text: str
    bot_answer: str | None
    bot_sources: tuple[dict[str, Any], ...]
    bot_confidence: float | None
    trigger: HandoverTrigger
    status: TicketStatus
    assignee_user_id: int | None
    assignee_name: str | None
    staff_chat_id: int | None
    staff_thread_id: int | None
    staff_message_id: int | None
    created_at: datetime
    updated_at: datetime
    claimed_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    last_reminded_at: datetime | None
    anonymised: bool
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """Outcome of a claim: ``won`` is true for exactly one claimer; ``ticket`` shows the holder."""

    won: bool
    ticket: TicketRecord

    @property
    def holder_user_id(self) -> int | None:
        return self.ticket.assignee_user_id

    @property
    def holder_name(self) -> str | None:
        return self.ticket.assignee_name


@dataclass(frozen=True, slots=True)
class TicketMessageRecord:
    """One message of a ticket's conversation."""

    id: int
    ticket_id: int
    author_kind: AuthorKind
    author_user_id: int | None
    author_name: str | None
    text: str
    telegram_chat_id: int | None
    telegram_message_id: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A message handed to the sender; ``attempts`` counts failed tries so far."""

    id: int
    kind: OutboxKind
    chat_id: int
    message_thread_id: int | None
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    reply_to_message_id: int | None
    ticket_id: int | None
    dedupe_key: str
    status: OutboxStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    telegram_message_id: int | None
    possible_repeat: bool = False
    edit_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail."""

    id: int
    actor_user_id: int | None
    actor_name: str | None
    action: str
    ticket_id: int | None
    detail: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FaqDraftRecord:
    """An FAQ entry drafted from a ticket."""

    id: int
    ticket_id: int
    question: str
    answer: str
    status: DraftStatus
    edited_by: int | None
    approved_by: int | None
    file_path: str | None
    created_at: datetime
    approved_at: datetime | None


@dataclass(frozen=True, slots=True)
class ForgetResult:
    """What ``forget_official`` blanked; ``found`` is false when the user was unknown."""

    found: bool
    questions: int = 0
    answers: int = 0
    tickets: int = 0
    ticket_messages: int = 0
    outbox: int = 0


def from_row(record_type: type[R], row: object, **overrides: Any) -> R:
    """Build ``record_type`` from the same-named attributes of an ORM row, plus ``overrides``."""
    names = record_type.__dataclass_fields__  # type: ignore[attr-defined]
    values = {name: overrides[name] if name in overrides else getattr(row, name) for name in names}
    return record_type(**values)
