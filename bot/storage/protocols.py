"""The ticket store as a ``Protocol``: what the bot needs, so a fake can stand in for tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from .enums import AuthorKind, TicketTrigger
from .records import ClaimResult, TicketMessageRecord, TicketRecord


class TicketStore(Protocol):
    """The staff queue; ``TicketRepository`` is the database implementation."""

    def create_ticket(
        self,
        official_id: int,
        chat_id: int,
        question_text: str,
        trigger: TicketTrigger,
        *,
        question_id: int | None = None,
        bot_answer: str | None = None,
        bot_sources: Iterable[Mapping[str, Any]] = (),
        bot_confidence: float | None = None,
    ) -> TicketRecord: ...

    def get_ticket(self, ticket_id: int) -> TicketRecord | None: ...

    def list_open(self) -> list[TicketRecord]: ...

    def list_for_official(self, official_id: int, *, active_only: bool = False) -> list[TicketRecord]: ...

    def claim(self, ticket_id: int, staff_user_id: int, staff_name: str) -> ClaimResult: ...

    def add_message(
        self,
        ticket_id: int,
        author_kind: AuthorKind,
        text: str,
        *,
        author_user_id: int | None = None,
        author_name: str | None = None,
        telegram_chat_id: int | None = None,
        telegram_message_id: int | None = None,
    ) -> TicketMessageRecord: ...

    def messages(self, ticket_id: int) -> list[TicketMessageRecord]: ...

    def mark_answered(self, ticket_id: int, staff_user_id: int, staff_name: str) -> TicketRecord: ...

    def close(self, ticket_id: int) -> TicketRecord: ...

    def reopen(self, ticket_id: int) -> TicketRecord: ...

    def withdraw(self, ticket_id: int, official_id: int) -> TicketRecord: ...

    def set_staff_post(
        self, ticket_id: int, chat_id: int, thread_id: int | None, message_id: int
    ) -> None: ...

    def find_by_staff_thread(self, chat_id: int, thread_id: int) -> TicketRecord | None: ...

    def find_by_staff_message(self, chat_id: int, message_id: int) -> TicketRecord | None: ...

    def overdue(self, older_than: timedelta, *, now: datetime | None = None) -> list[TicketRecord]: ...

    def mark_reminded(self, ticket_id: int, *, at: datetime | None = None) -> None: ...

    def anonymise_older_than(self, days: int, *, now: datetime | None = None) -> int: ...
