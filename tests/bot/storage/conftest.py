"""Fixtures for the storage tests: every test runs on SQLite and on PostgreSQL.

SQLite gets a fresh file under ``tmp_path`` per test. PostgreSQL gets one fresh database
per session (``vraagbaak_test_<random>``, dropped at the end), migrated once and emptied
before each test; tests that need an empty database ask ``empty_url``, which hands out a
new schema in that database (``search_path`` in the URL), far cheaper than a database.
PostgreSQL must be reachable (CI starts it): if it is not, the PostgreSQL half fails with
a message that says so instead of silently skipping. Deselect with ``-m "not postgres"``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.storage import Database, OfficialRecord, Storage
from bot.storage.errors import first_line
from bot.storage.models import Base

SERVER = "127.0.0.1:5432"
ADMIN_CANDIDATES = tuple(f"postgresql+psycopg://{user}@{SERVER}/test" for user in ("postgres", "root"))
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    """A settable clock; repositories take it as ``clock=``."""

    now: datetime = field(default=START)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class PostgresServer:
    """The session's throwaway database on the test server, and empty schemas inside it."""

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.name = f"vraagbaak_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.name}"'))
        self.url = admin.url.set(database=self.name)
        self.engine = create_engine(self.url, poolclass=NullPool)

    def empty_schema_url(self) -> str:
        """A URL whose ``search_path`` is a new, empty schema: an empty database, cheaply."""
        schema = f"s_{uuid.uuid4().hex[:12]}"
        with self.engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = self.url.update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop(self) -> None:
        self.engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def _connect_admin() -> Engine:
    override = os.environ.get("TEST_POSTGRES_URL")
    errors = []
    for url in (override,) if override else ADMIN_CANDIDATES:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return engine
        except SQLAlchemyError as exc:
            errors.append(f"{engine.url.render_as_string()}: {first_line(exc)}")
            engine.dispose()
    pytest.fail(
        "PostgreSQL is not reachable; the postgres-marked storage tests need it "
        f"(start it, set TEST_POSTGRES_URL, or deselect with -m 'not postgres'). Tried: {'; '.join(errors)}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer(_connect_admin())
    yield server
    server.drop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """The session's database, migrated to head once (its ``public`` schema)."""
    url = postgres_server.url.render_as_string(hide_password=False)
    database = Database(url)
    database.upgrade()
    database.dispose()
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "vraagbaak.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    database.dispose()
    return path


@pytest.fixture(autouse=True)
def _no_vraagbaak_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("VRAAGBAAK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[], str]:
    """Makes URLs of new, empty databases on the test's backend."""
    if backend == "sqlite":
        counter = iter(range(1000))
        return lambda: f"sqlite:///{tmp_path / f'empty-{next(counter)}' / 'vraagbaak.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.empty_schema_url


@pytest.fixture
def url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated database with no rows in it."""
    if backend == "sqlite":
        path = tmp_path / "db" / "vraagbaak.sqlite3"
        path.parent.mkdir()
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = str(request.getfixturevalue("postgres_url"))
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
    return url


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def storage(db: Database, clock: FakeClock) -> Storage:
    return Storage.over(db, clock=clock)


@pytest.fixture
def official(storage: Storage) -> OfficialRecord:
    return storage.officials.upsert_official(1001, "An Peeters", "anpeeters", "nl")


@pytest.fixture
def open_databases() -> Iterator[Callable[[str], Database]]:
    """Separate ``Database`` objects (own engines, own connections), like separate processes."""
    made: list[Database] = []

    def make(url: str) -> Database:
        made.append(Database(url))
        return made[-1]

    yield make
    for database in made:
        database.dispose()
