"""What happens after the sender tried an outbox row: the bookkeeping half of delivery.

The Telegram layer sends and classifies the result as an ``Outcome``; this module decides what
that means: mark sent (and remember where a ticket's post landed), retry later with backoff, or
give up, telling staff in the ticket's topic when an official could not be reached.

A ticket's post in the staff chat is retried whatever went wrong (the bot removed from the
group, topics not allowed, an outage): the official was told "doorgegeven", so it must get
there. After ``MAX_ATTEMPTS`` tries staff are told in the staff chat itself, and the upkeep job
revives the post (``Upkeep.remind``) until it is delivered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot import messages
from bot.queue.notices import HTML, Notices
from bot.queue.render import notice
from bot.queue.repeats import EDITS, Repeats
from bot.storage import OutboxItem, OutboxKind, Storage, TicketRecord, utcnow
from bot.storage.follows import FollowRepository

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
BACKOFF_BASE = timedelta(seconds=1)
BACKOFF_CAP = timedelta(minutes=5)
OFFICIAL_KINDS = (OutboxKind.RELAY_TO_OFFICIAL, OutboxKind.NOTIFY_OFFICIAL)
STAFF_KINDS = (OutboxKind.POST_TO_STAFF, OutboxKind.NOTIFY_STAFF)


class Outcome(StrEnum):
    """How one send went."""

    SENT = "sent"
    RETRY = "retry"  # network trouble, 5xx, flood limit beyond the client's own retries
    WAIT = "wait"  # a staff notice whose ticket post is not there yet
    BLOCKED = "blocked"  # 403: the official blocked the bot, or the bot left the staff chat
    REJECTED = "rejected"  # 400: Telegram will never accept this message


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a staff-chat message goes: its ticket's topic, under its post, or wait for the post."""

    thread_id: int | None = None
    reply_to: int | None = None
    wait: bool = False
    ticket: TicketRecord | None = None


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failed ones: 1 s, 2 s, 4 s ... capped at 5 min."""
    return min(BACKOFF_BASE * 2 ** min(attempts, 20), BACKOFF_CAP)


class DeliveryLog:
    """Claims due rows for the sender and records how each send went."""

    def __init__(self, storage: Storage, notices: Notices) -> None:
        self._storage = storage
        self._notices = notices
        self._repeats = Repeats(storage, notices)

    def claim(self, limit: int = 50) -> list[OutboxItem]:
        """Due rows, marked ``sending``."""
        return self._storage.outbox.claim_due(limit=limit)

    def placement(self, item: OutboxItem) -> Placement:
        """Where in the staff chat ``item`` belongs; a notice waits (a while) for its ticket's post."""
        if item.kind not in STAFF_KINDS or item.ticket_id is None:
            return Placement(item.message_thread_id, item.reply_to_message_id)
        ticket = self._storage.tickets.get_ticket(item.ticket_id)
        if ticket is None or ticket.staff_chat_id not in (None, item.chat_id):
            return Placement()
        if item.kind is OutboxKind.POST_TO_STAFF:
            return Placement(ticket.staff_thread_id, None, ticket=ticket)
        if ticket.staff_message_id is None:
            return Placement(wait=item.attempts < MAX_ATTEMPTS - 1, ticket=ticket)  # then: the chat's main thread
        reply_to = None if ticket.staff_thread_id is not None else ticket.staff_message_id
        return Placement(ticket.staff_thread_id, reply_to, ticket=ticket)

    def sending(self, item: OutboxItem) -> str:
        """Set the idempotency marker just before the Bot API call; the text to send."""
        self._storage.outbox.mark_sending(item.id)
        return self._repeats.text_for(item)

    def topic_opened(self, item: OutboxItem, thread_id: int) -> None:
        """A forum topic was made for the post; saved before the post is sent into it."""
        assert item.ticket_id is not None
        self._storage.tickets.set_staff_thread(item.ticket_id, item.chat_id, thread_id)

    def record(
        self, item: OutboxItem, outcome: Outcome, *, message_id: int | None = None,
        thread_id: int | None = None, error: str = "", maybe_delivered: bool = False,
    ) -> None:  # fmt: skip
        """Book the result of one send (``maybe_delivered``: it timed out, the resend may be a repeat)."""
        outbox = self._storage.outbox
        if outcome is Outcome.SENT:
            outbox.mark_sent(item.id, message_id)
            if item.kind is OutboxKind.POST_TO_STAFF and item.ticket_id is not None and message_id is not None:
                self._storage.tickets.set_staff_post(item.ticket_id, item.chat_id, thread_id, message_id)
            return
        retry = (
            outcome in (Outcome.RETRY, Outcome.WAIT)
            or item.kind is OutboxKind.POST_TO_STAFF  # the official was told "doorgegeven"
            or (outcome is Outcome.BLOCKED and item.kind in EDITS)  # the bot may be let back in
        )
        if retry and item.attempts + 1 < MAX_ATTEMPTS:
            outbox.mark_retry(item.id, error or outcome.value, utcnow() + backoff(item.attempts),
                              maybe_delivered=maybe_delivered)  # fmt: skip
            return
        outbox.mark_failed(item.id, error or outcome.value)
        self._gave_up(item, outcome, error)

    def _gave_up(self, item: OutboxItem, outcome: Outcome, error: str) -> None:
        if item.kind is OutboxKind.POST_TO_STAFF and item.ticket_id is not None:
            self._post_undeliverable(item, outcome, error)
            return
        if item.kind is OutboxKind.PUSH_TO_OFFICIAL:  # a digest or announcement (bot.themes)
            if outcome is Outcome.BLOCKED:
                FollowRepository(self._storage.database).mark_blocked(item.chat_id)
            logger.warning("Push %s to a follower given up: %s", item.id, outcome)
            return
        if item.kind not in OFFICIAL_KINDS or item.ticket_id is None:
            logger.error("Outbox %s (%s) given up: %s %s", item.id, item.kind, outcome, error)
            return
        logger.warning("Relay %s for ticket %s given up: %s", item.id, item.ticket_id, outcome)
        if outcome is Outcome.BLOCKED:
            text = messages.STAFF_RELAY_BLOCKED.format(ticket_id=item.ticket_id)
        else:
            text = messages.STAFF_RELAY_FAILED.format(ticket_id=item.ticket_id, reason=error or outcome.value)
        self._notices.to_staff(item.ticket_id, text, f"undeliverable:{item.id}")
        detail = {"outbox_id": item.id, "outcome": outcome.value}
        self._storage.audit.record(None, None, "relay.failed", item.ticket_id, detail)

    def _post_undeliverable(self, item: OutboxItem, outcome: Outcome, error: str) -> None:
        """Tell staff, in the staff chat itself, that a ticket's post keeps failing (once per ticket)."""
        assert item.ticket_id is not None
        logger.error("Post of ticket %s given up after %s tries: %s", item.ticket_id, MAX_ATTEMPTS, outcome)
        text = messages.STAFF_POST_UNDELIVERABLE.format(
            ticket_id=item.ticket_id, attempts=MAX_ATTEMPTS, reason=error or outcome.value
        )
        key = f"post-undeliverable:{item.ticket_id}"
        self._storage.outbox.enqueue(OutboxKind.NOTIFY_STAFF, item.chat_id, notice(text), dedupe_key=key,
                                     parse_mode=HTML)  # fmt: skip
        detail = {"outbox_id": item.id, "outcome": outcome.value}
        self._storage.audit.record(None, None, "post.failed", item.ticket_id, detail)
