"""The officials' side of the queue: escalating, following up, their tickets, being forgotten.

Synchronous (database work); the Telegram layer calls it through ``asyncio.to_thread``. Texts
from officials are redacted here before they are stored or shown to staff.
"""

from __future__ import annotations

import logging

from bot import messages
from bot.answer.intents import normalise
from bot.answer.privacy import redact
from bot.ops import record_escalation
from bot.queue.config import QueueConfig
from bot.queue.errors import NotAllowed, TicketNotFound, translated
from bot.queue.models import BotAttempt, Escalation, ReplyKind, ReplyTarget
from bot.queue.notices import LOCAL_GOVERNMENT_KEY, Notices
from bot.queue.render import follow_up_parts, snippet
from bot.storage import (
    ForgetResult,
    HandoverTrigger,
    OfficialRecord,
    OutboxKind,
    RelayResult,
    Storage,
    TicketRecord,
    TicketStatus,
)

logger = logging.getLogger(__name__)

NOT_FINISHED = (TicketStatus.OPEN, TicketStatus.CLAIMED, TicketStatus.ANSWERED)
LOCAL_GOVERNMENT_LIMIT = 120


class OfficialDesk:
    """What an official can do with the staff queue."""

    def __init__(self, storage: Storage, config: QueueConfig, notices: Notices) -> None:
        self._storage = storage
        self._config = config
        self._notices = notices

    def escalate(
        self,
        official_id: int,
        telegram_user_id: int,
        chat_id: int,
        question: str,
        trigger: HandoverTrigger,
        attempt: BotAttempt | None = None,
        *,
        ask_local_government: bool = True,
    ) -> Escalation:
        """Open a ticket for a (redacted) question, post it to staff; the same question twice opens one.

        The first time an official escalates without a known local government, they are asked
        for it (once: the outbox key is theirs).
        """
        question = question.strip() or messages.TICKET_NO_QUESTION
        existing = self._existing(official_id, question, attempt)
        if existing is not None:
            status = messages.OFFICIAL_STATUS.get(existing.status.value, existing.status.value)
            text = messages.TICKET_EXISTS.format(
                ticket_id=existing.id, status=status, hours=self._config.response_target_hours
            )
            return Escalation(existing, False, text)
        ticket = self._storage.tickets.create_ticket(
            official_id,
            chat_id,
            question,
            HandoverTrigger(trigger),
            question_id=attempt.question_id if attempt else None,
            bot_answer=attempt.text if attempt else None,
            bot_sources=attempt.sources if attempt else (),
            bot_confidence=attempt.confidence if attempt else None,
        )
        official = self._storage.officials.get(telegram_user_id)
        self._notices.post(ticket, official)
        if ask_local_government and official is not None and not official.local_government:
            self._notices.ask_local_government(official, chat_id)
        self._storage.audit.record(
            telegram_user_id, None, "ticket.created", ticket.id, {"trigger": ticket.trigger.value}
        )
        record_escalation(ticket.trigger.value)
        logger.info("Ticket %s created (trigger %s)", ticket.id, ticket.trigger.value)
        text = messages.TICKET_CREATED.format(ticket_id=ticket.id, hours=self._config.response_target_hours)
        return Escalation(ticket, True, text)

    def reply_target(self, chat_id: int, message_id: int) -> ReplyTarget | None:
        """What the bot's message ``message_id`` was, if it belongs to the queue."""
        item = self._storage.outbox.find_sent(chat_id, message_id)
        if item is None:
            return None
        if item.dedupe_key.startswith(LOCAL_GOVERNMENT_KEY):
            return ReplyTarget(ReplyKind.LOCAL_GOVERNMENT)
        official_kinds = (OutboxKind.RELAY_TO_OFFICIAL, OutboxKind.NOTIFY_OFFICIAL)
        if item.ticket_id is not None and item.kind in official_kinds:
            return ReplyTarget(ReplyKind.TICKET, item.ticket_id)
        return None

    def follow_up(self, telegram_user_id: int, chat_id: int, ticket_id: int, text: str, message_id: int) -> RelayResult:
        """The official replied to a staff answer: redact, log, relay to the topic, reopen if needed."""
        official = self._official(telegram_user_id)
        redacted = redact(normalise(text)).text
        key = f"followup:{ticket_id}:{chat_id}:{message_id}"  # names the Telegram message
        outgoing = self._notices.staff_messages(ticket_id, follow_up_parts(ticket_id, redacted), key)
        with translated(ticket_id):
            result = self._storage.relays.record_official_reply(
                ticket_id,
                official.id,
                redacted,
                outgoing,
                telegram_chat_id=chat_id,
                telegram_message_id=message_id,
            )
        if result.created and result.reopened:
            self._notices.to_staff(ticket_id, messages.STAFF_REOPENED.format(ticket_id=ticket_id), f"reopened:{key}")
        return result

    def set_local_government(self, telegram_user_id: int, text: str) -> str:
        """Keep the official's local government on their profile; staff of their open tickets are told."""
        name = snippet(redact(normalise(text)).text, LOCAL_GOVERNMENT_LIMIT)
        official = self._storage.officials.set_local_government(telegram_user_id, name)
        for ticket in self._storage.tickets.list_for_official(official.id, active_only=True):
            notice = messages.STAFF_LOCAL_GOVERNMENT.format(ticket_id=ticket.id, name=name)
            self._notices.to_staff(ticket.id, notice, f"lg:{ticket.id}")
        logger.info("Official %s gave their local government", official.id)
        return name

    def tickets(self, telegram_user_id: int) -> list[TicketRecord]:
        """The official's tickets (none when unknown)."""
        official = self._storage.officials.get(telegram_user_id)
        return [] if official is None else self._storage.tickets.list_for_official(official.id)

    def withdraw(self, telegram_user_id: int, ticket_id: int) -> TicketRecord:
        """The official no longer needs an answer; staff are told in the topic."""
        official = self._official(telegram_user_id)
        current = self._storage.tickets.get_ticket(ticket_id)
        if current is None or current.official_id != official.id:
            raise TicketNotFound(ticket_id)
        with translated(ticket_id, current.status.value):
            ticket = self._storage.tickets.withdraw(ticket_id, official.id)
        self._notices.to_staff(
            ticket_id, messages.STAFF_WITHDRAWN.format(ticket_id=ticket_id), f"withdrawn:{ticket_id}"
        )
        self._storage.audit.record(telegram_user_id, None, "ticket.withdrawn", ticket_id)
        return ticket

    def forget(self, telegram_user_id: int) -> ForgetResult:
        """Blank the official's personal data everywhere; staff of their open tickets are told."""
        official = self._storage.officials.get(telegram_user_id)
        if official is None:
            return ForgetResult(found=False)
        active = self._storage.tickets.list_for_official(official.id, active_only=True)
        result = self._storage.officials.forget_official(telegram_user_id)
        for ticket in active:
            notice = messages.STAFF_FORGOTTEN.format(ticket_id=ticket.id)
            self._notices.to_staff(ticket.id, notice, f"forgotten:{ticket.id}")
        self._storage.audit.record(None, None, "official.forgotten", None, {"official_id": official.id})
        return result

    def _official(self, telegram_user_id: int) -> OfficialRecord:
        official = self._storage.officials.get(telegram_user_id)
        if official is None:
            raise NotAllowed(f"telegram user {telegram_user_id} is not a known official")
        return official

    def _existing(self, official_id: int, question: str, attempt: BotAttempt | None) -> TicketRecord | None:
        """An unfinished ticket of the official for the same stored question, or the same text."""
        question_id = attempt.question_id if attempt is not None else None
        for ticket in self._storage.tickets.list_for_official(official_id):
            same = (question_id is not None and ticket.question_id == question_id) or ticket.question_text == question
            if same and ticket.status in NOT_FINISHED:
                return ticket
        return None
