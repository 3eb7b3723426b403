"""The ``Database`` component: one engine, transactions as context managers, errors translated.

SQLite gets its pragmas on every new connection (WAL so readers never wait for the writer,
foreign keys on, a busy timeout) and SQLAlchemy, not the ``sqlite3`` module, emits the
``BEGIN``: the module's legacy mode skips it before SELECT and DDL, which breaks repeatable
reads and transactional migrations. The ``BEGIN`` is ``IMMEDIATE`` so a transaction takes the
write lock up front: a read-then-write transaction can then wait on the busy timeout instead
of failing with "database is locked", and transactions serialise, which is what makes the
ticket claim and outbox claim atomic on SQLite. The bot writes a few rows a second at most.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.storage.errors import InvalidDatabaseURL, translate
from bot.storage.migrate import revision_of_engine, upgrade_engine

logger = logging.getLogger(__name__)

BACKENDS = ("sqlite", "postgresql")


class Database:
    """A database named by a SQLAlchemy URL: SQLite file (or memory) or PostgreSQL via psycopg 3.

    The constructor only parses the URL; the engine is made on first use, and ``connect()``
    proves the server answers. An in-memory SQLite URL shares one connection and so is
    for single-threaded use only.
    """

    def __init__(self, url: str, *, busy_timeout_ms: int = 30_000, echo: bool = False) -> None:
        try:
            parsed = make_url(url)
        except sa_exc.ArgumentError as exc:
            raise InvalidDatabaseURL(f"the database URL is not a SQLAlchemy URL: {url!r}") from exc
        if parsed.get_backend_name() not in BACKENDS:
            raise ValueError(f"unsupported database {parsed.get_backend_name()!r} in URL; use sqlite or postgresql")
        if busy_timeout_ms < 0:
            raise ValueError(f"busy_timeout_ms must be >= 0, got {busy_timeout_ms!r}")
        self._url: URL = parsed
        self._busy_timeout_ms = busy_timeout_ms
        self._echo = echo
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None

    def __repr__(self) -> str:
        return f"Database({self.url!r})"

    @property
    def url(self) -> str:
        """The URL with its password hidden, for messages and logs."""
        return self._url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._url.get_backend_name()

    @property
    def engine(self) -> Engine:
        """The engine, created (without I/O) on first access."""
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    def connect(self) -> None:
        """Open one connection to prove the database is there; raises ``DatabaseUnavailable``."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except sa_exc.SQLAlchemyError as exc:
            raise translate(exc, self._secret_url) from exc
        logger.info("Connected to database %s", self.url)

    def upgrade(self, revision: str = "head") -> None:
        """Run the Alembic revisions up to ``revision`` (idempotent, safe across processes)."""
        upgrade_engine(self.engine, self._secret_url, revision)

    def current_revision(self) -> str | None:
        """The Alembic revision the database is at, ``None`` when it was never migrated."""
        return revision_of_engine(self.engine, self._secret_url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        if self._sessions is None:
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except sa_exc.SQLAlchemyError as exc:
                raise translate(exc, self._secret_url) from exc

    def dispose(self) -> None:
        """Close pooled connections; the next use makes a fresh engine."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._sessions = None

    @property
    def _secret_url(self) -> str:
        return self._url.render_as_string(hide_password=False)

    def _create_engine(self) -> Engine:
        if self.backend == "postgresql":
            return create_engine(self._url, echo=self._echo, pool_pre_ping=True)
        database = self._url.database
        in_memory = not database or database == ":memory:" or "mode=memory" in str(self._url.query)
        options: dict[str, Any] = {}
        if in_memory:
            options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        elif database and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self._url, echo=self._echo, **options)
        _install_sqlite_hooks(engine, self._busy_timeout_ms)
        return engine


def _install_sqlite_hooks(engine: Engine, busy_timeout_ms: int) -> None:
    """Pragmas per new connection, and our own ``BEGIN IMMEDIATE`` per transaction."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the sqlite3 module no longer emits BEGIN
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _enable_wal(cursor, busy_timeout_ms / 1000)
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    def on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def _enable_wal(cursor: sqlite3.Cursor, timeout_s: float) -> None:
    """Switch the file to WAL once; retry by hand, since SQLite skips the busy handler here.

    The journal mode is stored in the file, so later connections only read it. Two processes
    opening a new file at the same moment can get "database is locked" from the switch at
    once, whatever the busy timeout says.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            mode = str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode not in ("wal", "memory"):
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision``; a no-op when it is there already."""
    database = Database(url)
    try:
        database.upgrade(revision)
    finally:
        database.dispose()


def current_revision(url: str) -> str | None:
    """The revision the database at ``url`` is at; ``None`` for a database never migrated."""
    database = Database(url)
    try:
        return database.current_revision()
    finally:
        database.dispose()
