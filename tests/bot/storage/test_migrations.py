"""Alembic revisions: from empty to head, idempotent, concurrent, and matching the models."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

import bot
from bot.storage import Database, MigrationError, current_revision, head_revision, upgrade
from bot.storage.migrate import MIGRATIONS_DIR, alembic_config
from bot.storage.models import Base

from .helpers import race

TABLES = {table.name for table in Base.metadata.sorted_tables}


def test_upgrade_from_empty_reaches_head(
    empty_url: Callable[[], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no alembic.ini anywhere near
    url = empty_url()
    assert current_revision(url) is None

    upgrade(url)

    assert current_revision(url) == head_revision() == "0006_relays"
    database = Database(url)
    try:
        assert set(inspect(database.engine).get_table_names()) >= TABLES
    finally:
        database.dispose()


def test_upgrade_twice_is_a_no_op_and_keeps_rows(empty_url: Callable[[], str]) -> None:
    url = empty_url()
    upgrade(url)
    database = Database(url)
    try:
        with database.session() as session:
            session.execute(text("INSERT INTO bot_state (key, value, updated_at) VALUES ('k', 'v', '2026-01-01')"))
        database.upgrade()
        with database.session() as session:
            assert session.execute(text("SELECT value FROM bot_state")).scalar_one() == "v"
        assert database.current_revision() == head_revision()
    finally:
        database.dispose()


def test_two_processes_upgrading_at_once_both_succeed(
    empty_url: Callable[[], str], open_databases: Callable[[str], Database]
) -> None:
    url = empty_url()
    databases = [open_databases(url) for _ in range(3)]

    race([database.upgrade for database in databases])

    assert all(database.current_revision() == head_revision() for database in databases)


def test_schema_matches_models(url: str, db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "target_metadata": Base.metadata})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_back(empty_url: Callable[[], str]) -> None:
    url = empty_url()
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    assert current_revision(url) is None
    upgrade(url)
    assert current_revision(url) == head_revision()


def test_database_from_the_future_is_a_migration_error(empty_url: Callable[[], str]) -> None:
    url = empty_url()
    upgrade(url)
    database = Database(url)
    try:
        with database.session() as session:
            session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(MigrationError, match="9999"):
            database.upgrade()
    finally:
        database.dispose()


def test_migrations_ship_inside_the_package() -> None:
    assert Path(str(bot.__file__)).resolve().parent / "migrations" == MIGRATIONS_DIR
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()
