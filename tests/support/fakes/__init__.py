"""Fakes at the seams libraries provide; see ``bot_api`` for the fake Telegram Bot API server."""

from tests.support.fakes.bot_api import FakeBotAPI
from tests.support.fakes.chats import ChatRegistry, ForumTopic
from tests.support.fakes.errors import BotApiError
from tests.support.fakes.faults import Fault, FaultKind, FaultPlan
from tests.support.fakes.recording import CallLog, RecordedCall
from tests.support.fakes.telegram_html import EntityParseError, html_to_text
from tests.support.fakes.update_queue import PendingUpdates
from tests.support.fakes.updates import MessageOptions, UpdateFactory

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
