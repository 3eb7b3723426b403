"""A reply worked out once per update, stored, then sent part by part: a resume sends only the rest.

Why: when the bot dies while answering, the update is handled again on start. Working the
answer out again would store a second answer and send the official a second copy. So the
reply (its HTML parts, the keyboard and which part carries the answer) is saved on the stored
update before anything is sent, and each part Telegram accepts is counted in the same row;
the answer's message id is recorded in the transaction that counts its part. A resume reads
the plan and sends the parts not yet counted. What stays open is the moment between Telegram
accepting a part and the count being written: a kill exactly then sends that part twice. To
keep it short the count is written by threads of its own (``_COUNTING``), never queued behind
the answers being worked out in the default pool; and a resumed plan's first part carries a line
saying it may be a repeat, so that a copy the official may get twice is never silent.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from telegram import InlineKeyboardMarkup, Message

from bot import messages
from bot.storage import InboxRepository, Storage
from bot.telegram.delivery import reply_part
from bot.telegram.durable import Handling
from bot.telegram.render import escape

_COUNTING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="vraagbaak-sent")


@dataclass(slots=True)
class Plan:
    """What to send for one update, in order; ``answer_at`` is the part under which the keyboard goes."""

    parts: list[str]
    keyboard: dict[str, Any] | None = None
    answer_at: int | None = None
    answer_id: int | None = None
    hand_over: bool = False
    handed_over: bool = False
    language: str = "nl"

    def to_json(self) -> dict[str, Any]:
        return {"parts": self.parts, "keyboard": self.keyboard, "answer_at": self.answer_at,
                "answer_id": self.answer_id, "hand_over": self.hand_over, "handed_over": self.handed_over,
                "language": self.language}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        return cls([str(part) for part in data.get("parts", [])], data.get("keyboard"), data.get("answer_at"),
                   data.get("answer_id"), bool(data.get("hand_over")), bool(data.get("handed_over")),
                   str(data.get("language") or "nl"))  # fmt: skip


async def save(handling: Handling | None, inbox: InboxRepository, plan: Plan) -> None:
    """Store the plan on the update being handled (nothing to store outside the gate)."""
    if handling is not None:
        await asyncio.to_thread(inbox.save_plan, handling.stored.update_id, plan.to_json())


async def send(
    message: Message, plan: Plan, handling: Handling | None, storage: Storage, *, resumed: bool = False
) -> Message | None:
    """Send the parts not yet sent, each counted as Telegram accepts it; the answer's message.

    ``resumed``: the plan was stored by an earlier, interrupted handling, so the first part sent
    now may be one Telegram accepted just before the interruption: it says so (never a silent repeat).
    """
    start = handling.stored.sent if handling is not None else 0
    keyboard = InlineKeyboardMarkup.de_json(plan.keyboard, message.get_bot()) if plan.keyboard else None
    answer_message = None
    for index in range(start, len(plan.parts)):
        carries_answer = index == plan.answer_at
        text = plan.parts[index]
        if resumed and index == start:
            text = f"{escape(messages.localized('POSSIBLE_REPEAT', plan.language))}\n\n{text}"
        sent = await reply_part(message, text, quote=index == 0,
                                keyboard=keyboard if carries_answer else None)  # fmt: skip
        answer_message = sent if carries_answer else answer_message
        answer_id = plan.answer_id if carries_answer else None
        if handling is not None:
            count = functools.partial(storage.inbox.mark_sent, handling.stored.update_id, index + 1,
                                      answer_id=answer_id, message_id=sent.message_id)  # fmt: skip
            await asyncio.get_running_loop().run_in_executor(_COUNTING, count)
            handling.stored = replace(handling.stored, sent=index + 1)
        elif answer_id is not None:
            await asyncio.to_thread(storage.conversation.set_answer_message_id, answer_id, sent.message_id)
    return answer_message
