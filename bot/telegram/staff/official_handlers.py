"""The officials' side of the staff queue: /mijnvragen, /annuleer N, /vergeetmij, and their replies.

A reply to a staff answer (or to the closing notice) is a follow-up: it goes to the ticket's
topic and reopens an answered or closed ticket. A reply to the local-government question sets
it on the official's profile. Any other reply is left to the conversation handlers.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, filters

from bot import messages
from bot.queue import QueueError, ReplyKind, TicketNotFound
from bot.queue.actions import FORGET_YES, forget_keyboard
from bot.queue.render import escape, my_tickets
from bot.telegram.context import BotContext
from bot.telegram.once import once
from bot.telegram.staff.common import number_arg, reply_html
from bot.telegram.staff.outbox import markup
from bot.telegram.staff.runtime import QueueRuntime

logger = logging.getLogger(__name__)


class RepliesToBot(filters.MessageFilter):
    """A message that replies to one of the bot's own messages."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(replied and replied.from_user and replied.from_user.id == message.get_bot().id)


class OfficialQueueHandlers:
    """Handlers for officials, in every chat but the staff chat."""

    def __init__(self, runtime: QueueRuntime) -> None:
        self.runtime = runtime

    async def on_reply(self, update: Update, context: BotContext) -> None:
        """A reply to a queue message: a follow-up for staff, or the official's local government."""
        message, user = update.effective_message, update.effective_user
        assert message is not None and message.text is not None and message.reply_to_message is not None
        desk = self.runtime.queue(context).officials
        target = await asyncio.to_thread(desk.reply_target, message.chat_id, message.reply_to_message.message_id)
        if target is None or user is None:
            return  # an ordinary reply to the bot: the conversation answers it
        if target.kind is ReplyKind.LOCAL_GOVERNMENT:
            name = await asyncio.to_thread(desk.set_local_government, user.id, message.text)
            text = messages.LOCAL_GOVERNMENT_THANKS.format(name=name)
        else:
            text = await self._follow_up(context, user.id, message, target.ticket_id or 0)
        await reply_html(message, escape(text))
        self.runtime.pump.wake(context)
        raise ApplicationHandlerStop

    @once
    async def my_tickets(self, update: Update, context: BotContext) -> None:
        """/mijnvragen: the official's tickets and where each stands."""
        assert update.effective_message is not None and update.effective_user is not None
        queue = self.runtime.queue(context)
        tickets = await asyncio.to_thread(queue.officials.tickets, update.effective_user.id)
        await reply_html(update.effective_message, my_tickets(tickets, queue.config.zone))

    @once
    async def cancel(self, update: Update, context: BotContext) -> None:
        """/annuleer N: withdraw one of the official's open tickets."""
        message, user, number = update.effective_message, update.effective_user, number_arg(context)
        assert message is not None and user is not None
        if number is None:
            await reply_html(message, escape(messages.CANCEL_USAGE))
            return
        try:
            await asyncio.to_thread(self.runtime.queue(context).officials.withdraw, user.id, number)
            text = messages.CANCEL_DONE.format(ticket_id=number)
        except TicketNotFound:
            text = messages.CANCEL_NOT_FOUND.format(ticket_id=number)
        except QueueError as exc:  # NotAllowed (unknown official) or NotPossible (already finished)
            status = messages.OFFICIAL_STATUS.get(getattr(exc, "status", ""), "")
            text = messages.CANCEL_NOT_ACTIVE.format(ticket_id=number, status=status) if status else (
                messages.CANCEL_NOT_FOUND.format(ticket_id=number))  # fmt: skip
        await reply_html(message, escape(text))
        self.runtime.pump.wake(context)

    @once
    async def forget(self, update: Update, context: BotContext) -> None:
        """/vergeetmij: ask for confirmation with two buttons."""
        assert update.effective_message is not None
        await reply_html(update.effective_message, escape(messages.FORGET_CONFIRM), markup(forget_keyboard()))

    @once
    async def on_forget(self, update: Update, context: BotContext) -> None:
        """The /vergeetmij buttons: forget the presser, or not."""
        query = update.callback_query
        assert query is not None and query.from_user is not None
        await query.answer()
        text = messages.FORGET_CANCELLED
        if query.data == FORGET_YES:
            await asyncio.to_thread(self.runtime.queue(context).officials.forget, query.from_user.id)
            text = messages.FORGET_DONE
            logger.info("Official data forgotten on request (update %s)", update.update_id)
        if isinstance(query.message, Message):
            try:
                await query.edit_message_text(escape(text), parse_mode="HTML")
            except BadRequest as exc:  # a press under a message without text (forged): say it below
                logger.info("Forget confirmation not edited in place: %s", exc)
                await reply_html(query.message, escape(text))
        self.runtime.pump.wake(context)

    async def _follow_up(self, context: BotContext, user_id: int, message: Message, ticket_id: int) -> str:
        desk = self.runtime.queue(context).officials
        assert message.text is not None
        try:
            result = await asyncio.to_thread(
                desk.follow_up, user_id, message.chat_id, ticket_id, message.text, message.message_id
            )
        except QueueError:
            return messages.FOLLOW_UP_REFUSED.format(ticket_id=ticket_id)
        template = messages.FOLLOW_UP_REOPENED if result.reopened else messages.FOLLOW_UP_SENT
        return template.format(ticket_id=ticket_id)
