"""``QueueHandover``: the conversation's ``Handover`` protocol, answered by opening a ticket."""

from __future__ import annotations

import asyncio

from bot.chat import HandoverTrigger, Official
from bot.queue.models import BotAttempt
from bot.queue.officials import OfficialDesk
from bot.storage import AnswerRecord


class QueueHandover:
    """Opens (or finds) the official's ticket; returns the Dutch confirmation with number and timing."""

    def __init__(self, desk: OfficialDesk, *, ask_local_government: bool = True) -> None:
        self._desk = desk
        self._ask_local_government = ask_local_government

    async def request(
        self, official: Official, question: str, trigger: HandoverTrigger, answer: AnswerRecord | None
    ) -> str:
        """Hand ``question`` (already redacted) to staff; the text shown to the official."""
        attempt = BotAttempt.from_answer(answer) if answer is not None else None
        escalation = await asyncio.to_thread(
            self._desk.escalate, official.id, official.telegram_user_id, official.chat_id, question,
            trigger, attempt, ask_local_government=self._ask_local_government,
        )  # fmt: skip
        return escalation.text
