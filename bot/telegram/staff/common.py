"""Helpers the staff-queue handlers share: actors, command arguments, replies, errors."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import Message, User
from telegram.constants import ParseMode

from bot import messages
from bot.inputs import parse_id
from bot.queue import Actor, DraftNotFound, NothingToDraft, NotPossible, QueueError, TicketNotFound
from bot.telegram.context import BotContext
from bot.telegram.delivery import NO_PREVIEW

logger = logging.getLogger(__name__)

STAFF_QUEUE_GROUP = -2
"""Before the conversation's dedupe gate (-1) and handlers (0): the queue's handlers see updates
first, mark the ones they take as processed themselves and stop them there."""


def actor_of(user: User | None) -> Actor:
    if user is None:
        raise ValueError("a staff action needs a user")
    return Actor(user.id, user.full_name)


def number_arg(context: BotContext) -> int | None:
    """The first argument of a command as a number (``/close 12``), else ``None``."""
    args = context.args or []
    return parse_id(args[0]) if args else None


async def reply_html(message: Message, parts: str | Sequence[str], markup: Any = None) -> Message:
    """Send HTML parts in the message's chat (and forum topic); the markup goes under the last."""
    chunks = [parts] if isinstance(parts, str) else list(parts)
    sent = message
    for index, part in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await message.reply_text(
            part, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, do_quote=False,
            reply_markup=markup if last else None,
        )  # fmt: skip
    return sent


def explain(exc: QueueError, number: int | None = None, *, draft: bool = False) -> str:
    """The Dutch line staff read for a queue error about ticket (or draft) ``number``."""
    if isinstance(exc, TicketNotFound):
        return messages.STAFF_TICKET_NOT_FOUND.format(ticket_id=exc.ticket_id)
    if isinstance(exc, DraftNotFound):
        return messages.FAQ_NOT_FOUND.format(draft_id=exc.draft_id)
    if isinstance(exc, NothingToDraft):
        return str(exc)
    if isinstance(exc, NotPossible) and draft:
        status = messages.DRAFT_STATUS.get(exc.status, exc.status)
        return messages.FAQ_NOT_DRAFT.format(draft_id=number, status=status)
    if isinstance(exc, NotPossible):
        status = messages.STAFF_STATUS.get(exc.status, exc.status)
        return messages.STAFF_NOT_POSSIBLE.format(ticket_id=number, status=status)
    return messages.STAFF_REFUSED
