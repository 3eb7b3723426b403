"""The one seam between a conversation and the staff queue: ``Handover``.

Every channel hands a question to staff through this protocol; the staff queue implements it
(``bot.queue.QueueHandover``), and ``NotedHandover`` stands in where no queue is wired.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from bot import messages
from bot.chat.models import HandoverTrigger, Official
from bot.storage import AnswerRecord, Storage

logger = logging.getLogger(__name__)


class Handover(Protocol):
    """Passes a question to a staff member; the staff queue implements it."""

    async def request(
        self, official: Official, question: str, trigger: HandoverTrigger, answer: AnswerRecord | None
    ) -> str:
        """Hand ``question`` (redacted) to staff; return the Dutch text shown to the official."""
        ...


class NotedHandover:
    """Stand-in until the staff queue is wired: records the request in the audit trail, no text."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    async def request(
        self, official: Official, question: str, trigger: HandoverTrigger, answer: AnswerRecord | None
    ) -> str:
        detail = {
            "official_id": official.id,
            "trigger": trigger.value,
            "question_id": answer.question_id if answer else None,
        }
        record = self._storage.audit.record
        await asyncio.to_thread(record, official.telegram_user_id, None, "handover.requested", None, detail)
        logger.info("Handover requested by official %s (%s)", official.id, trigger.value)
        return messages.HANDOVER_NOTED
