"""``QueueHandover``: the conversation's ``Handover`` protocol, answered by opening a ticket."""

from __future__ import annotations

import asyncio

from ..conversation import HandoverTrigger, Official
from ..storage import AnswerRecord, TicketTrigger
from .models import BotAttempt
from .officials import OfficialDesk


class QueueHandover:
    """Opens (or finds) the official's ticket; returns the Dutch confirmation with number and timing."""

    def __init__(self, desk: OfficialDesk) -> None:
        self._desk = desk

    async def request(
        self, official: Official, question: str, trigger: HandoverTrigger, answer: AnswerRecord | None
    ) -> str:
        """Hand ``question`` (already redacted) to staff; the text shown to the official."""
        attempt = BotAttempt.from_answer(answer) if answer is not None else None
        escalation = await asyncio.to_thread(
            self._desk.escalate, official.id, official.telegram_user_id, official.chat_id, question,
            TicketTrigger(trigger.value), attempt,
        )  # fmt: skip
        return escalation.text
