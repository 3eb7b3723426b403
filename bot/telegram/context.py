"""The typed ``CallbackContext`` handlers receive, and the services it carries.

Handlers reach services as ``context.services.conversation`` and so on, never through an
untyped ``bot_data`` dict. The services are set once, in ``post_init``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.chat import ConversationService, Handover
from bot.ops import Readiness
from bot.storage import Storage
from bot.telegram.errors import ServicesNotReady
from bot.telegram.throttle import Throttle


@dataclass(slots=True)
class Services:
    """Everything a handler may call; built by the composition root."""

    conversation: ConversationService
    handover: Handover
    throttle: Throttle
    storage: Storage
    privacy_notice: list[str]
    staff_chat_id: int | None = None


class BotData:
    """``application.bot_data``: the services once they are loaded, and the readiness checks."""

    __slots__ = ("readiness", "services")

    def __init__(self) -> None:
        self.services: Services | None = None
        self.readiness = Readiness()


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    """``CallbackContext`` with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise ServicesNotReady("the bot's services are loaded in post_init; this handler ran before")
        return services


BotApplication = Application[ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[BotContext]]
