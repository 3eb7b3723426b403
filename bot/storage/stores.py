"""``Storage``: the database and every repository over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from .audit import AuditRepository
from .conversation import ConversationRepository
from .db import Database
from .faq_drafts import FaqDraftRepository
from .officials import OfficialRepository
from .outbox import OutboxRepository
from .relays import RelayRepository
from .tickets import TicketRepository
from .types import Clock, utcnow
from .updates import UpdateRepository


@dataclass(frozen=True, slots=True)
class Storage:
    """What the composition root hands to services; building it does no I/O."""

    database: Database
    officials: OfficialRepository
    conversation: ConversationRepository
    updates: UpdateRepository
    tickets: TicketRepository
    outbox: OutboxRepository
    audit: AuditRepository
    faq_drafts: FaqDraftRepository
    relays: RelayRepository

    @classmethod
    def open(
        cls, url: str, *, clock: Clock = utcnow, outbox_stale_after: timedelta = timedelta(minutes=2)
    ) -> Storage:
        """Repositories over a new ``Database(url)``; call ``database.upgrade()`` before use."""
        return cls.over(Database(url), clock=clock, outbox_stale_after=outbox_stale_after)

    @classmethod
    def over(
        cls,
        database: Database,
        *,
        clock: Clock = utcnow,
        outbox_stale_after: timedelta = timedelta(minutes=2),
    ) -> Storage:
        """Repositories over an existing ``Database``."""
        return cls(
            database=database,
            officials=OfficialRepository(database, clock=clock),
            conversation=ConversationRepository(database, clock=clock),
            updates=UpdateRepository(database, clock=clock),
            tickets=TicketRepository(database, clock=clock),
            outbox=OutboxRepository(database, clock=clock, stale_after=outbox_stale_after),
            audit=AuditRepository(database, clock=clock),
            faq_drafts=FaqDraftRepository(database, clock=clock),
            relays=RelayRepository(database, clock=clock),
        )
