"""Escalations from the console chat go to the real local staff queue (same tickets as Telegram).

The console's user has no Telegram chat (chat id 0): staff see the ticket and can answer it, and
the relay of that answer fails and is shown to them in the ticket's topic.
"""

from __future__ import annotations

from .console import ConsoleHandover
from .results import AnswerResult
from .settings import Settings

CONSOLE_USER_ID = 0


def make_console_handover(settings: Settings) -> ConsoleHandover | None:
    """A handover that opens a ticket in the configured database through the staff queue."""
    from .queue import BotAttempt, StaffQueue
    from .storage import Storage, TicketTrigger

    storage = Storage.open(settings.resolved_database_url)
    storage.database.upgrade()
    desk = StaffQueue.over(storage, settings).officials

    def handover(result: AnswerResult) -> str:
        official = storage.officials.upsert_official(CONSOLE_USER_ID, "Consolegebruiker", None, "nl")
        trigger = TicketTrigger(result.reason.value) if result.reason else TicketTrigger.ASKED_FOR_PERSON
        attempt = BotAttempt(result.answer, tuple(s.to_json() for s in result.sources), result.confidence)
        escalation = desk.escalate(
            official.id, CONSOLE_USER_ID, CONSOLE_USER_ID, result.question, trigger, attempt,
            ask_local_government=False,
        )  # fmt: skip
        return escalation.text

    return handover
