"""Who may act as VVSG staff: configured user ids, or members of the staff chat.

Membership is asked of Telegram (``getChatMember``: member, administrator or owner) and kept
for ``ttl`` seconds, so a burst of button presses costs one call. ``chat_member`` updates of the
staff chat (``observe``) replace what is kept at once: someone removed from the group loses
staff rights with that update, not when the cache runs out. When Telegram cannot be asked, the
answer is no (and is not remembered): refusing a staff member once is better than letting an
outsider act. Approving an FAQ entry changes what every official is told, so it needs an
administrator (or owner) of the staff chat, asked fresh each time.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden, TelegramError

logger = logging.getLogger(__name__)

STAFF_STATUSES = frozenset({ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})
ADMIN_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


class StaffAccess:
    """Answers "is this Telegram user staff?" with a small time-limited cache."""

    def __init__(
        self,
        staff_chat_id: int | None,
        staff_user_ids: Iterable[int] = (),
        *,
        ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl < 0:
            raise ValueError(f"ttl must be >= 0, got {ttl!r}")
        self._chat_id = staff_chat_id
        self._configured = frozenset(staff_user_ids)
        self._ttl = ttl
        self._clock = clock
        self._known: dict[int, tuple[bool, float]] = {}

    @property
    def chat_id(self) -> int | None:
        return self._chat_id

    def observe(self, user_id: int, status: str) -> None:
        """A ``chat_member`` update of the staff chat: the user's new status counts from now."""
        self._known[user_id] = (status in STAFF_STATUSES, self._clock())
        logger.info("Staff membership of user %s changed: %s", user_id, status)

    async def is_admin(self, bot: Bot, user_id: int) -> bool:
        """An administrator or owner of the staff chat, asked of Telegram now (no cache)."""
        if self._chat_id is None:
            return False
        try:
            member = await bot.get_chat_member(self._chat_id, user_id)
        except TelegramError as exc:
            logger.warning("Admin check for user %s failed (%s); refusing", user_id, exc)
            return False
        return member.status in ADMIN_STATUSES

    async def is_staff(self, bot: Bot, user_id: int) -> bool:
        """Configured, or a current member of the staff chat."""
        if user_id in self._configured:
            return True
        if self._chat_id is None:
            return False
        known = self._known.get(user_id)
        if known is not None and self._clock() - known[1] < self._ttl:
            return known[0]
        try:
            member = await bot.get_chat_member(self._chat_id, user_id)
        except (BadRequest, Forbidden) as exc:  # not in the chat, or the bot is not
            logger.info("Staff check for user %s: %s", user_id, exc)
            allowed = False
        except TelegramError as exc:
            logger.warning("Staff check for user %s failed (%s); refusing for now", user_id, exc)
            return False
        else:
            allowed = member.status in STAFF_STATUSES
        self._known[user_id] = (allowed, self._clock())
        return allowed
