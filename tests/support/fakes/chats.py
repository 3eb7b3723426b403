"""Chats, users, memberships and forum topics the fake Bot API pretends to know.

Why implicit: a test should not have to register a chat before a user can write in it. Any id
works; positive ids are private chats with that user, negative ids are supergroups. Only what
differs from that default is configured: forum flag, member status, user names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.support.fakes.errors import bad_request

ChatId = int
MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
DEFAULT_ICON_COLOR = 7322096
_ADMIN_RIGHTS = (
    "can_be_edited",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
_RESTRICTED_RIGHTS = (
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_send_messages",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_manage_topics",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
)


@dataclass
class ForumTopic:
    """A topic of a forum supergroup; closed topics refuse new messages."""

    message_thread_id: int
    name: str
    icon_color: int = DEFAULT_ICON_COLOR
    closed: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``ForumTopic`` object of the Bot API."""
        return {"message_thread_id": self.message_thread_id, "name": self.name, "icon_color": self.icon_color}


class ChatRegistry:
    """Implicit chats and users, with per-chat overrides set by tests."""

    def __init__(self) -> None:
        self._forums: set[ChatId] = set()
        self._titles: dict[ChatId, str] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._statuses: dict[tuple[ChatId, int], str] = {}
        self._topics: dict[ChatId, dict[int, ForumTopic]] = {}
        self._next_thread_id = 100

    def set_forum(self, chat_id: ChatId, is_forum: bool = True, *, title: str | None = None) -> None:
        """Make ``chat_id`` (a supergroup) a forum, so topics can be created in it."""
        (self._forums.add if is_forum else self._forums.discard)(chat_id)
        if title is not None:
            self._titles[chat_id] = title

    def is_forum(self, chat_id: ChatId) -> bool:
        """Whether topics are enabled in ``chat_id``."""
        return chat_id in self._forums

    def set_member_status(self, chat_id: ChatId, user_id: int, status: str) -> None:
        """What ``getChatMember(chat_id, user_id)`` answers; ``member`` when not set."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}, got {status!r}")
        self._statuses[(chat_id, user_id)] = status

    def user(self, user_id: int, *, first_name: str | None = None, username: str | None = None) -> dict[str, Any]:
        """The ``User`` object for ``user_id``; names given once are remembered for later messages."""
        known = self._users.setdefault(
            user_id,
            {
                "id": user_id,
                "is_bot": False,
                "first_name": f"Gebruiker {user_id}",
                "username": f"user{user_id}",
                "language_code": "nl",
            },
        )
        if first_name is not None:
            known["first_name"] = first_name
        if username is not None:
            known["username"] = username
        return dict(known)

    def remember_user(self, user: dict[str, Any]) -> None:
        """Learn a user's names from an incoming update, so private chats echo them."""
        if not user.get("is_bot"):
            self.user(int(user["id"]), first_name=user.get("first_name"), username=user.get("username"))

    def chat(self, chat_id: ChatId, chat_type: str | None = None) -> dict[str, Any]:
        """The ``Chat`` object that messages in ``chat_id`` carry."""
        kind = chat_type or ("private" if chat_id > 0 else "supergroup")
        if kind == "private":
            user = self.user(chat_id)
            return {
                "id": chat_id,
                "type": "private",
                "first_name": user["first_name"],
                "username": user["username"],
            }
        chat: dict[str, Any] = {
            "id": chat_id,
            "type": kind,
            "title": self._titles.get(chat_id, f"Groep {chat_id}"),
        }
        if chat_id in self._forums:
            chat["is_forum"] = True
        return chat

    def chat_full_info(self, chat_id: ChatId) -> dict[str, Any]:
        """The ``ChatFullInfo`` that ``getChat`` returns (PTB 22 requires the extra fields)."""
        gifts = dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        )
        return {
            **self.chat(chat_id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    def member(self, chat_id: ChatId, user: dict[str, Any]) -> dict[str, Any]:
        """The ``ChatMember`` for ``user`` in ``chat_id`` with every field its status requires."""
        status = self._statuses.get((chat_id, user["id"]), "member")
        member: dict[str, Any] = {"user": user, "status": status}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(dict.fromkeys(_ADMIN_RIGHTS, True), is_anonymous=False)
        elif status == "restricted":
            member.update(dict.fromkeys(_RESTRICTED_RIGHTS, False), is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def administrators(self, chat_id: ChatId) -> list[int]:
        """User ids configured as creator or administrator of ``chat_id``."""
        return [
            user_id
            for (chat, user_id), status in self._statuses.items()
            if chat == chat_id and status in ("creator", "administrator")
        ]

    def create_topic(self, chat_id: ChatId, name: str, icon_color: int | None = None) -> ForumTopic:
        """Open a topic; Telegram refuses this outside forum supergroups."""
        if not self.is_forum(chat_id):
            raise bad_request("the chat is not a forum")
        self._next_thread_id += 1
        topic = ForumTopic(self._next_thread_id, name, icon_color or DEFAULT_ICON_COLOR)
        self._topics.setdefault(chat_id, {})[topic.message_thread_id] = topic
        return topic

    def topic(self, chat_id: ChatId, thread_id: int) -> ForumTopic:
        """The topic ``thread_id`` of ``chat_id``, or Telegram's error for an unknown one."""
        topic = self._topics.get(chat_id, {}).get(thread_id)
        if topic is None:
            raise bad_request("message thread not found")
        return topic
