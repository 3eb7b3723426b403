"""Getting replies to Telegram: flood limits, retries, and sending HTML parts in order.

Every Bot API call (except getUpdates, which PTB's Updater retries itself) goes through
``RetryingRateLimiter``: PTB's ``AIORateLimiter`` keeps within Telegram's flood limits and
retries ``RetryAfter`` (a 429 pauses all sends for ``retry_after`` seconds), and around it a
bounded retry with exponential backoff covers network errors, timeouts and 5xx answers
(``NetworkError`` in PTB, minus ``BadRequest``, which would fail again). A send that timed out
after Telegram had received it is sent twice: the price of not losing answers. The outbox pump
forbids that blind resend (``bot.telegram.resends.no_blind_resend``): its relays come back to it
and are resent with a line saying they may be a repeat.
Typing indicators and callback answers are not messages and skip the flood limiter.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.telegram.resends import blind_resend_allowed, maybe_delivered

logger = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
UNLIMITED = frozenset({"sendChatAction", "answerCallbackQuery"})
Result = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(BaseRateLimiter[int]):
    """``AIORateLimiter`` plus ``attempts`` tries with backoff for network errors."""

    def __init__(self, inner: AIORateLimiter | None = None, *, attempts: int = 4, backoff: float = 0.5) -> None:
        if attempts < 1:
            raise ValueError(f"attempts must be >= 1, got {attempts!r}")
        if backoff < 0:
            raise ValueError(f"backoff must be >= 0, got {backoff!r}")
        self.inner = inner or AIORateLimiter(max_retries=3)
        self.attempts = attempts
        self.backoff = backoff

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send through the flood limiter; on a network error wait and try again, up to ``attempts``."""
        for attempt in range(1, self.attempts + 1):
            try:
                if endpoint in UNLIMITED:
                    return await callback(*args, **kwargs)
                return await self.inner.process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:
                if attempt == self.attempts or (maybe_delivered(exc) and not blind_resend_allowed()):
                    raise
                delay = self.backoff * 2 ** (attempt - 1)
                logger.warning(
                    "Bot API %s failed (%s: %s); retry %d of %d in %.1f s",
                    endpoint, type(exc).__name__, exc, attempt, self.attempts - 1, delay,
                )  # fmt: skip
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


async def show_typing(message: Message) -> None:
    """Best effort: a lost typing indicator must not cost the answer."""
    try:
        await message.reply_chat_action(ChatAction.TYPING)
    except TelegramError as exc:
        logger.debug("Typing indicator failed: %s", type(exc).__name__)


async def reply_parts(message: Message, parts: Sequence[str], keyboard: InlineKeyboardMarkup | None = None) -> Message:
    """Send ``parts`` in order, the first quoting ``message``, the keyboard under the last."""
    sent = message
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await reply_part(message, part, quote=index == 0, keyboard=keyboard if last else None)
    return sent


async def reply_part(
    message: Message, part: str, *, quote: bool, keyboard: InlineKeyboardMarkup | None = None
) -> Message:
    """One HTML part into ``message``'s chat, quoting it when ``quote`` (the first part of a reply)."""
    reply_to = ReplyParameters(message.message_id, allow_sending_without_reply=True) if quote else None
    return await message.reply_text(
        part, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW, reply_parameters=reply_to,
        reply_markup=keyboard, do_quote=False,
    )  # fmt: skip


async def send_parts(bot_message: Message, parts: Sequence[str]) -> None:
    """Send ``parts`` into the chat of ``bot_message`` (used after a button press)."""
    for part in parts:
        await bot_message.get_bot().send_message(
            bot_message.chat_id, part, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
            message_thread_id=bot_message.message_thread_id if bot_message.is_topic_message else None,
        )  # fmt: skip
