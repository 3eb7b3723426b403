"""Errors of the staff queue; storage errors are translated at its boundary.

    BotError (bot.errors)
    └── QueueError             base of everything the queue raises on purpose
        ├── TicketNotFound     no ticket with that number
        ├── DraftNotFound      no FAQ draft with that number
        ├── NotAllowed         the caller may not do this (not staff; not the official's ticket)
        ├── NotPossible        the ticket or draft is in a state that does not allow it
        ├── NothingToDraft     "Maak FAQ" on a ticket that has no staff answer yet
        └── ThirdPartyData     a staff answer names a third person: shown redacted, sent only when confirmed

``DatabaseUnavailable`` and other ``StorageError``s pass through unchanged: the Telegram error
handler logs them and the CLI turns them into a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.errors import BotError
from bot.storage import InvalidTransition, NotFound, NotTicketOwner


class QueueError(BotError):
    """Base class of the staff queue's errors."""


class TicketNotFound(QueueError):
    """No ticket with this number."""

    def __init__(self, ticket_id: int) -> None:
        self.ticket_id = ticket_id
        super().__init__(f"ticket {ticket_id} does not exist")


class DraftNotFound(QueueError):
    """No FAQ draft with this number."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(f"FAQ draft {draft_id} does not exist")


class NotAllowed(QueueError):
    """The caller is not staff, or the ticket is not theirs."""


class NotPossible(QueueError):
    """The ticket or draft is in a state that does not allow the action (``status`` says which)."""

    def __init__(self, message: str, status: str = "") -> None:
        self.status = status
        super().__init__(message)


class NothingToDraft(QueueError):
    """An FAQ needs a staff answer to start from."""


class ThirdPartyData(QueueError):
    """A staff answer holds identifiers of a third person; ``redacted`` is what could be sent instead."""

    def __init__(self, ticket_id: int, redacted: str, kinds: tuple[str, ...]) -> None:
        self.ticket_id = ticket_id
        self.redacted = redacted
        self.kinds = kinds
        super().__init__(f"the answer to ticket {ticket_id} names a third person ({', '.join(kinds)})")


@contextmanager
def translated(ticket_id: int, status: str = "") -> Iterator[None]:
    """Storage's NotFound / NotTicketOwner / InvalidTransition as queue errors for ``ticket_id``."""
    try:
        yield
    except NotFound as exc:
        raise TicketNotFound(ticket_id) from exc
    except NotTicketOwner as exc:
        raise NotAllowed(str(exc)) from exc
    except InvalidTransition as exc:
        raise NotPossible(str(exc), status) from exc
