"""Builders for the update JSON Telegram sends to a bot.

Why builders rather than hand-written dicts: PTB's ``Update.de_json`` needs every required
field of every nested object, and a realistic update (matching chat and sender, increasing
message ids shared with the bot's own messages) is what exposes bugs in handler filters.
The builders return updates without ``update_id``; ``FakeBotAPI.enqueue`` assigns it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any, TypedDict, Unpack

from tests.support.fakes.chats import ChatRegistry

JSON = dict[str, Any]
MessageLookup = Callable[[int, int], "JSON | None"]


class MessageOptions(TypedDict, total=False):
    """Where and by whom a message is sent; every builder accepts these keywords.

    ``chat_type`` defaults to ``private`` for positive chat ids and ``supergroup`` for
    negative ones; names given once for a user are remembered.
    """

    chat_type: str
    first_name: str
    username: str
    reply_to_message: JSON
    message_thread_id: int
    is_topic_message: bool


class UpdateFactory:
    """Makes updates whose chats, users and message ids agree with the fake server's state."""

    def __init__(
        self,
        chats: ChatRegistry,
        bot_user: JSON,
        next_message_id: Callable[[], int],
        lookup_message: MessageLookup = lambda chat_id, message_id: None,
    ) -> None:
        self._chats = chats
        self._bot_user = bot_user
        self._next_message_id = next_message_id
        self._lookup_message = lookup_message
        self._ids = itertools.count(1)

    def message(self, chat_id: int, user_id: int, content: JSON, **options: Unpack[MessageOptions]) -> JSON:
        """A ``Message`` from ``user_id`` in ``chat_id`` carrying ``content`` (text, photo...)."""
        user = self._chats.user(user_id, first_name=options.get("first_name"), username=options.get("username"))
        message: JSON = {
            "message_id": self._next_message_id(),
            "from": user,
            "chat": self._chats.chat(chat_id, options.get("chat_type")),
            "date": int(time.time()),
            **content,
        }
        if "reply_to_message" in options:
            message["reply_to_message"] = options["reply_to_message"]
        if "message_thread_id" in options:
            message["message_thread_id"] = options["message_thread_id"]
        if options.get("is_topic_message"):
            message["is_topic_message"] = True
        return message

    def text_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        entities: list[JSON] | None = None,
        **options: Unpack[MessageOptions],
    ) -> JSON:
        """An update with a text message (``entities`` as Telegram would send them)."""
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return {"message": self.message(chat_id, user_id, content, **options)}

    def command(self, chat_id: int, user_id: int, command: str, **options: Unpack[MessageOptions]) -> JSON:
        """A text message starting with ``/command``, with the entity PTB's CommandHandler needs."""
        text = command if command.startswith("/") else f"/{command}"
        length = len(text.split(maxsplit=1)[0])
        entity = {"type": "bot_command", "offset": 0, "length": length}
        return self.text_message(chat_id, user_id, text, entities=[entity], **options)

    def edited_message(
        self, chat_id: int, user_id: int, message_id: int, text: str, **options: Unpack[MessageOptions]
    ) -> JSON:
        """An ``edited_message`` update for an earlier message ``message_id``."""
        message = self.message(chat_id, user_id, {"text": text, "edit_date": int(time.time())}, **options)
        message["message_id"] = message_id
        return {"edited_message": message}

    def callback_query(self, chat_id: int, user_id: int, data: str, message_id: int) -> JSON:
        """A press on an inline button of the bot's message ``message_id``."""
        message = self._lookup_message(chat_id, message_id) or {
            "message_id": message_id,
            "from": self._bot_user,
            "chat": self._chats.chat(chat_id),
            "date": int(time.time()),
            "text": "",
        }
        query = {
            "id": str(next(self._ids)),
            "from": self._chats.user(user_id),
            "chat_instance": str(chat_id),
            "message": message,
            "data": data,
        }
        return {"callback_query": query}

    def photo(
        self, chat_id: int, user_id: int, *, caption: str | None = None, **options: Unpack[MessageOptions]
    ) -> JSON:
        """A photo message in two sizes, as Telegram sends them."""
        n = next(self._ids)
        sizes = [
            {
                "file_id": f"photo-{n}-{w}",
                "file_unique_id": f"uphoto-{n}-{w}",
                "width": w,
                "height": w,
                "file_size": w * 40,
            }
            for w in (90, 800)
        ]
        return {"message": self.message(chat_id, user_id, {"photo": sizes, **_caption(caption)}, **options)}

    def document(
        self,
        chat_id: int,
        user_id: int,
        *,
        file_name: str = "verslag.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
        **options: Unpack[MessageOptions],
    ) -> JSON:
        """A document (file) message."""
        n = next(self._ids)
        document = {
            "file_id": f"doc-{n}",
            "file_unique_id": f"udoc-{n}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": 12345,
        }
        return {"message": self.message(chat_id, user_id, {"document": document, **_caption(caption)}, **options)}

    def voice(self, chat_id: int, user_id: int, *, duration: int = 3, **options: Unpack[MessageOptions]) -> JSON:
        """A voice note."""
        n = next(self._ids)
        voice = {
            "file_id": f"voice-{n}",
            "file_unique_id": f"uvoice-{n}",
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4000,
        }
        return {"message": self.message(chat_id, user_id, {"voice": voice}, **options)}

    def sticker(self, chat_id: int, user_id: int, *, emoji: str = "👍", **options: Unpack[MessageOptions]) -> JSON:
        """A static sticker."""
        n = next(self._ids)
        sticker = {
            "file_id": f"sticker-{n}",
            "file_unique_id": f"usticker-{n}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return {"message": self.message(chat_id, user_id, {"sticker": sticker}, **options)}

    def location(
        self,
        chat_id: int,
        user_id: int,
        *,
        latitude: float = 51.05,
        longitude: float = 3.72,
        **options: Unpack[MessageOptions],
    ) -> JSON:
        """A shared location (Gent by default)."""
        location = {"latitude": latitude, "longitude": longitude}
        return {"message": self.message(chat_id, user_id, {"location": location}, **options)}

    def contact(
        self,
        chat_id: int,
        user_id: int,
        *,
        phone_number: str = "+32470000000",
        **options: Unpack[MessageOptions],
    ) -> JSON:
        """A shared contact card of the sender."""
        user = self._chats.user(user_id)
        contact = {"phone_number": phone_number, "first_name": user["first_name"], "user_id": user_id}
        return {"message": self.message(chat_id, user_id, {"contact": contact}, **options)}

    def poll_answer(self, poll_id: str, user_id: int, option_ids: list[int]) -> JSON:
        """A user's vote in a non-anonymous poll (``option_ids`` empty: the vote was retracted)."""
        answer = {"poll_id": poll_id, "user": self._chats.user(user_id), "option_ids": option_ids,
                  "option_persistent_ids": [str(n) for n in option_ids]}  # fmt: skip
        return {"poll_answer": answer}

    def my_chat_member_blocked(self, chat_id: int, user_id: int | None = None) -> JSON:
        """The ``my_chat_member`` update Telegram sends when a user blocks the bot."""
        user = self._chats.user(user_id if user_id is not None else chat_id)
        change = {
            "chat": self._chats.chat(chat_id),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {"user": self._bot_user, "status": "member"},
            "new_chat_member": {"user": self._bot_user, "status": "kicked", "until_date": 0},
        }
        return {"my_chat_member": change}


def _caption(caption: str | None) -> JSON:
    return {"caption": caption} if caption is not None else {}
