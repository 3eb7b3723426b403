"""Which messages are for the bot: private chats, and group messages that address it.

In a group the bot answers only when mentioned (``@username``) or when someone replies to one
of its messages; the staff chat is left to the staff queue's handlers.
"""

from __future__ import annotations

import re

from telegram import Message
from telegram.ext import filters


class Addressed(filters.MessageFilter):
    """A message that mentions the bot by username or replies to one of the bot's messages."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        text = message.text or message.caption or ""
        return mentions(text, bot.username)


def mentions(text: str, username: str) -> bool:
    """``@username`` as a word of ``text``, in any case."""
    return bool(re.search(rf"(?<![\w@])@{re.escape(username)}\b", text, re.IGNORECASE))


def strip_mention(text: str, username: str) -> str:
    """The text without ``@username``, for the question itself."""
    return " ".join(re.sub(rf"(?<![\w@])@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).split())


def for_the_bot(staff_chat_id: int | None) -> filters.BaseFilter:
    """New and edited messages in private chats, or addressed in groups; never the staff chat."""
    where = filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & Addressed())
    scope = filters.UpdateType.MESSAGES & where
    if staff_chat_id is not None:
        scope = scope & ~filters.Chat(chat_id=staff_chat_id)
    return scope


def outside_staff_chat(staff_chat_id: int | None) -> filters.BaseFilter:
    """New and edited messages (never channel posts) in every chat but the staff chat (commands)."""
    scope = filters.UpdateType.MESSAGES
    return scope if staff_chat_id is None else scope & ~filters.Chat(chat_id=staff_chat_id)
