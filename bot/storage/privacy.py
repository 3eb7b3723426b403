"""Blanking personal text while keeping rows, so statistics and counts stay true.

Used by ``forget_official`` (an official asks to be forgotten) and by the retention purge
(``anonymise_older_than``). Texts become ``[verwijderd]``, names become ``NULL``; ids, statuses
and timestamps stay. The helpers take id lists, fetched before anything changes, because a
subquery such as "not yet anonymised" would select nothing on its second use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, update
from sqlalchemy.orm import Session

from bot.storage._sql import execute_counting
from bot.storage.enums import REMOVED, OutboxStatus
from bot.storage.models import Answer, HeldAnswer, OutboxMessage, Question, Ticket, TicketMessage, TicketNote
from bot.storage.neutral import EDIT_KINDS, queue_neutral_edits

CHUNK = 500  # ids per statement, well under SQLite's bound-parameter limit


def blank_tickets(
    session: Session, ticket_ids: Sequence[int], *, neutral: str | None = None, now: datetime | None = None
) -> tuple[int, int, int]:
    """Blank these tickets, their messages, internal notes, held answers and outbox rows.

    Returns ``(tickets, messages, outbox rows)`` touched. Undelivered outbox rows for these
    tickets are cancelled: their text is gone, so there is nothing left to send. With a
    ``neutral`` template ("Vraag {ticket_id} — verwijderd ..."), the topic and the bot's posts in
    the staff chat are queued to be rewritten to it (``bot.storage.neutral``).
    """
    tickets = messages = outbox = 0
    for chunk in _chunks(ticket_ids):
        tickets += execute_counting(
            session,
            update(Ticket)
            .where(Ticket.id.in_(chunk))
            .values(
                question_text=REMOVED,
                bot_answer=case((Ticket.bot_answer.is_(None), None), else_=REMOVED),
                bot_sources=[],
                assignee_name=None,
                anonymised=True,
            ),
        )
        messages += execute_counting(
            session,
            update(TicketMessage).where(TicketMessage.ticket_id.in_(chunk)).values(text=REMOVED, author_name=None),
        )
        outbox += blank_outbox(session, OutboxMessage.ticket_id.in_(chunk))
        execute_counting(session, update(TicketNote).where(TicketNote.ticket_id.in_(chunk)).values(text=REMOVED))
        execute_counting(
            session,
            update(HeldAnswer).where(HeldAnswer.ticket_id.in_(chunk)).values(text=REMOVED, status="cancelled"),
        )
        if neutral is not None and now is not None:
            queue_neutral_edits(session, chunk, neutral, now)
    return tickets, messages, outbox


def blank_outbox(session: Session, condition: Any) -> int:
    """Blank outbox rows matching ``condition``; undelivered ones are marked failed.

    Neutral edits (``bot.storage.neutral``) are left alone: they carry no personal text and are
    what takes it out of the staff chat.
    """
    condition = and_(condition, OutboxMessage.kind.not_in(EDIT_KINDS))
    execute_counting(
        session,
        update(OutboxMessage)
        .where(condition, OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
        .values(status=OutboxStatus.FAILED, last_error="cancelled: personal data removed", locked_at=None),
    )
    return execute_counting(
        session,
        update(OutboxMessage).where(condition, OutboxMessage.text != REMOVED).values(text=REMOVED, reply_markup=None),
    )


def blank_questions(session: Session, question_ids: Sequence[int]) -> tuple[int, int]:
    """Blank these questions and the bot's answers to them; returns both counts."""
    questions = answers = 0
    for chunk in _chunks(question_ids):
        questions += execute_counting(
            session,
            update(Question).where(Question.id.in_(chunk)).values(text_redacted=REMOVED, redaction_kinds=[]),
        )
        answers += execute_counting(
            session,
            update(Answer).where(Answer.question_id.in_(chunk)).values(text=REMOVED, sources=[]),
        )
    return questions, answers


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])
