"""Fakes at the seams libraries provide; see ``bot_api`` for the fake Telegram Bot API server."""

from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.chats import ChatRegistry, ForumTopic
from tests.fakes.errors import BotApiError
from tests.fakes.faults import Fault, FaultKind, FaultPlan
from tests.fakes.recording import CallLog, RecordedCall
from tests.fakes.telegram_html import EntityParseError, html_to_text
from tests.fakes.update_queue import PendingUpdates
from tests.fakes.updates import MessageOptions, UpdateFactory

__all__ = [
    "BotApiError",
    "CallLog",
    "ChatRegistry",
    "EntityParseError",
    "FakeBotAPI",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "ForumTopic",
    "MessageOptions",
    "PendingUpdates",
    "RecordedCall",
    "UpdateFactory",
    "html_to_text",
]
