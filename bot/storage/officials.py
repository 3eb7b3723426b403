"""Officials: who they are (as Telegram tells us), their municipality, and forgetting them."""

from __future__ import annotations

import logging

from sqlalchemy import func, select, update

from bot.messages import TICKET_FORGOTTEN_NEUTRAL as FORGOTTEN
from bot.storage._sql import dialect_insert, execute_counting, require_row
from bot.storage.db import Database
from bot.storage.enums import REMOVED, TicketStatus
from bot.storage.follows import forget_follows
from bot.storage.models import Official, OutboxMessage, Question, Ticket
from bot.storage.privacy import blank_outbox, blank_questions, blank_tickets
from bot.storage.records import ForgetResult, OfficialRecord, from_row
from bot.storage.surveys import forget_survey_answers
from bot.storage.types import Clock, utcnow

logger = logging.getLogger(__name__)

ACTIVE = (TicketStatus.OPEN, TicketStatus.CLAIMED)


class OfficialRepository:
    """Officials keyed by their Telegram user id."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def upsert_official(
        self,
        telegram_user_id: int,
        display_name: str,
        username: str | None = None,
        language: str | None = None,
    ) -> OfficialRecord:
        """Create the official or refresh their names and ``last_seen_at``; one statement, no race."""
        now = self._clock()
        with self._db.session() as session:
            insert = dialect_insert(session, Official).values(
                telegram_user_id=telegram_user_id,
                display_name=display_name,
                username=username,
                language=language,
                created_at=now,
                last_seen_at=now,
            )
            session.execute(
                insert.on_conflict_do_update(
                    index_elements=[Official.telegram_user_id],
                    set_={
                        "display_name": insert.excluded.display_name,
                        "username": insert.excluded.username,
                        "language": func.coalesce(insert.excluded.language, Official.language),
                        "last_seen_at": insert.excluded.last_seen_at,
                    },
                )
            )
            row = session.scalars(select(Official).where(Official.telegram_user_id == telegram_user_id)).one()
            return from_row(OfficialRecord, row)

    def get(self, telegram_user_id: int) -> OfficialRecord | None:
        """The official with this Telegram user id, if known."""
        with self._db.session() as session:
            row = session.scalars(select(Official).where(Official.telegram_user_id == telegram_user_id)).first()
            return None if row is None else from_row(OfficialRecord, row)

    def get_by_id(self, official_id: int) -> OfficialRecord | None:
        """The official with this database id, if any."""
        with self._db.session() as session:
            row = session.get(Official, official_id)
            return None if row is None else from_row(OfficialRecord, row)

    def set_local_government(self, telegram_user_id: int, local_government: str | None) -> OfficialRecord:
        """Record (or clear) the municipality the official works for."""
        with self._db.session() as session:
            row = require_row(
                session,
                select(Official).where(Official.telegram_user_id == telegram_user_id),
                "official",
                telegram_user_id,
            )
            row.local_government = local_government
            session.flush()
            return from_row(OfficialRecord, row)

    def forget_official(self, telegram_user_id: int) -> ForgetResult:
        """Remove the official's personal data but keep every row, so counts stay right.

        Names are cleared; their questions, the bot's answers, their tickets and the
        messages in those tickets become ``[verwijderd]``; open tickets are withdrawn and
        undelivered outbox messages to them or about their tickets are cancelled.
        """
        now = self._clock()
        with self._db.session() as session:
            forget_follows(session, telegram_user_id)  # theme follows and announcement responses (bot.themes)
            forget_survey_answers(session, telegram_user_id)
            official = session.scalars(
                select(Official).where(Official.telegram_user_id == telegram_user_id).with_for_update()
            ).first()
            if official is None:
                return ForgetResult(found=False)
            official.display_name = REMOVED
            official.username = None
            official.local_government = None
            session.flush()
            question_ids = list(session.scalars(select(Question.id).where(Question.official_id == official.id)))
            questions, answers = blank_questions(session, question_ids)
            execute_counting(
                session,
                update(Ticket)
                .where(Ticket.official_id == official.id, Ticket.status.in_(ACTIVE))
                .values(status=TicketStatus.WITHDRAWN, updated_at=now),
            )
            ticket_ids = list(session.scalars(select(Ticket.id).where(Ticket.official_id == official.id)))
            tickets, messages, outbox = blank_tickets(session, ticket_ids, neutral=FORGOTTEN, now=now)
            outbox += blank_outbox(session, OutboxMessage.chat_id == telegram_user_id)
        logger.info("Forgot official %s: %s questions, %s tickets", official.id, questions, tickets)
        return ForgetResult(
            found=True,
            questions=questions,
            answers=answers,
            tickets=tickets,
            ticket_messages=messages,
            outbox=outbox,
        )
