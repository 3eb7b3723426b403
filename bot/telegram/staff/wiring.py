"""The staff queue's parts for the composition root: its handlers, its jobs, its ``Handover``.

``bot.telegram.app.wire`` registers what these return. The queue's handlers run in group
``STAFF_QUEUE_GROUP`` (-2), before the conversation's dedupe gate and handlers, so a staff
command or a reply to a staff answer is never taken for a question; each marks the update
processed itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import BotCommand
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import messages
from bot.chat import Handover
from bot.queue import QueueHandover, StaffQueue
from bot.queue.actions import FORGET_PATTERN, STAFF_BUTTON_PATTERN
from bot.settings import Settings
from bot.storage import Storage
from bot.telegram.staff.handlers import StaffHandlers
from bot.telegram.staff.official_handlers import OfficialQueueHandlers, RepliesToBot
from bot.telegram.staff.outbox import purge_job, upkeep_job
from bot.telegram.staff.runtime import QueueRuntime

QUEUE_COMMANDS = (
    BotCommand("mijnvragen", messages.COMMAND_MIJNVRAGEN),
    BotCommand("annuleer", messages.COMMAND_ANNULEER),
    BotCommand("vergeetmij", messages.COMMAND_VERGEETMIJ),
)
# (callback, interval, first run in seconds, job name)
QueueJob = tuple[Callable[..., Any], timedelta, float, str]


def queue_handlers(runtime: QueueRuntime) -> list[BaseHandler[Any, Any, Any]]:
    """Staff commands and buttons (staff chat or private), officials' queue commands and replies."""
    staff, officials = StaffHandlers(runtime), OfficialQueueHandlers(runtime)
    staff_chat_id = runtime.settings.staff_chat_id
    staff_chat = filters.Chat(chat_id=staff_chat_id) if staff_chat_id is not None else None
    messages_only = filters.UpdateType.MESSAGES  # commands never from channel posts
    outside = messages_only & (~staff_chat if staff_chat is not None else filters.ALL)
    private = filters.ChatType.PRIVATE
    staff_commands = messages_only & ((staff_chat | private) if staff_chat is not None else private)
    new_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    handlers: list[BaseHandler[Any, Any, Any]] = [
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
        handlers.append(ChatMemberHandler(staff.on_member, ChatMemberHandler.CHAT_MEMBER, chat_id=staff_chat_id))
    return handlers


def queue_jobs(runtime: QueueRuntime) -> list[QueueJob]:
    """The outbox sender, the reminders and the retention purge."""
    return [
        (runtime.pump.tick, runtime.outbox_every, runtime.outbox_every.total_seconds(), "staff-queue-outbox"),
        (upkeep_job(runtime.queue), runtime.upkeep_every, 30, "staff-queue-upkeep"),
        (purge_job(runtime.queue), runtime.purge_every, 120, "staff-queue-purge"),
    ]


def staff_queue_handover(storage: Storage, settings: Settings) -> Handover:
    """The conversation's ``Handover``, answered by opening tickets in the staff queue."""
    return QueueHandover(StaffQueue.over(storage, settings).officials)
