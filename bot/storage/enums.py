"""The closed vocabularies stored in the database, as ``StrEnum`` so they compare to their text."""

from __future__ import annotations

import enum


class Decision(enum.StrEnum):
    """What the pipeline did with a question."""

    ANSWER = "answer"
    ESCALATE = "escalate"


class HandoverTrigger(enum.StrEnum):
    """Why a question went to the staff queue."""

    LOW_CONFIDENCE = "low_confidence"
    OUT_OF_DOMAIN = "out_of_domain"
    NOT_HELPFUL = "not_helpful"
    ASKED_FOR_PERSON = "asked_for_person"
    CASE_QUESTION = "case_question"
    SPECIFIC_FACTS = "specific_facts"


class TicketStatus(enum.StrEnum):
    """Where a ticket is in its life: open -> claimed -> answered -> closed (or withdrawn)."""

    OPEN = "open"
    CLAIMED = "claimed"
    ANSWERED = "answered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


class AuthorKind(enum.StrEnum):
    """Who wrote a message in a ticket's conversation."""

    OFFICIAL = "official"
    STAFF = "staff"
    BOT = "bot"
    SYSTEM = "system"


class OutboxKind(enum.StrEnum):
    """What an outgoing Telegram message is for (the sender may treat kinds differently)."""

    RELAY_TO_OFFICIAL = "relay_to_official"
    POST_TO_STAFF = "post_to_staff"
    NOTIFY_OFFICIAL = "notify_official"
    NOTIFY_STAFF = "notify_staff"
    PUSH_TO_OFFICIAL = "push_to_official"  # digests and announcements to followers (bot.themes)
    EDIT_STAFF_MESSAGE = "edit_staff_message"  # rewrite a sent staff-chat message (``edit_message_id``)
    RENAME_STAFF_TOPIC = "rename_staff_topic"  # rename a ticket's forum topic (``message_thread_id``)


class OutboxStatus(enum.StrEnum):
    """Delivery state of an outbox row."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class DraftStatus(enum.StrEnum):
    """Review state of an FAQ entry drafted from a ticket."""

    DRAFT = "draft"
    APPROVED = "approved"
    REJECTED = "rejected"


class UpdateStatus(enum.StrEnum):
    """Where a stored Telegram update is: received (not yet handled, or waiting) -> done, or set aside."""

    RECEIVED = "received"
    DONE = "done"
    SET_ASIDE = "set_aside"  # failed too often: kept for an operator, never tried again


REMOVED = "[verwijderd]"
"""What replaces personal text when an official is forgotten or a ticket is anonymised."""
