"""Handle each update once, across restarts and redeliveries: the one gate every handler goes through.

The conversation's handlers sit behind ``skip_processed`` (group -1); the staff queue's handlers
run earlier (group -2) and are wrapped in ``once``. Both record the update id with ``first_time``.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.telegram.context import BotContext

logger = logging.getLogger(__name__)

H = TypeVar("H")
Callback = Callable[[H, Update, BotContext], Coroutine[Any, Any, None]]


async def first_time(update: Update, context: BotContext) -> bool:
    """Record the update id; ``False`` when it was handled before (a redelivery)."""
    fresh = await asyncio.to_thread(context.services.storage.updates.mark_processed, update.update_id)
    if not fresh:
        logger.info("Update %s was already processed; skipped", update.update_id)
    return fresh


async def skip_processed(update: Update, context: BotContext) -> None:
    """Group -1: let each update id through once."""
    if not await first_time(update, context):
        raise ApplicationHandlerStop


def once(callback: Callback[H]) -> Callback[H]:
    """Run the handler only for the update's first delivery; either way, stop later groups."""

    @functools.wraps(callback)
    async def gated(self: H, update: Update, context: BotContext) -> None:
        if await first_time(update, context):
            await callback(self, update, context)
        raise ApplicationHandlerStop

    return gated
