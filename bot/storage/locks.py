"""Singleton jobs across replicas: PostgreSQL session advisory locks, one per job name.

Several ``vraagbaak run`` processes may share one PostgreSQL database; jobs that must run in
exactly one of them (outbox pump, reminders, purge, scheduled reindex) ask ``acquire(name)``
before each run. The first replica to ask takes the lock on a connection of its own and keeps
it: it stays that job's runner until it stops or dies, when PostgreSQL drops the session and
with it the lock, and the next replica to ask takes over (within one run interval). So the
locks cost one query per run, and a dead replica's jobs move without any timeout to tune.

SQLite is one process's database (its file locks do not reach across machines), so there every
job runs: ``acquire`` is always true.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.storage.db import Database

logger = logging.getLogger(__name__)


def lock_key(database_url: str, name: str) -> int:
    """A stable signed 64-bit key for ``name`` within one database (URL, schema included)."""
    digest = hashlib.sha256(f"vraagbaak:{database_url}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class SingletonLocks:
    """The advisory locks this process holds; thread-safe (jobs ask from worker threads)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection: Connection | None = None
        self._held: set[str] = set()
        self._mutex = threading.Lock()

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def acquire(self, name: str) -> bool:
        """True when this process runs the job ``name`` (took or holds its lock)."""
        if self._database.backend != "postgresql":
            return True
        with self._mutex:
            try:
                return self._acquire(name)
            except sa_exc.SQLAlchemyError as exc:  # server restarted or connection lost: locks gone too
                logger.warning("Advisory lock %s not taken (%s); retrying at the next run", name, exc)
                self._drop()
                return False

    def release(self) -> None:
        """Give every lock back (closing the connection releases them all)."""
        with self._mutex:
            self._drop()

    def _acquire(self, name: str) -> bool:
        connection = self._connect()
        if name in self._held:
            connection.exec_driver_sql("SELECT 1")  # still our session, so still our lock
            return True
        key = lock_key(self._database.url, name)
        taken = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar())
        if taken:
            self._held.add(name)
            logger.info("This replica now runs the singleton job %s", name)
        return taken

    def _connect(self) -> Connection:
        if self._connection is None or self._connection.closed:
            self._held.clear()
            self._connection = self._database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._connection

    def _drop(self) -> None:
        """Close the session for real (``invalidate``: a pooled connection would keep the locks)."""
        if self._connection is not None:
            with contextlib.suppress(sa_exc.SQLAlchemyError):
                self._connection.invalidate()
                self._connection.close()
        self._connection = None
        self._held.clear()
