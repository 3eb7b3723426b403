"""Errors raised by the storage layer; nothing from SQLAlchemy or a driver leaks past it.

Callers catch these, not ``sqlalchemy.exc``: the bot answers an official with one friendly
line and logs the rest. The tree::

    StorageError
    ├── InvalidDatabaseURL       the configured URL is not a SQLAlchemy URL (also a ValueError)
    ├── DatabaseUnavailable      cannot reach or open the database (URL shown, password hidden)
    ├── MigrationError           the schema could not be brought to the code's revision
    ├── ConstraintViolation      a row broke a unique or foreign-key rule
    ├── NotFound                 no row with that id
    └── InvalidTransition        the row exists, but not in a state that allows the change
        └── NotTicketOwner       an official tried to change someone else's ticket
"""

from __future__ import annotations

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url


class StorageError(Exception):
    """Base of every error the storage layer raises."""


class InvalidDatabaseURL(StorageError, ValueError):
    """The database URL cannot be parsed; a ``ValueError`` too, as a constructor's bad value is."""


class DatabaseUnavailable(StorageError):
    """The database cannot be reached, opened or is locked for too long."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"database {url} is unavailable: {reason}")


class MigrationError(StorageError):
    """Running the Alembic revisions failed; the transaction was rolled back."""


class ConstraintViolation(StorageError):
    """A unique or foreign-key constraint refused the change."""


class NotFound(StorageError):
    """The row the caller named does not exist."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key!r} not found")


class InvalidTransition(StorageError):
    """The change is not allowed from the row's current state."""


class NotTicketOwner(InvalidTransition):
    """An official tried to withdraw a ticket that belongs to another official."""


def redact_url(url: str) -> str:
    """The URL with its password replaced by ``***``, safe for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "<unparseable database URL>"


def first_line(exc: BaseException) -> str:
    """The first line of the driver's message (SQLAlchemy appends SQL and parameters)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def translate(exc: sa_exc.SQLAlchemyError, url: str) -> StorageError:
    """Map a SQLAlchemy error to the storage tree; used with ``raise ... from exc``."""
    if isinstance(exc, sa_exc.IntegrityError):
        return ConstraintViolation(first_line(exc))
    if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DisconnectionError):
        return DatabaseUnavailable(redact_url(url), first_line(exc))
    return StorageError(f"{type(exc).__name__}: {first_line(exc)}")
