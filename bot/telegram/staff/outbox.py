"""JobQueue jobs of the staff queue: the outbox sender, reminders and the retention purge.

The outbox table is the hand-off (STYLE habit 3): handlers, the ``vraagbaak queue`` commands
and other processes write rows; ``OutboxPump.tick`` runs every second, claims due rows and
sends each in its own task, in claim order per chat. Handlers that just wrote a row call
``wake`` so it goes out at once instead of at the next tick. What a send's result means
(sent, retry with backoff, given up and shown to staff) is decided by ``bot.queue.delivery``.
After a restart, rows still pending are simply due; rows a crashed process left ``sending``
become due again after the outbox's ``stale_after``. Just before each Bot API call the row gets
its idempotency marker (``DeliveryLog.sending``); a row whose call may have gone through is
resent with a line saying it may be a repeat (``bot.queue.repeats``). Edit rows rewrite a sent
staff-chat message or rename a ticket's topic (a forgotten or purged ticket).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot, ForceReply, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.ops import record_relay
from bot.queue import Outcome, StaffQueue
from bot.queue.render import topic_name
from bot.queue.repeats import EDITS
from bot.storage import OutboxItem, OutboxKind, TicketRecord
from bot.telegram.context import BotContext
from bot.telegram.delivery import NO_PREVIEW
from bot.telegram.resends import maybe_delivered, no_blind_resend

logger = logging.getLogger(__name__)

QueueFor = Callable[[BotContext], StaffQueue]


@dataclass(frozen=True, slots=True)
class Sent:
    """How one send went, for ``DeliveryLog.record``."""

    outcome: Outcome
    message_id: int | None = None
    thread_id: int | None = None
    error: str = ""
    maybe_delivered: bool = False


class OutboxPump:
    """Claims due outbox rows and sends them; one instance per Application."""

    def __init__(self, queue_for: QueueFor, *, batch: int = 50) -> None:
        if batch < 1:
            raise ValueError(f"batch must be >= 1, got {batch!r}")
        self._queue_for = queue_for
        self._batch = batch
        self._claiming = asyncio.Lock()
        self._chat_locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._in_flight: set[int] = set()
        self._forums: dict[int, bool] = {}

    async def tick(self, context: BotContext) -> None:
        """Job: claim what is due and start sending it (returns before the sends finish)."""
        queue = self._queue_for(context)
        async with self._claiming:
            items = await asyncio.to_thread(queue.delivery.claim, self._batch)
            for item in items:
                if item.id not in self._in_flight:  # re-claimed as stale while still being sent here
                    self._in_flight.add(item.id)
                    context.application.create_task(self._deliver(context.bot, queue, item))

    def wake(self, context: BotContext) -> None:
        """Send what a handler just queued now rather than at the next tick."""
        context.application.create_task(self.tick(context))

    async def _deliver(self, bot: Bot, queue: StaffQueue, item: OutboxItem) -> None:
        lock = self._acquire(item.chat_id)
        try:
            async with lock:
                sent = await self._send(bot, queue, item)
                await asyncio.to_thread(queue.delivery.record, item, sent.outcome, message_id=sent.message_id,
                                        thread_id=sent.thread_id, error=sent.error,
                                        maybe_delivered=sent.maybe_delivered)  # fmt: skip
            record_relay(sent.outcome.value)
            if sent.outcome is Outcome.SENT:
                logger.info("Outbox %s delivered (%s, ticket %s)", item.id, item.kind.value, item.ticket_id)
        except Exception:  # the row stays 'sending' and is retried once stale
            logger.exception("Delivering outbox row %s failed", item.id)
        finally:
            self._release(item.chat_id)
            self._in_flight.discard(item.id)

    async def _send(self, bot: Bot, queue: StaffQueue, item: OutboxItem) -> Sent:
        if item.kind in EDITS:
            return await _edit(bot, item)
        placement = await asyncio.to_thread(queue.delivery.placement, item)
        if placement.wait:
            return Sent(Outcome.WAIT, error="waiting for the ticket's post in the staff chat")
        thread, reply_to, ticket = placement.thread_id, placement.reply_to, placement.ticket
        try:
            if item.kind is OutboxKind.POST_TO_STAFF and thread is None and ticket is not None:
                thread = await self._open_topic(bot, queue, item, ticket)
            text = await asyncio.to_thread(queue.delivery.sending, item)  # the marker, committed first
            try:
                with no_blind_resend():
                    message = await _post(bot, item, text, thread, reply_to)
            except BadRequest as exc:
                if thread is None or not _topic_gone(exc):
                    raise
                logger.warning("Topic %s unusable (%s); outbox %s goes to the main chat", thread, exc, item.id)
                thread, reply_to = None, (ticket.staff_message_id if ticket else None) or reply_to
                with no_blind_resend():
                    message = await _post(bot, item, text, thread, reply_to)
        except Forbidden as exc:
            return Sent(Outcome.BLOCKED, error=str(exc))
        except BadRequest as exc:
            return Sent(Outcome.REJECTED, error=str(exc))
        except TelegramError as exc:  # network trouble, 5xx, flood limits past the retries
            maybe = maybe_delivered(exc)  # the request went out and no answer came: it may have arrived
            return Sent(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}", maybe_delivered=maybe)
        return Sent(Outcome.SENT, message.message_id, thread)

    async def _open_topic(self, bot: Bot, queue: StaffQueue, item: OutboxItem, ticket: TicketRecord) -> int | None:
        """A forum topic for the ticket's post; ``None`` (post in the chat) when topics are off or not allowed."""
        if not await self._is_forum(bot, item.chat_id):
            return None
        try:
            topic = await bot.create_forum_topic(item.chat_id, topic_name(ticket))
        except BadRequest as exc:  # not a forum after all, or the bot may not manage topics
            logger.warning("No topic for ticket %s (%s); posting in the chat itself", ticket.id, exc)
            self._forums[item.chat_id] = False
            return None
        await asyncio.to_thread(queue.delivery.topic_opened, item, topic.message_thread_id)
        return topic.message_thread_id

    async def _is_forum(self, bot: Bot, chat_id: int) -> bool:
        if chat_id not in self._forums:
            chat = await bot.get_chat(chat_id)
            self._forums[chat_id] = bool(chat.is_forum)
        return self._forums[chat_id]

    def _acquire(self, chat_id: int) -> asyncio.Lock:
        lock, users = self._chat_locks.get(chat_id, (asyncio.Lock(), 0))
        self._chat_locks[chat_id] = (lock, users + 1)
        return lock

    def _release(self, chat_id: int) -> None:
        lock, users = self._chat_locks[chat_id]
        if users <= 1:
            del self._chat_locks[chat_id]
        else:
            self._chat_locks[chat_id] = (lock, users - 1)


async def _post(bot: Bot, item: OutboxItem, text: str, thread: int | None, reply_to: int | None) -> Message:
    """One sendMessage for an outbox row."""
    quote = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to is not None else None
    return await bot.send_message(
        item.chat_id, text, parse_mode=item.parse_mode, link_preview_options=NO_PREVIEW,
        message_thread_id=thread, reply_markup=markup(item.reply_markup), reply_parameters=quote,
    )  # fmt: skip


async def _edit(bot: Bot, item: OutboxItem) -> Sent:
    """Rewrite a sent staff-chat message, or rename a ticket's topic; doing it twice changes nothing."""
    try:
        if item.kind is OutboxKind.RENAME_STAFF_TOPIC:
            assert item.message_thread_id is not None
            await bot.edit_forum_topic(item.chat_id, item.message_thread_id, name=item.text)
        else:
            await bot.edit_message_text(item.text, item.chat_id, item.edit_message_id, parse_mode=item.parse_mode,
                                        reply_markup=None)  # fmt: skip
    except BadRequest as exc:
        if "not modified" in str(exc).lower():  # already neutral
            return Sent(Outcome.SENT)
        return Sent(Outcome.REJECTED, error=str(exc))
    except Forbidden as exc:
        return Sent(Outcome.BLOCKED, error=str(exc))
    except TelegramError as exc:
        return Sent(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")
    return Sent(Outcome.SENT)


def _topic_gone(error: BadRequest) -> bool:
    """Telegram's answer for a deleted or closed forum topic."""
    text = str(error).lower()
    return "thread not found" in text or "topic_closed" in text or "topic_deleted" in text


def markup(data: dict[str, Any] | None) -> InlineKeyboardMarkup | ForceReply | None:
    """The stored Bot API JSON of a reply markup as PTB's object."""
    if not data:
        return None
    if "inline_keyboard" in data:
        return InlineKeyboardMarkup.de_json(data)
    if data.get("force_reply"):
        return ForceReply.de_json(data)
    raise ValueError(f"unsupported reply markup in the outbox: {sorted(data)}")


def upkeep_job(queue_for: QueueFor) -> Callable[[BotContext], Any]:
    """Job: remind staff of overdue tickets and repost tickets whose post was lost."""

    async def remind(context: BotContext) -> None:
        report = await asyncio.to_thread(queue_for(context).upkeep.remind)
        if report.reminded or report.reposted:
            logger.info("Queue upkeep: %s reminders, %s reposts", report.reminded, report.reposted)

    return remind


def purge_job(queue_for: QueueFor) -> Callable[[BotContext], Any]:
    """Job: anonymise tickets and questions past the retention period."""

    async def purge(context: BotContext) -> None:
        await asyncio.to_thread(queue_for(context).upkeep.purge)

    return purge
