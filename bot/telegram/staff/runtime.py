"""``QueueRuntime``: what the staff queue's handlers and jobs share within one Application."""

from __future__ import annotations

from datetime import timedelta

from bot.queue import QueueConfig, StaffQueue
from bot.settings import Settings
from bot.telegram.context import BotContext
from bot.telegram.staff.access import StaffAccess
from bot.telegram.staff.outbox import OutboxPump

OUTBOX_EVERY = timedelta(seconds=1)
UPKEEP_EVERY = timedelta(minutes=10)
PURGE_EVERY = timedelta(hours=6)


class QueueRuntime:
    """Config, the staff check, the outbox pump, the desks and how often the queue's jobs run."""

    def __init__(
        self,
        settings: Settings,
        *,
        outbox_every: timedelta = OUTBOX_EVERY,
        upkeep_every: timedelta = UPKEEP_EVERY,
        purge_every: timedelta = PURGE_EVERY,
    ) -> None:
        self.settings = settings
        self.config = QueueConfig.from_settings(settings)
        self.access = StaffAccess(settings.staff_chat_id, settings.staff_user_ids)
        self.pump = OutboxPump(self.queue)
        self.outbox_every, self.upkeep_every, self.purge_every = outbox_every, upkeep_every, purge_every
        self._queue: StaffQueue | None = None

    def queue(self, context: BotContext) -> StaffQueue:
        """The desks over the storage the composition root opened in post_init."""
        storage = context.services.storage
        if self._queue is None or self._queue.storage is not storage:
            self._queue = StaffQueue.over(storage, self.config)
        return self._queue
