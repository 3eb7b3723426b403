"""Storing each Telegram update, redacted, before Telegram is told it arrived.

Why here: PTB's Updater confirms a batch of polled updates on its next ``getUpdates`` call
(``offset = last id + 1``), and it makes that call only after it has ``put`` every update of the
batch on the Application's ``update_queue``. ``StoringQueue.put`` collects the batch; the batch
is written to the inbox in one transaction and only then queued for the handlers. The next
``getUpdates`` goes through ``StoredFirstRequest``, which waits until everything collected is
stored: so an update Telegram forgets has always been stored. A failed write is retried (1 s,
doubling, at most 30 s) while ``getUpdates`` waits; a process that dies meanwhile confirmed
nothing, and Telegram sends the updates again. The webhook route calls ``store_update`` before
it answers 200 (``bot.telegram.server``).

Why a batch: one commit per polled batch instead of one per update. Stored one by one, in
arrival order and behind the handlers' own transactions, intake took ~32 ms an update and capped
a burst at ~30 updates a second (BENCHMARKS.md, "Telegram bot under load").

What is stored is the update's JSON with every ``text`` and ``caption`` (at any depth: a quoted
message too) passed through the personal-data guard, so the inbox holds nothing the rest of
the database may not.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest, RequestData

from bot.answer.privacy import redact
from bot.storage import InboxRepository, NewUpdate

logger = logging.getLogger(__name__)

REDACTED_KEYS = frozenset({"text", "caption", "query", "quote"})
FIRST_RETRY_S = 1.0
LAST_RETRY_S = 30.0


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
    """The Application's ``update_queue``: Telegram updates are stored, a polled batch at once, before they are queued.

    ``inbox`` is set once the database is open (``post_init``), before polling starts. Other
    objects (events the bot puts on its own queue) pass through unstored.
    """

    def __init__(self) -> None:
        super().__init__()
        self.inbox: InboxRepository | None = None
        self._collected: list[Update] = []
        self._storing: asyncio.Task[None] | None = None

    async def put(self, item: object) -> None:
        if not isinstance(item, Update):
            await super().put(item)
            return
        if self.inbox is None:
            raise InboxNotReady(f"update {item.update_id} arrived before the inbox was open")
        self._collected.append(item)
        if self._storing is None or self._storing.done():
            self._storing = asyncio.get_running_loop().create_task(self._store_collected(self.inbox))

    async def stored(self) -> None:
        """Return once every update put so far is stored and queued (a cancelled wait stops no write)."""
        while self._storing is not None and not self._storing.done():
            await asyncio.shield(self._storing)

    async def _store_collected(self, inbox: InboxRepository) -> None:
        delay = FIRST_RETRY_S
        while self._collected:
            batch, self._collected = self._collected, []
            try:
                await store_updates(inbox, batch)
            except Exception as exc:  # the database is down or locked: keep them, retry, confirm nothing
                self._collected = batch + self._collected
                logger.warning("Could not store %s updates, retrying in %.0f s: %s", len(batch), delay,
                               redact(str(exc)).text)  # fmt: skip
                await asyncio.sleep(delay)
                delay = min(delay * 2, LAST_RETRY_S)
                continue
            delay = FIRST_RETRY_S
            for update in batch:
                self.put_nowait(update)


class StoredFirstRequest(HTTPXRequest):
    """The HTTP client of ``getUpdates`` only: it asks Telegram (and so confirms) after the queue stored all."""

    def __init__(self, queue: StoringQueue, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._queue = queue

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         **timeouts: Any) -> tuple[int, bytes]:  # fmt: skip
        await self._queue.stored()
        return await super().do_request(url, method, request_data, **timeouts)


async def store_updates(inbox: InboxRepository, updates: list[Update]) -> set[int]:
    """Store a polled batch in one worker-thread transaction; the ids that were new."""
    rows = [NewUpdate(update.update_id, *stored_form(update)) for update in updates]
    fresh = await asyncio.to_thread(inbox.store_many, rows)
    for update in updates:
        if update.update_id not in fresh:
            logger.info("Update %s arrived again; stored before", update.update_id)
    return fresh


async def store_update(inbox: InboxRepository | None, update: Update) -> bool:
    """Store ``update`` in a worker thread; ``False`` when it was stored before (a redelivery)."""
    if inbox is None:
        raise InboxNotReady(f"update {update.update_id} arrived before the inbox was open")
    payload, user_id, chat_id = stored_form(update)
    fresh = await asyncio.to_thread(inbox.store, update.update_id, payload, user_id, chat_id)
    if not fresh:
        logger.info("Update %s arrived again; stored before", update.update_id)
    return fresh
