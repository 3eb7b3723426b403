"""Staff-queue handlers take an update for themselves: ``once`` stops it reaching later groups.

The staff queue's handlers run in group -2, before the officials' conversation (group 0); an
update one of them took (a staff command, an answer in a ticket's topic) must not also be read as
a question. That each update is handled once at all, across redeliveries, restarts and replicas,
is the inbox gate's job (``bot.telegram.durable``), not this decorator's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.telegram.context import BotContext

H = TypeVar("H")
Callback = Callable[[H, Update, BotContext], Coroutine[Any, Any, None]]


def once(callback: Callback[H]) -> Callback[H]:
    """Run the handler, then stop later groups."""

    @functools.wraps(callback)
    async def taken(self: H, update: Update, context: BotContext) -> None:
        await callback(self, update, context)
        raise ApplicationHandlerStop

    return taken
