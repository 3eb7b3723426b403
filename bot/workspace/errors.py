"""Errors of the staff workspace; storage and queue errors are translated at its boundary.

BotError (bot.errors)
└── WorkspaceError          base of everything the workspace raises on purpose
    ├── AccountExists       ``staff add`` for an address that has an account
    ├── AccountNotFound     no active account with that address
    ├── InvalidAccount      an empty name, or a password too short or too long
    ├── LoginRefused        wrong address or password (one message for both)
    ├── LoginThrottled      too many failed logins for the address or the client
    ├── Forbidden           the account's role does not allow the action
    ├── ActionFailed        a ticket or draft action the queue refused (message is Dutch)
    └── NeedsRedaction      an answer names a third person: ``redacted`` is shown, sent only when confirmed
"""

from __future__ import annotations

from bot.errors import BotError


class WorkspaceError(BotError):
    """Base class of the workspace's errors."""


class AccountExists(WorkspaceError):
    """There is an active account for this e-mail address already."""


class AccountNotFound(WorkspaceError):
    """No active account for this e-mail address."""


class InvalidAccount(WorkspaceError):
    """An account detail that cannot be accepted (empty name, password length)."""


class LoginRefused(WorkspaceError):
    """Wrong e-mail address or password; deliberately does not say which."""


class LoginThrottled(WorkspaceError):
    """Too many failed attempts; ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed logins; try again in {retry_after:.0f} s")


class Forbidden(WorkspaceError):
    """The account may not do this (an admin action for a staff account)."""


class ActionFailed(WorkspaceError):
    """The queue refused the action; the message is the Dutch line staff see."""


class NeedsRedaction(WorkspaceError):
    """The answer holds identifiers of a third person; ``redacted`` is the version that may be sent."""

    def __init__(self, redacted: str, kinds: tuple[str, ...]) -> None:
        self.redacted = redacted
        self.kinds = kinds
        super().__init__(f"the answer names a third person ({', '.join(kinds)})")
