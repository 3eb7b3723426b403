"""``Storage``: the database and every repository over it, built in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.storage.audit import AuditRepository
from bot.storage.conversation import ConversationRepository
from bot.storage.db import Database
from bot.storage.faq_drafts import FaqDraftRepository
from bot.storage.inbox import InboxRepository
from bot.storage.officials import OfficialRepository
from bot.storage.outbox import OutboxRepository
from bot.storage.relays import RelayRepository
from bot.storage.tickets import TicketRepository
from bot.storage.types import Clock, utcnow
from bot.storage.updates import UpdateRepository


@dataclass(frozen=True, slots=True)
class Storage:
    """What the composition root hands to services; building it does no I/O."""

    database: Database
    officials: OfficialRepository
    conversation: ConversationRepository
    updates: UpdateRepository
    inbox: InboxRepository
    tickets: TicketRepository
    outbox: OutboxRepository
    audit: AuditRepository
    faq_drafts: FaqDraftRepository
    relays: RelayRepository

    @classmethod
    def open(cls, url: str, *, clock: Clock = utcnow, outbox_stale_after: timedelta = timedelta(minutes=2)) -> Storage:
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
            inbox=InboxRepository(database, clock=clock),
            tickets=TicketRepository(database, clock=clock),
            outbox=OutboxRepository(database, clock=clock, stale_after=outbox_stale_after),
            audit=AuditRepository(database, clock=clock),
            faq_drafts=FaqDraftRepository(database, clock=clock),
            relays=RelayRepository(database, clock=clock),
        )
