"""Small results the workspace hands to the web pages and the CLI."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.queue import TicketView
from bot.storage import AuditEntry, FaqDraftRecord, TicketRecord
from bot.storage.accounts import StaffAccountRecord
from bot.storage.workdesk import CannedReplyRecord, NoteRecord


class Sla(enum.StrEnum):
    """How a waiting ticket stands against the response target."""

    OK = "ok"
    SOON = "soon"  # three quarters of the target used
    LATE = "late"
    DONE = "done"  # answered, closed or withdrawn


class Outcome(enum.StrEnum):
    """How a closed ticket ended."""

    ANSWERED = "answered"
    REFERRED = "referred"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True, slots=True)
class Staff:
    """The logged-in staff member."""

    account_id: int
    name: str
    email: str
    admin: bool

    @classmethod
    def of(cls, account: StaffAccountRecord) -> Staff:
        return cls(account.id, account.name, account.email, account.role == "admin")


@dataclass(frozen=True, slots=True)
class InboxFilter:
    """What staff filter the inbox on; empty strings do not filter."""

    status: str = "active"  # active | open | claimed | answered | closed | all
    theme: str = ""
    local_government: str = ""
    assignee: str = ""
    trigger: str = ""
    older_than_hours: int = 0
    search: str = ""


@dataclass(frozen=True, slots=True)
class InboxItem:
    """One inbox row."""

    ticket: TicketRecord
    local_government: str | None
    theme: str
    age_hours: float
    sla: Sla


@dataclass(frozen=True, slots=True)
class TicketPage:
    """Everything the ticket page shows."""

    view: TicketView
    theme: str
    sla: Sla
    notes: tuple[NoteRecord, ...]
    canned: tuple[CannedReplyRecord, ...]
    drafts: tuple[FaqDraftRecord, ...]
    audit: tuple[AuditEntry, ...]
