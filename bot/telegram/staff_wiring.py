"""Wiring of the staff queue into the bot: ``register_staff_queue`` and ``staff_queue_handover``.

The composition root (``app.py``) calls both: ``register_staff_queue(application, settings)``
after its own ``wire``, and ``staff_queue_handover(storage, settings)`` where it builds the
services. The queue's handlers run in group ``STAFF_QUEUE_GROUP`` (-2), before the
conversation's dedupe gate and handlers, so a staff command or a reply to a staff answer is
never taken for a question; each marks the update processed itself.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import BotCommand
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from .. import messages
from ..conversation import Handover
from ..queue import QueueConfig, QueueHandover, StaffQueue
from ..queue.actions import FORGET_PATTERN, STAFF_BUTTON_PATTERN
from ..settings import Settings
from ..storage import Storage
from .context import BotApplication, BotContext
from .relay_jobs import OutboxPump, purge_job, upkeep_job
from .staff_access import StaffAccess
from .staff_common import STAFF_QUEUE_GROUP
from .staff_handlers import StaffHandlers
from .staff_official_handlers import OfficialQueueHandlers, RepliesToBot

QUEUE_COMMANDS = (
    BotCommand("mijnvragen", messages.COMMAND_MIJNVRAGEN),
    BotCommand("annuleer", messages.COMMAND_ANNULEER),
    BotCommand("vergeetmij", messages.COMMAND_VERGEETMIJ),
)
OUTBOX_EVERY = timedelta(seconds=1)
UPKEEP_EVERY = timedelta(minutes=10)
PURGE_EVERY = timedelta(hours=6)


class QueueRuntime:
    """What the queue's handlers and jobs share: config, staff check, the outbox pump, the desks."""

    def __init__(self, settings: Settings) -> None:
        self.config = QueueConfig.from_settings(settings)
        self.access = StaffAccess(settings.staff_chat_id, settings.staff_user_ids)
        self.pump = OutboxPump(self.queue)
        self._queue: StaffQueue | None = None

    def queue(self, context: BotContext) -> StaffQueue:
        """The desks over the storage the composition root opened in post_init."""
        storage = context.services.storage
        if self._queue is None or self._queue.storage is not storage:
            self._queue = StaffQueue.over(storage, self.config)
        return self._queue


def register_staff_queue(
    application: BotApplication,
    settings: Settings,
    *,
    outbox_every: timedelta = OUTBOX_EVERY,
    upkeep_every: timedelta = UPKEEP_EVERY,
    purge_every: timedelta = PURGE_EVERY,
) -> QueueRuntime:
    """Register the queue's handlers (group -2) and its jobs: outbox sender, reminders, purge."""
    runtime = QueueRuntime(settings)
    staff, officials = StaffHandlers(runtime), OfficialQueueHandlers(runtime)
    staff_chat = filters.Chat(chat_id=settings.staff_chat_id) if settings.staff_chat_id is not None else None
    outside = ~staff_chat if staff_chat is not None else filters.ALL
    staff_commands = (staff_chat | filters.ChatType.PRIVATE) if staff_chat is not None else filters.ChatType.PRIVATE
    new_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    handlers = [
        CommandHandler("open", staff.open_tickets, filters=staff_commands),
        CommandHandler("ticket", staff.show_ticket, filters=staff_commands),
        CommandHandler("close", staff.close_ticket, filters=staff_commands),
        CommandHandler("faq", staff.edit_faq, filters=staff_commands),
        CommandHandler("faqok", staff.approve_faq, filters=staff_commands),
        CallbackQueryHandler(staff.on_button, pattern=STAFF_BUTTON_PATTERN),
        CommandHandler("mijnvragen", officials.my_tickets, filters=outside),
        CommandHandler("annuleer", officials.cancel, filters=outside),
        CommandHandler("vergeetmij", officials.forget, filters=outside),
        CallbackQueryHandler(officials.on_forget, pattern=FORGET_PATTERN),
        MessageHandler(outside & new_text & RepliesToBot(), officials.on_reply),
    ]
    if staff_chat is not None:
        in_ticket = filters.IS_TOPIC_MESSAGE | filters.REPLY
        handlers.append(MessageHandler(staff_chat & new_text & in_ticket, staff.on_message))
    application.add_handlers(handlers, group=STAFF_QUEUE_GROUP)
    jobs = application.job_queue
    if jobs is not None:
        jobs.run_repeating(runtime.pump.tick, outbox_every, first=outbox_every, name="staff-queue-outbox")
        jobs.run_repeating(upkeep_job(runtime.queue), upkeep_every, first=30, name="staff-queue-upkeep")
        jobs.run_repeating(purge_job(runtime.queue), purge_every, first=120, name="staff-queue-purge")
    return runtime


def staff_queue_handover(storage: Storage, settings: Settings) -> Handover:
    """The conversation's ``Handover``, answered by opening tickets in the staff queue."""
    return QueueHandover(StaffQueue.over(storage, settings).officials)
