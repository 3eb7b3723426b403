"""Column types and the clock: every timestamp is a timezone-aware UTC ``datetime``.

SQLite has no time zones and hands back naive values, PostgreSQL hands back values in the
session's zone; ``UTCDateTime`` makes both look the same to callers, and refuses naive input
so that a local wall-clock time can never be stored as if it were UTC.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum
from sqlalchemy.types import TypeDecorator

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def ensure_utc(value: datetime) -> datetime:
    """``value`` converted to UTC; a naive value is a programming error."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: pass a timezone-aware value")
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """``TIMESTAMP WITH TIME ZONE`` on PostgreSQL, ISO text in UTC on SQLite; always aware out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = ensure_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def str_enum(enum_cls: type[enum.StrEnum]) -> Enum:
    """A portable enum column: ``VARCHAR(32)`` holding the member values, no native type.

    Native PostgreSQL enums need their own migration step for every new member; a plain
    string column lets a revision add a value without touching the schema.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )
