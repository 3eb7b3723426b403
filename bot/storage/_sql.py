"""Small SQL helpers shared by the repositories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable, Select, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from bot.storage.errors import NotFound


def dialect_insert(session: Session, model: Any) -> postgresql.Insert | sqlite.Insert:
    """An INSERT with ``on_conflict_do_*``: both dialects spell it the same way."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def execute_counting(session: Session, statement: Executable) -> int:
    """Run an INSERT, UPDATE or DELETE and return how many rows it touched.

    ``preserve_rowcount``: without it SQLAlchemy reports -1 for an INSERT on psycopg.
    """
    result = session.execute(statement, execution_options={"synchronize_session": False, "preserve_rowcount": True})
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def require_row(session: Session, statement: Select[Any], kind: str, key: object) -> Any:
    """The one row ``statement`` selects, or ``NotFound``."""
    row = session.scalars(statement).first()
    if row is None:
        raise NotFound(kind, key)
    return row


def locked(model: Any, row_id: int) -> Select[Any]:
    """SELECT one row by id, locking it on PostgreSQL (SQLite already holds the write lock)."""
    return select(model).where(model.id == row_id).with_for_update()
