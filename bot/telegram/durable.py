"""The gate every Telegram update goes through: lease it, run its handlers, then mark it done.

Why an ``Application`` subclass: PTB routes a handler's exception to the error handlers and
carries on, so only around ``process_update`` (with ``process_error`` noting the failure) can
the bot know that *all* of an update's handlers finished without error. Then, and only then,
the stored update is marked done; a failure leaves it stored for a retry (``RETRY_AFTER``
later), and the ``MAX_ATTEMPTS``-th failure sets it aside (audited, the official told once).
A question the rate limit defers is handed back to the inbox with a ``not_before`` time by its
handler (``defer``); ``resume`` (a JobQueue job, and once at start) serves what is due in
arrival order, one official's updates one after another.

The lease (``LEASE``, renewed by ``renew_leases`` while a slow update is handled) is what keeps
two replicas on PostgreSQL from handling one update twice; on SQLite, which one process owns,
the leases of a killed predecessor are freed at start.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from typing import Any, cast

from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, Job

from bot import messages
from bot.answer.privacy import redact
from bot.storage import InboxRepository, StoredUpdate, utcnow
from bot.telegram.context import BotApplication, BotContext, Services
from bot.telegram.intake import store_update
from bot.telegram.render import escape

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
RENEW_EVERY = timedelta(seconds=20)
RESUME_EVERY = timedelta(seconds=1)
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(seconds=5)
RESUME_BATCH = 500


@dataclass(slots=True)
class Handling:
    """The update being handled in this task: its stored row and how its handlers ended."""

    stored: StoredUpdate
    owner: str
    error: BaseException | None = None
    deferred: bool = False


_CURRENT: contextvars.ContextVar[Handling | None] = contextvars.ContextVar("vraagbaak_handling", default=None)


def current() -> Handling | None:
    """The stored update the running handler works for (``None`` outside the gate)."""
    return _CURRENT.get()


@dataclass(slots=True)
class Gate:
    """Per process: who holds leases, what is in hand, whether the bot is stopping."""

    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    in_hand: set[int] = field(default_factory=set)
    stopping: bool = False
    resuming: asyncio.Task[None] | None = None
    lines: dict[int, tuple[asyncio.Lock, int]] = field(default_factory=dict)

    @contextlib.asynccontextmanager
    async def line(self, update: Update) -> AsyncIterator[None]:
        """One official's updates one at a time, in the order they came (``asyncio.Lock`` is fair)."""
        user, chat = update.effective_user, update.effective_chat
        key = user.id if user is not None else chat.id if chat is not None else None
        if key is None:
            yield
            return
        lock, users = self.lines.get(key, (asyncio.Lock(), 0))
        self.lines[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self.lines[key]
            if users == 1:
                del self.lines[key]
            else:
                self.lines[key] = (lock, users - 1)


class DurableApplication(Application):  # type: ignore[type-arg]
    """PTB's Application with the inbox gate around each update (``ApplicationBuilder.application_class``)."""

    gate: Gate

    async def process_update(self, update: object) -> None:
        services = cast(BotApplication, self).bot_data.services
        if not isinstance(update, Update) or services is None:
            await super().process_update(update)
            return
        gate = self._gate()
        async with gate.line(update):
            await self._gated(update, services, gate)

    async def _gated(self, update: Update, services: Services, gate: Gate) -> None:
        if gate.stopping:
            logger.info("Update %s left stored: the bot is stopping", update.update_id)
            return
        stored = await _claim(services.storage.inbox, update, gate.owner)
        if stored is None:
            logger.info("Update %s is done, waiting or in hand elsewhere; skipped", update.update_id)
            return
        handling = Handling(stored, gate.owner)
        token = _CURRENT.set(handling)
        gate.in_hand.add(update.update_id)
        try:
            await super().process_update(update)
        except asyncio.CancelledError:
            await asyncio.shield(asyncio.to_thread(services.storage.inbox.release, update.update_id, gate.owner))
            raise
        finally:
            _CURRENT.reset(token)
            gate.in_hand.discard(update.update_id)
        await self._settle(update, handling, services)

    async def process_error(
        self, update: object | None, error: Exception, job: Job[Any] | None = None, coroutine: Any = None
    ) -> bool:
        handling = current()
        if handling is not None and isinstance(update, Update) and update.update_id == handling.stored.update_id:
            handling.error = error
        return await super().process_error(update, error, job, coroutine)

    def _gate(self) -> Gate:
        if not hasattr(self, "gate"):
            self.gate = Gate()
        return self.gate

    async def _settle(self, update: Update, handling: Handling, services: Services) -> None:
        inbox, update_id = services.storage.inbox, update.update_id
        if handling.deferred:
            return
        if handling.error is None:
            await asyncio.to_thread(inbox.finish, update_id, handling.owner)
            return
        reason = redact(f"{type(handling.error).__name__}: {handling.error}").text
        aside = await asyncio.to_thread(inbox.fail, update_id, handling.owner, reason, max_attempts=MAX_ATTEMPTS,
                                        retry_after=RETRY_AFTER)  # fmt: skip
        if aside:
            await _set_aside(self, update, services, reason)
        else:
            logger.warning("Update %s failed (attempt %s); retried in %s", update_id, handling.stored.attempts,
                           RETRY_AFTER)  # fmt: skip


async def _claim(inbox: InboxRepository, update: Update, owner: str) -> StoredUpdate | None:
    """The lease on ``update``; one that was never stored (handed in directly) is stored first."""
    stored = await asyncio.to_thread(inbox.claim, update.update_id, owner, LEASE)
    if stored is None and not await asyncio.to_thread(inbox.exists, update.update_id):
        await store_update(inbox, update)
        stored = await asyncio.to_thread(inbox.claim, update.update_id, owner, LEASE)
    return stored


async def _set_aside(application: Application, update: Update, services: Services, reason: str) -> None:  # type: ignore[type-arg]
    """Audit the poison update and tell the official once, politely (never in a channel or the staff chat)."""
    update_id, chat = update.update_id, update.effective_chat
    user = update.effective_user
    detail = {"update_id": update_id, "chat_id": chat.id if chat else None, "error": reason}
    await asyncio.to_thread(services.storage.audit.record, user.id if user else None, None, "update.set_aside",
                            None, detail)  # fmt: skip
    logger.error("Update %s set aside after %s failed attempts: %s", update_id, MAX_ATTEMPTS, reason)
    if chat is None or chat.type == ChatType.CHANNEL or chat.id == services.staff_chat_id:
        return
    try:
        await application.bot.send_message(chat.id, escape(messages.UPDATE_SET_ASIDE), parse_mode=ParseMode.HTML)
    except TelegramError as exc:
        logger.warning("Set-aside notice for update %s not sent: %s", update_id, type(exc).__name__)


def defer(handling: Handling, inbox: InboxRepository, not_before: datetime) -> None:
    """Hand the update back to the inbox until ``not_before`` (call in a worker thread)."""
    inbox.defer(handling.stored.update_id, handling.owner, not_before)
    handling.deferred = True


async def resume(context: BotContext) -> None:
    """Job (its first run right after start): handle what is stored, not done and due, in arrival order.

    The work runs as a task of its own, one at a time, so the job never overlaps itself. Each
    official's updates go one after another (answers stay in order); officials in parallel,
    through the Application's update processor (its concurrency limit holds).
    """
    application = cast(DurableApplication, context.application)
    gate = application._gate()
    if gate.stopping or (gate.resuming is not None and not gate.resuming.done()):
        return
    gate.resuming = application.create_task(_resume_due(application, context.services.storage.inbox))


async def _resume_due(application: DurableApplication, inbox: InboxRepository) -> None:
    due = await asyncio.to_thread(inbox.due, RESUME_BATCH)
    if not due:
        return
    logger.info("Resuming %s stored updates", len(due))
    lines = groupby(sorted(due, key=_line), key=_line)
    await asyncio.gather(*(_in_order(application, list(stored)) for _, stored in lines))


def _line(stored: StoredUpdate) -> tuple[int, int]:
    """Whose queue an update waits in: its official (by user, else chat), else its own."""
    key = stored.user_id if stored.user_id is not None else stored.chat_id
    return (0, key) if key is not None else (1, stored.update_id)


async def _in_order(application: DurableApplication, line: Iterable[StoredUpdate]) -> None:
    for stored in sorted(line, key=lambda item: item.update_id):
        if application._gate().stopping:
            return
        update = Update.de_json(stored.payload, application.bot)
        await application.update_processor.process_update(update, application.process_update(update))


async def renew_leases(context: BotContext) -> None:
    """Job: keep the leases on updates still in hand from running out (a slow answer)."""
    gate = cast(DurableApplication, context.application)._gate()
    if gate.in_hand:
        await asyncio.to_thread(context.services.storage.inbox.renew, sorted(gate.in_hand), gate.owner, LEASE)


async def prune_done(context: BotContext) -> None:
    """Job: forget done updates older than the job's ``data`` (a timedelta; Telegram keeps 24 h)."""
    assert context.job is not None and isinstance(context.job.data, timedelta)
    removed = await asyncio.to_thread(context.services.storage.inbox.prune, context.job.data)
    logger.info("Pruned %s done updates", removed)


def stop_taking(application: Any) -> None:
    """From now on updates stay stored for the next start: a stop does not wait for new work."""
    if isinstance(application, DurableApplication):
        application._gate().stopping = True


def utc_in(seconds: float) -> datetime:
    return utcnow() + timedelta(seconds=seconds)
