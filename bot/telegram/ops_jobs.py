"""Operations inside the running bot: singleton jobs, readiness checks, Telegram heartbeat, gauges.

- ``Singletons.guard(name, job)`` wraps a JobQueue callback so that, with several replicas on
  one PostgreSQL database, exactly one of them runs it (``bot.storage.locks``).
- ``install_checks`` registers what ``/readyz`` looks at: the database answers, the index is
  loaded, Telegram answered within the last minute.
- ``heartbeat`` calls ``getMe`` when nothing else proved Telegram reachable lately (a webhook
  bot with no traffic sends nothing); ``sample_queue`` sets the queue gauges of ``/metrics``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import TelegramError

from bot.ops import Readiness, record_queue
from bot.ops.readiness import TELEGRAM_WINDOW_S
from bot.storage import Storage
from bot.storage.locks import SingletonLocks
from bot.storage.queue_stats import QueueStats
from bot.telegram.context import BotApplication, BotContext, Services
from bot.telegram.jobs import note_served
from index import HybridRetriever

logger = logging.getLogger(__name__)

Job = Callable[[BotContext], Coroutine[Any, Any, None]]
HEARTBEAT_EVERY = timedelta(seconds=TELEGRAM_WINDOW_S / 3)
SAMPLE_EVERY = timedelta(seconds=15)


class Singletons:
    """The advisory locks of one Application's singleton jobs (opened on first use)."""

    def __init__(self) -> None:
        self._locks: SingletonLocks | None = None

    def guard(self, name: str, job: Job) -> Job:
        """``job`` run only in the replica holding the lock ``name``."""

        async def guarded(context: BotContext) -> None:
            locks = self._for(context.services.storage)
            if await asyncio.to_thread(locks.acquire, name):
                await job(context)

        guarded.__name__ = guarded.__qualname__ = f"singleton_{name.replace('-', '_')}"
        return guarded

    def release(self) -> None:
        if self._locks is not None:
            self._locks.release()

    def _for(self, storage: Storage) -> SingletonLocks:
        if self._locks is None:
            self._locks = SingletonLocks(storage.database)
        return self._locks


def install_checks(application: BotApplication) -> None:
    """Register the readiness checks on ``application.bot_data.readiness``."""
    data = application.bot_data
    readiness = data.readiness

    def database() -> str | None:
        if data.services is None:
            return "not loaded yet"
        data.services.storage.database.connect()
        return None

    def index() -> str | None:
        return None if data.services is not None else "the model and index are still loading"

    readiness.add("index", index)
    readiness.add("database", database)
    readiness.add("telegram", readiness.telegram_check)


async def heartbeat(context: BotContext) -> None:
    """Job: prove Telegram reachable (``getMe``) unless a call did so within the window's third."""
    readiness: Readiness = context.bot_data.readiness
    if readiness.telegram_fresh(HEARTBEAT_EVERY.total_seconds()):
        return
    try:
        await context.bot.get_me()
    except TelegramError as exc:
        logger.warning("Telegram heartbeat failed: %s", exc)
        return
    readiness.telegram_answered()


async def sample_queue(context: BotContext) -> None:
    """Job: the gauges of open tickets by age and of the outbox backlog."""
    storage = context.services.storage
    snapshot = await asyncio.to_thread(QueueStats(storage.database).snapshot)
    record_queue(snapshot.open_by_age, snapshot.outbox_backlog, snapshot.outbox_oldest_s)


def note_index(services: Services) -> tuple[str, int | str]:
    """The served index version and chunk count, for the ready line (and the index gauges)."""
    retriever = getattr(services.conversation.assistant, "retriever", None)
    if not isinstance(retriever, HybridRetriever):
        return "unknown", "?"
    note_served(retriever)
    return retriever.manifest.version_id, retriever.manifest.chunk_count
