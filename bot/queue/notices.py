"""Queueing the queue's own messages in the outbox: ticket posts, notices to staff and officials.

Every message gets a ``dedupe_key`` naming the event behind it, so doing the same thing twice
(a retried handler, the upkeep job reposting) queues it once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot import messages
from bot.queue.actions import local_government_prompt, ticket_keyboard
from bot.queue.config import QueueConfig
from bot.queue.render import notice, staff_post
from bot.storage import OfficialRecord, OutboxKind, OutgoingMessage, Storage, TicketRecord

logger = logging.getLogger(__name__)

HTML = "HTML"
LOCAL_GOVERNMENT_KEY = "lg-ask:"


class Notices:
    """Writes outbox rows; the sender (a JobQueue job in the bot) delivers them."""

    def __init__(self, storage: Storage, config: QueueConfig) -> None:
        self._storage = storage
        self._config = config

    def post(self, ticket: TicketRecord, official: OfficialRecord | None) -> None:
        """The ticket's post in the staff chat, with its buttons; a forum topic is opened when sent."""
        if self._config.staff_chat_id is None:
            logger.warning("No staff chat configured: ticket %s is only in the database", ticket.id)
            return
        self._storage.outbox.enqueue(
            OutboxKind.POST_TO_STAFF, self._config.staff_chat_id, staff_post(ticket, official),
            dedupe_key=f"post:{ticket.id}", parse_mode=HTML, reply_markup=ticket_keyboard(ticket.id),
            ticket_id=ticket.id,
        )  # fmt: skip

    def to_staff(self, ticket_id: int, text: str, key: str) -> None:
        """A plain-text notice in the ticket's topic (or under its post)."""
        for message in self.staff_messages(ticket_id, [notice(text)], key):
            self._storage.outbox.enqueue(
                message.kind, message.chat_id, message.text, dedupe_key=message.dedupe_key,
                parse_mode=HTML, ticket_id=ticket_id,
            )  # fmt: skip

    def staff_messages(self, ticket_id: int, parts: Sequence[str], key: str) -> list[OutgoingMessage]:
        """HTML ``parts`` for the ticket's place in the staff chat; none without a staff chat."""
        chat = self._config.staff_chat_id
        if chat is None:
            return []
        return [OutgoingMessage(OutboxKind.NOTIFY_STAFF, chat, part, f"{key}:{index}", HTML)
                for index, part in enumerate(parts)]  # fmt: skip

    def to_official(self, chat_id: int, text: str, key: str, *, ticket_id: int | None = None) -> None:
        """A plain-text message to an official; replying to it continues ``ticket_id``."""
        self._storage.outbox.enqueue(
            OutboxKind.NOTIFY_OFFICIAL, chat_id, notice(text), dedupe_key=key, parse_mode=HTML,
            ticket_id=ticket_id,
        )  # fmt: skip

    def ask_local_government(self, official: OfficialRecord, chat_id: int) -> None:
        """Once per official (the key is theirs): which local government they work for."""
        self._storage.outbox.enqueue(
            OutboxKind.NOTIFY_OFFICIAL, chat_id, notice(messages.LOCAL_GOVERNMENT_ASK),
            dedupe_key=f"{LOCAL_GOVERNMENT_KEY}{official.id}", parse_mode=HTML,
            reply_markup=local_government_prompt(),
        )  # fmt: skip
