"""Staff accounts of the web workspace: who may log in, with which role.

The repository stores what it is given: hashing passwords is the workspace's job
(``bot.workspace.accounts``), so no password in clear ever reaches this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.storage.db import Database
from bot.storage.errors import ConstraintViolation, NotFound
from bot.storage.models import StaffAccount
from bot.storage.records import from_row
from bot.storage.types import Clock, utcnow


@dataclass(frozen=True, slots=True)
class StaffAccountRecord:
    """A staff account as read; ``password_hash`` is an argon2 hash."""

    id: int
    email: str
    name: str
    password_hash: str
    role: str
    active: bool
    created_at: datetime
    password_changed_at: datetime


class StaffAccountRepository:
    """Accounts by e-mail address (stored lower-case); removing one deactivates it."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def add(self, email: str, name: str, password_hash: str, role: str) -> StaffAccountRecord:
        """A new account; an existing active e-mail address is a ``ConstraintViolation``.

        A removed account with the same address comes back to life with the new details.
        """
        now = self._clock()
        with self._db.session() as session:
            row = session.scalars(select(StaffAccount).where(StaffAccount.email == email.lower())).first()
            if row is not None and row.active:
                raise ConstraintViolation(f"a staff account for {email.lower()} exists already")
            if row is None:
                row = StaffAccount(email=email.lower(), created_at=now)
                session.add(row)
            row.name, row.password_hash, row.role, row.active = name, password_hash, role, True
            row.password_changed_at = now
            session.flush()
            return from_row(StaffAccountRecord, row)

    def get(self, account_id: int) -> StaffAccountRecord | None:
        """One account by id (active or not)."""
        with self._db.session() as session:
            row = session.get(StaffAccount, account_id)
            return None if row is None else from_row(StaffAccountRecord, row)

    def by_email(self, email: str) -> StaffAccountRecord | None:
        """The active account for an address, if any."""
        with self._db.session() as session:
            row = session.scalars(
                select(StaffAccount).where(func.lower(StaffAccount.email) == email.strip().lower())
            ).first()
            return None if row is None or not row.active else from_row(StaffAccountRecord, row)

    def list_active(self) -> list[StaffAccountRecord]:
        """Active accounts by e-mail address."""
        with self._db.session() as session:
            rows = session.scalars(
                select(StaffAccount).where(StaffAccount.active.is_(True)).order_by(StaffAccount.email)
            )
            return [from_row(StaffAccountRecord, row) for row in rows]

    def deactivate(self, email: str) -> StaffAccountRecord:
        """Remove access (the row stays, so the audit trail keeps a name)."""
        with self._db.session() as session:
            row = self._active(session, email)
            row.active = False
            return from_row(StaffAccountRecord, row)

    def set_password_hash(self, email: str, password_hash: str) -> StaffAccountRecord:
        """A new password; sessions signed before ``password_changed_at`` stop being valid."""
        with self._db.session() as session:
            row = self._active(session, email)
            row.password_hash, row.password_changed_at = password_hash, self._clock()
            return from_row(StaffAccountRecord, row)

    @staticmethod
    def _active(session: Session, email: str) -> StaffAccount:
        row = session.scalars(
            select(StaffAccount).where(StaffAccount.email == email.strip().lower(), StaffAccount.active.is_(True))
        ).first()
        if row is None:
            raise NotFound("staff account", email)
        return row
