"""Storing each Telegram update, redacted, before Telegram is told it arrived.

Why here: PTB's Updater confirms a batch of polled updates on its next ``getUpdates`` call
(``offset = last id + 1``), and it makes that call only after it has ``put`` every update of the
batch on the Application's ``update_queue``. ``StoringQueue.put`` writes the update to the inbox
first, so an update Telegram forgets has always been stored; when storing fails the exception
stops the batch, the offset does not move and Telegram sends the updates again. The webhook
route calls ``store_update`` before it answers 200 (``bot.telegram.server``).

What is stored is the update's JSON with every ``text`` and ``caption`` (at any depth: a quoted
message too) passed through the personal-data guard, so the inbox holds nothing the rest of
the database may not.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update

from bot.answer.privacy import redact
from bot.storage import InboxRepository

logger = logging.getLogger(__name__)

REDACTED_KEYS = frozenset({"text", "caption", "query", "quote"})


class InboxNotReady(RuntimeError):
    """An update arrived before the database was open: it is not confirmed, Telegram resends it."""


def redacted(value: Any) -> Any:
    """A copy of an update's JSON with every text and caption through the personal-data guard."""
    if isinstance(value, dict):
        return {key: _redact_field(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [redacted(item) for item in value]
    return value


def _redact_field(key: str, value: Any) -> Any:
    if key in REDACTED_KEYS and isinstance(value, str):
        return redact(value).text
    return redacted(value)


def stored_form(update: Update) -> tuple[dict[str, Any], int | None, int | None]:
    """(redacted JSON, user id, chat id) of ``update``."""
    user, chat = update.effective_user, update.effective_chat
    return redacted(update.to_dict()), user.id if user else None, chat.id if chat else None


class StoringQueue(asyncio.Queue[object]):
    """The Application's ``update_queue``: a Telegram update is stored before it is queued.

    ``inbox`` is set once the database is open (``post_init``), before polling starts. Other
    objects (events the bot puts on its own queue) pass through unstored.
    """

    def __init__(self) -> None:
        super().__init__()
        self.inbox: InboxRepository | None = None

    async def put(self, item: object) -> None:
        if isinstance(item, Update):
            await store_update(self.inbox, item)
        await super().put(item)


async def store_update(inbox: InboxRepository | None, update: Update) -> bool:
    """Store ``update`` in a worker thread; ``False`` when it was stored before (a redelivery)."""
    if inbox is None:
        raise InboxNotReady(f"update {update.update_id} arrived before the inbox was open")
    payload, user_id, chat_id = stored_form(update)
    fresh = await asyncio.to_thread(inbox.store, update.update_id, payload, user_id, chat_id)
    if not fresh:
        logger.info("Update %s arrived again; stored before", update.update_id)
    return fresh
