"""The officials' conversation: one message in, one reply out, and the seam to the staff queue.

models    Sender, Official, Question, Reply, HandoverTrigger, HandoverSubject
handover  the ``Handover`` protocol (and ``NotedHandover`` when no queue is wired)
service   ``ConversationService``: small talk, follow-ups, answering and recording
"""

from bot.chat.handover import Handover, NotedHandover
from bot.chat.models import (
    HandoverSubject,
    HandoverTrigger,
    Official,
    Question,
    Reply,
    ReplyKind,
    Sender,
    trigger_for,
)
from bot.chat.service import Answerer, ConversationService

__all__ = [
    "Answerer",
    "ConversationService",
    "Handover",
    "HandoverSubject",
    "HandoverTrigger",
    "NotedHandover",
    "Official",
    "Question",
    "Reply",
    "ReplyKind",
    "Sender",
    "trigger_for",
]
