"""Programmatic Alembic: run the revisions in ``bot/migrations`` without an ``alembic.ini``.

The whole upgrade runs in one transaction on one connection, together with the
``alembic_version`` row that records it, so a failed step leaves nothing half done. Two
processes may start at once: on PostgreSQL the first takes a transaction-scoped advisory
lock and the second waits for it, then finds the schema at head; on SQLite the
``BEGIN IMMEDIATE`` of ``Database`` does the same with the file's write lock. SQLite's
foreign-key enforcement is off during the upgrade (batch migrations rebuild tables, which
would trip it) and checked with ``PRAGMA foreign_key_check`` before the commit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, text
from sqlalchemy import exc as sa_exc

from bot.storage.errors import ConstraintViolation, DatabaseUnavailable, MigrationError, redact_url, translate

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
ADVISORY_LOCK_KEY = 0x56524141_4D494752  # "VRAAMIGR": one key for every Vraagbaak schema


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` built in code; pass ``connection`` to run inside its transaction.

    Handy for developers too: ``command.revision(alembic_config(url), autogenerate=True,
    message="...")`` writes a new revision file next to the others.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise MigrationError(f"no Alembic revisions found in {MIGRATIONS_DIR}")
    return head


def upgrade_engine(engine: Engine, url: str, revision: str = "head") -> None:
    """Upgrade through ``engine``; ``url`` is only used (password hidden) in error messages."""
    try:
        with engine.connect() as conn:
            _run_locked_upgrade(conn, revision)
    except CommandError as exc:
        raise MigrationError(f"cannot upgrade {redact_url(url)} to {revision!r}: {exc}") from exc
    except sa_exc.SQLAlchemyError as exc:
        error = translate(exc, url)
        if isinstance(error, DatabaseUnavailable):
            raise error from exc
        raise MigrationError(f"upgrade of {redact_url(url)} failed: {error}") from exc
    logger.info("Database %s is at revision %s", redact_url(url), revision_of_engine(engine, url))


def revision_of_engine(engine: Engine, url: str) -> str | None:
    """The revision recorded in ``alembic_version`` (``None`` if there is no such table)."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except sa_exc.SQLAlchemyError as exc:
        raise translate(exc, url) from exc


def _run_locked_upgrade(conn: Connection, revision: str) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        _sqlite_foreign_keys(conn, enabled=False)
    try:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            command.upgrade(alembic_config(connection=conn), revision)
            if sqlite:
                _sqlite_check_foreign_keys(conn)
    finally:
        if sqlite:
            _sqlite_foreign_keys(conn, enabled=True)


def _sqlite_foreign_keys(conn: Connection, *, enabled: bool) -> None:
    # Outside any transaction, straight on the driver: inside one SQLite ignores the pragma.
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")


def _sqlite_check_foreign_keys(conn: Connection) -> None:
    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        tables = sorted({str(row[0]) for row in problems})
        raise ConstraintViolation(f"migration left rows with dangling foreign keys in {', '.join(tables)}")
