"""Errors of the Telegram layer.

    BotError (bot.errors)
    └── TelegramLayerError
        ├── ServicesNotReady     a handler ran before post_init loaded the model, index and storage
        ├── BadCallbackData      an inline button sent data this bot never made
        └── ServerStartError     the webhook or health server could not listen on its port

Telegram's own errors (``telegram.error``) pass through: the delivery layer retries
``RetryAfter`` and network errors, the error handler logs the rest and tells the official in Dutch.
"""

from __future__ import annotations

from bot.errors import BotError


class TelegramLayerError(BotError):
    """Base class for errors the Telegram layer raises on purpose."""


class ServicesNotReady(TelegramLayerError):
    """The services are loaded in post_init; nothing may use them before."""


class BadCallbackData(TelegramLayerError):
    """Callback data that does not parse as one of this bot's buttons."""


class ServerStartError(TelegramLayerError):
    """The bot's HTTP server (webhook, health port) could not start listening."""
