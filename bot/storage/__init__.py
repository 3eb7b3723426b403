"""Storage of Vraagbaak: SQLite or PostgreSQL through SQLAlchemy 2, migrated by Alembic.

Repositories are synchronous (async callers use ``asyncio.to_thread``), take a ``Database``
and return frozen records, never ORM objects. Everything stored is already redacted of
personal identifiers by the caller.
"""

from bot.storage.audit import AuditRepository
from bot.storage.conversation import AskedQuestion, ConversationRepository, GivenAnswer
from bot.storage.db import Database, current_revision, upgrade
from bot.storage.enums import (
    REMOVED,
    AuthorKind,
    Decision,
    DraftStatus,
    HandoverTrigger,
    OutboxKind,
    OutboxStatus,
    TicketStatus,
    UpdateStatus,
)
from bot.storage.errors import (
    ConstraintViolation,
    DatabaseUnavailable,
    InvalidDatabaseURL,
    InvalidTransition,
    MigrationError,
    NotFound,
    NotTicketOwner,
    StorageError,
)
from bot.storage.faq_drafts import FaqDraftRepository
from bot.storage.inbox import InboxRepository, NewUpdate, StoredUpdate
from bot.storage.migrate import head_revision
from bot.storage.officials import OfficialRepository
from bot.storage.outbox import OutboxRepository
from bot.storage.records import (
    AnswerRecord,
    AuditEntry,
    ClaimResult,
    FaqDraftRecord,
    ForgetResult,
    OfficialRecord,
    OutboxItem,
    QuestionRecord,
    TicketMessageRecord,
    TicketRecord,
)
from bot.storage.relays import OutgoingMessage, RelayRepository, RelayResult
from bot.storage.stores import Storage
from bot.storage.tickets import TicketRepository
from bot.storage.types import utcnow
from bot.storage.updates import UpdateRepository

__all__ = [
    "REMOVED",
    "AnswerRecord",
    "AskedQuestion",
    "AuditEntry",
    "AuditRepository",
    "AuthorKind",
    "ClaimResult",
    "ConstraintViolation",
    "ConversationRepository",
    "Database",
    "DatabaseUnavailable",
    "Decision",
    "DraftStatus",
    "FaqDraftRecord",
    "FaqDraftRepository",
    "ForgetResult",
    "GivenAnswer",
    "HandoverTrigger",
    "InboxRepository",
    "InvalidDatabaseURL",
    "InvalidTransition",
    "MigrationError",
    "NewUpdate",
    "NotFound",
    "NotTicketOwner",
    "OfficialRecord",
    "OfficialRepository",
    "OutboxItem",
    "OutboxKind",
    "OutboxRepository",
    "OutboxStatus",
    "OutgoingMessage",
    "QuestionRecord",
    "RelayRepository",
    "RelayResult",
    "Storage",
    "StorageError",
    "StoredUpdate",
    "TicketMessageRecord",
    "TicketRecord",
    "TicketRepository",
    "TicketStatus",
    "UpdateRepository",
    "UpdateStatus",
    "current_revision",
    "head_revision",
    "upgrade",
    "utcnow",
]
