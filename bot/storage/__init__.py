"""Storage of Vraagbaak: SQLite or PostgreSQL through SQLAlchemy 2, migrated by Alembic.

Repositories are synchronous (async callers use ``asyncio.to_thread``), take a ``Database``
and return frozen records, never ORM objects. Everything stored is already redacted of
personal identifiers by the caller.
"""

from .audit import AuditRepository
from .conversation import ConversationRepository
from .db import Database
from .enums import (
    REMOVED,
    AuthorKind,
    Decision,
    DraftStatus,
    OutboxKind,
    OutboxStatus,
    TicketStatus,
    TicketTrigger,
)
from .errors import (
    ConstraintViolation,
    DatabaseUnavailable,
    InvalidTransition,
    MigrationError,
    NotFound,
    NotTicketOwner,
    StorageError,
)
from .faq_drafts import FaqDraftRepository
from .migrate import current_revision, head_revision, upgrade
from .officials import OfficialRepository
from .outbox import OutboxRepository
from .protocols import TicketStore
from .records import (
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
from .relays import OutgoingMessage, RelayRepository, RelayResult
from .stores import Storage
from .tickets import TicketRepository
from .types import utcnow
from .updates import UpdateRepository

__all__ = [
    "REMOVED",
    "AnswerRecord",
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
    "InvalidTransition",
    "MigrationError",
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
    "TicketMessageRecord",
    "TicketRecord",
    "TicketRepository",
    "TicketStatus",
    "TicketStore",
    "TicketTrigger",
    "UpdateRepository",
    "current_revision",
    "head_revision",
    "upgrade",
    "utcnow",
]
