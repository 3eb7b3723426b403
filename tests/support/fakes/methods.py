"""The Bot API methods a helpdesk bot calls, answered from in-memory state.

Why stateful: the errors that hurt bots in production come from state on Telegram's side:
editing a message to identical content ("message is not modified"), replying to a deleted
message, posting in a closed topic. The fake keeps the messages and topics it handed out so it
can answer those cases the way Telegram does. ``getUpdates`` lives in the server, which owns
long polling.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from typing import Any

from tests.support.fakes.chats import ChatRegistry
from tests.support.fakes.errors import bad_request
from tests.support.fakes.telegram_html import MAX_CAPTION_LENGTH, MAX_MESSAGE_LENGTH, EntityParseError, html_to_text
from tests.support.fakes.update_queue import PendingUpdates

JSON = dict[str, Any]
Params = dict[str, Any]
MessageKey = tuple[int, int]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
_CONTENT_KEYS = ("text", "caption", "photo", "document", "voice", "sticker", "location", "contact")


class BotApiMethods:
    """One Python method per Bot API method; ``handlers`` maps canonical names to them."""

    def __init__(
        self, chats: ChatRegistry, updates: PendingUpdates, bot_user: JSON, *, strict_ampersand: bool = True
    ) -> None:
        self.chats = chats
        self.updates = updates
        self.bot_user = bot_user
        self.strict_ampersand = strict_ampersand
        self.messages: dict[MessageKey, JSON] = {}
        self.webhook: JSON = {"url": ""}
        self._commands: dict[str, list[JSON]] = {}
        self._menu_buttons: dict[int | None, JSON] = {}
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.handlers: dict[str, Callable[[Params], Any]] = {
            "getMe": lambda p: self.bot_user,
            "sendMessage": self.send_message,
            "sendPoll": self.send_poll,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "copyMessage": self.copy_message,
            "forwardMessage": self.forward_message,
            "sendDocument": lambda p: self._send_media(p, "document"),
            "sendPhoto": lambda p: self._send_media(p, "photo"),
            "sendChatAction": lambda p: self._chat_id(p) is not None,
            "answerCallbackQuery": lambda p: True,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": lambda p: self._commands.get(_scope_key(p), []),
            "deleteMyCommands": self.delete_my_commands,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "createForumTopic": self.create_forum_topic,
            "closeForumTopic": lambda p: self._set_topic_closed(p, closed=True),
            "reopenForumTopic": lambda p: self._set_topic_closed(p, closed=False),
            "editForumTopic": self.edit_forum_topic,
            "getChat": lambda p: self.chats.chat_full_info(self._chat_id(p)),
            "getChatMember": lambda p: self.chats.member(self._chat_id(p), self.chats.user(_user_id(p))),
            "getChatAdministrators": self.get_chat_administrators,
            "getFile": self.get_file,
            "leaveChat": lambda p: self._chat_id(p) is not None,
            "setChatMenuButton": self.set_chat_menu_button,
            "getChatMenuButton": lambda p: self._menu_buttons.get(p.get("chat_id"), {"type": "default"}),
        }
        self._by_lower = {name.lower(): name for name in self.handlers}

    def canonical(self, method: str) -> str | None:
        """The documented spelling of ``method`` (Telegram ignores case), or None if unknown."""
        return self._by_lower.get(method.lower())

    def next_message_id(self) -> int:
        """Message ids are shared by incoming and outgoing messages, as in a real chat."""
        return next(self._message_ids)

    def remember(self, message: JSON) -> None:
        """Keep a message so it can later be replied to, edited, copied or deleted."""
        self.messages[(int(message["chat"]["id"]), int(message["message_id"]))] = message

    def send_message(self, p: Params) -> JSON:
        text = self._parsed(p, "text", MAX_MESSAGE_LENGTH)
        return self._new_message(p, {"text": text})

    def send_poll(self, p: Params) -> JSON:
        """A regular poll; its ``poll.id`` is what ``poll_answer`` updates name."""
        options = [option["text"] if isinstance(option, dict) else str(option) for option in p.get("options", [])]
        if not 2 <= len(options) <= 12:
            raise bad_request("POLL_ANSWERS_INVALID")
        poll = {
            "id": f"poll-{self.next_message_id()}",
            "question": str(p.get("question", "")),
            "options": [{"text": text, "voter_count": 0, "persistent_id": str(n)} for n, text in enumerate(options)],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": bool(p.get("is_anonymous", True)),
            "type": "regular",
            "allows_multiple_answers": bool(p.get("allows_multiple_answers", False)),
            "allows_revoting": True,
            "members_only": False,
        }
        return self._new_message(p, {"poll": poll})

    def edit_message_text(self, p: Params) -> JSON | bool:
        text = self._parsed(p, "text", MAX_MESSAGE_LENGTH)
        return self._edit(p, {"text": text})

    def edit_message_reply_markup(self, p: Params) -> JSON | bool:
        return self._edit(p, {})

    def delete_message(self, p: Params) -> bool:
        if self.messages.pop((self._chat_id(p), int(p.get("message_id", 0))), None) is None:
            raise bad_request("message to delete not found")
        return True

    def copy_message(self, p: Params) -> JSON:
        source = self._source(p, "copy")
        content = {k: source[k] for k in _CONTENT_KEYS if k in source}
        if "caption" in p:
            content["caption"] = self._parsed(p, "caption", MAX_CAPTION_LENGTH)
        return {"message_id": self._new_message(p, content)["message_id"]}

    def forward_message(self, p: Params) -> JSON:
        source = self._source(p, "forward")
        origin = {"type": "user", "sender_user": source.get("from", self.bot_user), "date": source["date"]}
        content = {k: source[k] for k in _CONTENT_KEYS if k in source}
        return self._new_message(p, {**content, "forward_origin": origin}, keep_markup=False)

    def set_my_commands(self, p: Params) -> bool:
        self._commands[_scope_key(p)] = list(p.get("commands", []))
        return True

    def delete_my_commands(self, p: Params) -> bool:
        self._commands.pop(_scope_key(p), None)
        return True

    def set_webhook(self, p: Params) -> bool:
        self.webhook = {"url": str(p.get("url", ""))}
        for key in ("secret_token", "allowed_updates", "max_connections"):
            if key in p:
                self.webhook[key] = p[key]
        if "allowed_updates" in p:
            self.updates.allowed_updates = list(p["allowed_updates"])
        if p.get("drop_pending_updates"):
            self.updates.clear()
        return True

    def get_webhook_info(self, p: Params) -> JSON:
        info = {k: v for k, v in self.webhook.items() if k != "secret_token"}  # never echoed
        return {**info, "has_custom_certificate": False, "pending_update_count": len(self.updates)}

    def delete_webhook(self, p: Params) -> bool:
        self.webhook = {"url": ""}
        if p.get("drop_pending_updates"):
            self.updates.clear()
        return True

    def create_forum_topic(self, p: Params) -> JSON:
        if not p.get("name"):
            raise bad_request('Parameter "name" is required')
        return self.chats.create_topic(self._chat_id(p), str(p["name"]), p.get("icon_color")).to_json()

    def edit_forum_topic(self, p: Params) -> bool:
        topic = self.chats.topic(self._chat_id(p), int(p.get("message_thread_id", 0)))
        topic.name = str(p.get("name") or topic.name)
        return True

    def get_chat_administrators(self, p: Params) -> list[JSON]:
        chat_id = self._chat_id(p)
        return [self.chats.member(chat_id, self.chats.user(uid)) for uid in self.chats.administrators(chat_id)]

    def get_file(self, p: Params) -> JSON:
        file_id = str(p.get("file_id", ""))
        if not file_id:
            raise bad_request("file_id is empty")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": 12345,
            "file_path": f"files/{file_id}",
        }

    def set_chat_menu_button(self, p: Params) -> bool:
        self._menu_buttons[p.get("chat_id")] = p.get("menu_button", {"type": "default"})
        return True

    def _set_topic_closed(self, p: Params, *, closed: bool) -> bool:
        topic = self.chats.topic(self._chat_id(p), int(p.get("message_thread_id", 0)))
        if topic.closed == closed:
            raise bad_request("TOPIC_NOT_MODIFIED")
        topic.closed = closed
        return True

    def _send_media(self, p: Params, kind: str) -> JSON:
        upload = p.get(kind)
        if upload is None:
            raise bad_request(f"there is no {kind} in the request")
        uploaded = isinstance(upload, dict)  # a multipart upload; a string is a file_id or URL
        file_id = f"{kind}-upload-{next(self._file_ids)}" if uploaded else str(upload)
        meta = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": upload["size"] if uploaded else 1,
        }
        if kind == "photo":
            content: JSON = {"photo": [{**meta, "width": 800, "height": 600}]}
        else:
            content = {"document": {**meta, "file_name": (upload.get("filename") if uploaded else None) or "file"}}
        if "caption" in p:
            content["caption"] = self._parsed(p, "caption", MAX_CAPTION_LENGTH)
        return self._new_message(p, content)

    def _chat_id(self, p: Params) -> int:
        value = p.get("chat_id")
        if value in (None, ""):
            raise bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        raise bad_request("chat not found")

    def _parsed(self, p: Params, field: str, max_length: int) -> str:
        """The text Telegram would store for ``field``, enforcing parse mode and length."""
        raw = str(p.get(field, ""))
        parse_mode = str(p.get("parse_mode", "")).lower()
        try:
            text = html_to_text(raw, strict_ampersand=self.strict_ampersand) if parse_mode == "html" else raw
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
        if field == "text" and not text.strip():
            raise bad_request("message text is empty")
        if len(text) > max_length:
            raise bad_request("message is too long" if field == "text" else "message caption is too long")
        return text

    def _new_message(self, p: Params, content: JSON, *, keep_markup: bool = True) -> JSON:
        chat_id = self._chat_id(p)
        message: JSON = {
            "message_id": self.next_message_id(),
            "from": self.bot_user,
            "chat": self.chats.chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        thread_id = p.get("message_thread_id")
        if thread_id is not None and self.chats.is_forum(chat_id):
            if self.chats.topic(chat_id, int(thread_id)).closed:
                raise bad_request("TOPIC_CLOSED")
            message.update(message_thread_id=int(thread_id), is_topic_message=True)
        reply_to = (p.get("reply_parameters") or {}).get("message_id") or p.get("reply_to_message_id")
        if reply_to is not None:
            replied = self.messages.get((chat_id, int(reply_to)))
            if replied is not None:
                message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
            elif not (p.get("reply_parameters") or {}).get("allow_sending_without_reply"):
                raise bad_request("message to be replied not found")
        markup = p.get("reply_markup")
        if keep_markup and isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes only inline keyboards
        self.remember(message)
        return message

    def _edit(self, p: Params, content: JSON) -> JSON | bool:
        if p.get("inline_message_id"):
            return True
        message = self.messages.get((self._chat_id(p), int(p.get("message_id", 0))))
        if message is None:
            raise bad_request("message to edit not found")
        markup = p.get("reply_markup")
        markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if all(message.get(k) == v for k, v in content.items()) and message.get("reply_markup") == markup:
            raise bad_request(NOT_MODIFIED)
        message.update(content, edit_date=int(time.time()))
        if markup is None:
            message.pop("reply_markup", None)  # an edit without reply_markup removes the keyboard
        else:
            message["reply_markup"] = markup
        return message

    def _source(self, p: Params, verb: str) -> JSON:
        key = (self._chat_id({"chat_id": p.get("from_chat_id")}), int(p.get("message_id", 0)))
        if key not in self.messages:
            raise bad_request(f"message to {verb} not found")
        return self.messages[key]


def _scope_key(p: Params) -> str:
    """Commands are stored per (scope, language), as Telegram does."""
    return json.dumps([p.get("scope") or {"type": "default"}, p.get("language_code", "")], sort_keys=True)


def _user_id(p: Params) -> int:
    value = p.get("user_id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise bad_request("invalid user_id specified")
    return value
