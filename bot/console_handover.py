"""Escalations from the console chat go to the real local staff queue (same tickets as Telegram)."""

from __future__ import annotations

from . import messages
from .console import ConsoleHandover
from .results import AnswerResult
from .settings import Settings

CONSOLE_USER_ID = 0


def make_console_handover(settings: Settings) -> ConsoleHandover | None:
    """A handover that files a ticket in the configured database for the console's operator."""
    from .storage import Database, OfficialRepository, TicketRepository, TicketTrigger

    database = Database(settings.resolved_database_url)
    database.upgrade()
    officials = OfficialRepository(database)
    tickets = TicketRepository(database)

    def handover(result: AnswerResult) -> str:
        official = officials.upsert_official(CONSOLE_USER_ID, "Consolegebruiker", None, "nl")
        reason = result.reason.value if result.reason else TicketTrigger.ASKED_FOR_PERSON.value
        trigger = TicketTrigger(reason) if reason in set(TicketTrigger) else TicketTrigger.LOW_CONFIDENCE
        ticket = tickets.create_ticket(
            official_id=official.id, chat_id=CONSOLE_USER_ID, question_text=result.question,
            bot_answer=result.answer, bot_sources=[s.to_json() for s in result.sources],
            bot_confidence=result.confidence, trigger=trigger,
        )  # fmt: skip
        return messages.CHAT_TICKET_CREATED.format(ticket_id=ticket.id, hours=settings.response_target_hours)

    return handover
