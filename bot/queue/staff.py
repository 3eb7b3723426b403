"""The staff side of the queue: claiming, answering, closing, looking up, and refusing outsiders.

Every staff action lands in the audit trail. Answers are relayed through the outbox, written
in the same transaction as the ticket message (``RelayRepository``), so a crash never loses
one and a redelivered update never sends one twice.

Staff answers pass the same personal-data guard as officials' questions. One that names a third
person is not sent: ``answer`` raises ``ThirdPartyData`` with the redacted version, the channel
shows it to staff, and only that redacted version goes out once they confirm (in Telegram the
answer is held, redacted, in ``held_answers`` until "Verstuur geredigeerd" or "Annuleer").
Whatever is stored, queued or logged of a staff answer is the redacted text.
"""

from __future__ import annotations

import logging
import uuid

from bot import messages
from bot.answer.privacy import redact
from bot.queue.actions import held_keyboard
from bot.queue.config import QueueConfig
from bot.queue.errors import NotPossible, ThirdPartyData, TicketNotFound, translated
from bot.queue.models import Actor, TicketView
from bot.queue.notices import HTML, Notices
from bot.queue.render import framed, relay_parts
from bot.storage import (
    ClaimResult,
    OutboxKind,
    OutgoingMessage,
    RelayResult,
    Storage,
    TicketRecord,
    TicketStatus,
)
from bot.storage.held import CANCELLED, HELD, SENT, HeldAnswerRecord, HeldAnswerRepository

logger = logging.getLogger(__name__)


class StaffDesk:
    """What a VVSG staff member can do with tickets."""

    def __init__(self, storage: Storage, config: QueueConfig, notices: Notices) -> None:
        self._storage = storage
        self._config = config
        self._notices = notices
        self._held = HeldAnswerRepository(storage.database)

    def ticket(self, ticket_id: int) -> TicketRecord:
        """One ticket, or ``TicketNotFound``."""
        ticket = self._storage.tickets.get_ticket(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    def ticket_for_message(self, chat_id: int, thread_id: int | None, reply_to: int | None) -> TicketRecord | None:
        """The ticket a staff message belongs to: by forum topic, else by the message it replies to."""
        tickets = self._storage.tickets
        found = tickets.find_by_staff_thread(chat_id, thread_id) if thread_id is not None else None
        if found is None and reply_to is not None:
            found = tickets.find_by_staff_message(chat_id, reply_to)
        return found

    def claim(self, ticket_id: int, actor: Actor) -> ClaimResult:
        """Take the ticket; of two staff pressing at once exactly one wins."""
        with translated(ticket_id):
            result = self._storage.tickets.claim(ticket_id, actor.user_id or 0, actor.name)
        if result.won:
            claimed = result.ticket.claimed_at.timestamp() if result.ticket.claimed_at else 0
            notice = messages.STAFF_CLAIMED.format(name=actor.name, ticket_id=ticket_id)
            self._notices.to_staff(ticket_id, notice, f"claimed:{ticket_id}:{claimed}")
            self._storage.audit.record(actor.user_id, actor.name, "ticket.claimed", ticket_id)
        return result

    def answer(
        self,
        ticket_id: int,
        actor: Actor,
        text: str,
        *,
        chat_id: int | None = None,
        message_id: int | None = None,
        copy_header: str = messages.STAFF_TERMINAL_ANSWER,
        redacted_ok: bool = False,
    ) -> RelayResult:
        """Relay a staff answer to the official (a closed ticket reopens, answered).

        Given outside Telegram (no ``message_id``), a copy goes to the ticket's topic under
        ``copy_header`` (the terminal's by default; the web workspace passes its own). An answer
        naming a third person raises ``ThirdPartyData`` unless ``redacted_ok``: then its redacted
        version is what is relayed.
        """
        ticket = self.ticket(ticket_id)
        redaction = redact(text)
        if redaction.found and not redacted_ok:
            raise ThirdPartyData(ticket_id, redaction.text, tuple(kind.value for kind in redaction.kinds))
        text = redaction.text
        # The key names the staff message, so a redelivered update finds its relay already written.
        origin = f"{chat_id}:{message_id}" if message_id is not None else f"terminal:{uuid.uuid4().hex}"
        source = f"{ticket_id}:{origin}"
        relay = OutboxKind.RELAY_TO_OFFICIAL
        outgoing = [
            OutgoingMessage(relay, ticket.chat_id, part, f"relay:{source}:{index}", HTML)
            for index, part in enumerate(relay_parts(ticket_id, text))
        ]
        if message_id is None:  # from the terminal: staff see the answer in the topic too
            header = copy_header.format(name=actor.name)
            outgoing += self._notices.staff_messages(ticket_id, framed(header, text), f"copy:{source}")
        with translated(ticket_id, ticket.status.value):
            result = self._storage.relays.record_staff_answer(
                ticket_id, text, outgoing, staff_user_id=actor.user_id, staff_name=actor.name,
                telegram_chat_id=chat_id, telegram_message_id=message_id,
            )  # fmt: skip
        if result.created:
            detail: dict[str, object] = {"reopened": result.reopened, "parts": len(outgoing)}
            if redaction.found:
                detail["redacted"] = [kind.value for kind in redaction.kinds]
            self._storage.audit.record(actor.user_id, actor.name, "ticket.answered", ticket_id, detail)
        return result

    def hold(self, held: ThirdPartyData, actor: Actor, *, chat_id: int, message_id: int) -> HeldAnswerRecord:
        """Keep the redacted answer and show it in the topic with "Verstuur geredigeerd" / "Annuleer"."""
        record = self._held.hold(held.ticket_id, held.redacted, held.kinds, staff_user_id=actor.user_id,
                                 staff_name=actor.name, chat_id=chat_id, message_id=message_id)  # fmt: skip
        header = messages.STAFF_ANSWER_HELD.format(ticket_id=held.ticket_id, kinds=", ".join(held.kinds))
        parts = self._notices.staff_messages(held.ticket_id, framed(header, held.redacted), f"held:{record.id}")
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            self._storage.outbox.enqueue(part.kind, part.chat_id, part.text, dedupe_key=part.dedupe_key,
                                         parse_mode=HTML, ticket_id=held.ticket_id,
                                         reply_markup=held_keyboard(record.id) if last else None)  # fmt: skip
        self._storage.audit.record(actor.user_id, actor.name, "answer.held", held.ticket_id,
                                   {"held": record.id, "kinds": list(held.kinds)})  # fmt: skip
        return record

    def send_held(self, held_id: int, actor: Actor) -> HeldAnswerRecord:
        """ "Verstuur geredigeerd": relay the held, redacted answer (once, whoever presses first)."""
        record = self._held_answer(held_id)
        self.answer(record.ticket_id, actor, record.text, chat_id=record.telegram_chat_id,
                    message_id=record.telegram_message_id, redacted_ok=True)  # fmt: skip
        self._held.release(held_id, SENT)
        return record

    def cancel_held(self, held_id: int, actor: Actor) -> HeldAnswerRecord:
        """ "Annuleer": the held answer is dropped; nothing reaches the official."""
        record = self._held_answer(held_id)
        if not self._held.release(held_id, CANCELLED):
            raise NotPossible(messages.STAFF_HELD_GONE, "held")
        self._storage.audit.record(actor.user_id, actor.name, "answer.cancelled", record.ticket_id, {"held": held_id})
        return record

    def _held_answer(self, held_id: int) -> HeldAnswerRecord:
        record = self._held.get(held_id)
        if record is None or record.status != HELD:
            raise NotPossible(messages.STAFF_HELD_GONE, "held")
        return record

    def close(self, ticket_id: int, actor: Actor) -> TicketRecord:
        """Close the ticket; staff and the official are told (the official may reply to reopen)."""
        current = self.ticket(ticket_id)
        if current.status == TicketStatus.CLOSED:
            raise NotPossible(f"ticket {ticket_id} is already closed", current.status.value)
        with translated(ticket_id, current.status.value):
            ticket = self._storage.tickets.close(ticket_id)
        closed = ticket.closed_at.timestamp() if ticket.closed_at else 0
        notice = messages.STAFF_CLOSED.format(name=actor.name, ticket_id=ticket_id)
        self._notices.to_staff(ticket_id, notice, f"closed:{ticket_id}:{closed}")
        if not ticket.anonymised:
            self._notices.to_official(
                ticket.chat_id, messages.TICKET_CLOSED_NOTICE.format(ticket_id=ticket_id),
                f"closed-official:{ticket_id}:{closed}", ticket_id=ticket_id,
            )  # fmt: skip
        self._storage.audit.record(actor.user_id, actor.name, "ticket.closed", ticket_id)
        return ticket

    def open_tickets(self) -> list[TicketRecord]:
        """Open and claimed tickets, oldest first."""
        return self._storage.tickets.list_open()

    def view(self, ticket_id: int) -> TicketView:
        """The ticket, its official and its conversation."""
        ticket = self.ticket(ticket_id)
        official = self._storage.officials.get_by_id(ticket.official_id)
        return TicketView(ticket, official, tuple(self._storage.tickets.messages(ticket_id)))

    def refuse(self, user_id: int | None, name: str | None, attempt: str, ticket_id: int | None = None) -> None:
        """Someone who is not staff tried a staff action: log and audit it."""
        logger.warning("Refused staff action %s by user %s (ticket %s)", attempt, user_id, ticket_id)
        self._storage.audit.record(user_id, name, "staff.refused", ticket_id, {"attempt": attempt})
