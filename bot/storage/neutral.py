"""Neutral staff-forum texts for forgotten and purged tickets, queued as outbox edits.

Blanking a ticket in the database leaves its traces in Telegram: the forum topic is named after
the question and the bot's posts in it quote the question and the follow-ups. In the same
transaction as the blanking, one outbox row renames the topic and one rewrites each message
the bot sent into the staff chat for the ticket, to "Vraag #N — verwijderd ...". The sender
retries them like any other row. Messages staff typed themselves cannot be edited by a bot.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage.enums import OutboxKind, OutboxStatus
from bot.storage.models import OutboxMessage, Ticket
from bot.storage.outbox import insert_outbox_row

EDIT_KINDS = (OutboxKind.EDIT_STAFF_MESSAGE, OutboxKind.RENAME_STAFF_TOPIC)
STAFF_CHAT_KINDS = (OutboxKind.POST_TO_STAFF, OutboxKind.NOTIFY_STAFF)
TOPIC_NAME_LIMIT = 128


def queue_neutral_edits(session: Session, ticket_ids: Sequence[int], template: str, now: datetime) -> int:
    """Queue the rename and the edits for these tickets; ``template`` has ``{ticket_id}``. Rows queued."""
    queued = 0
    posted = select(Ticket).where(Ticket.id.in_(list(ticket_ids)), Ticket.staff_chat_id.is_not(None))
    for ticket in session.scalars(posted):
        chat = ticket.staff_chat_id
        assert chat is not None
        text = template.format(ticket_id=ticket.id)
        if ticket.staff_thread_id is not None:
            insert_outbox_row(session, now, kind=OutboxKind.RENAME_STAFF_TOPIC, chat_id=chat,
                              message_thread_id=ticket.staff_thread_id, text=text[:TOPIC_NAME_LIMIT],
                              ticket_id=ticket.id, dedupe_key=f"neutral-topic:{ticket.id}")  # fmt: skip
            queued += 1
        for message_id in _bot_messages(session, ticket):
            insert_outbox_row(session, now, kind=OutboxKind.EDIT_STAFF_MESSAGE, chat_id=chat, text=text,
                              edit_message_id=message_id, ticket_id=ticket.id,
                              dedupe_key=f"neutral:{chat}:{message_id}")  # fmt: skip
            queued += 1
    return queued


def _bot_messages(session: Session, ticket: Ticket) -> list[int]:
    """Ids of the messages the bot sent into the staff chat for ``ticket``: its post, notices, copies, holds."""
    sent = session.scalars(
        select(OutboxMessage.telegram_message_id).where(
            OutboxMessage.ticket_id == ticket.id,
            OutboxMessage.chat_id == ticket.staff_chat_id,
            OutboxMessage.kind.in_(STAFF_CHAT_KINDS),
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.telegram_message_id.is_not(None),
        )
    )
    ids = {int(message_id) for message_id in sent if message_id is not None}
    if ticket.staff_message_id is not None:
        ids.add(ticket.staff_message_id)
    return sorted(ids)
