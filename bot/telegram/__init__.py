"""The Telegram channel: officials ask in Telegram, the bot answers with sources or hands over.

Only this package imports ``telegram``. ``app`` is the composition root; handlers stay thin and
call ``bot.chat``.
"""

from bot.telegram.app import build_application, run_bot, running, webhook_options
from bot.telegram.context import BotApplication, BotContext, Services
from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.render import render_reply, render_text
from bot.telegram.throttle import Slot, Throttle

__all__ = [
    "BotApplication",
    "BotContext",
    "RetryingRateLimiter",
    "Services",
    "Slot",
    "Throttle",
    "build_application",
    "render_reply",
    "render_text",
    "run_bot",
    "running",
    "webhook_options",
]
