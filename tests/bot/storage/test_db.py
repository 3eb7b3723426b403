"""The Database component: cheap constructor, pragmas, transactions, errors at the boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.settings import Settings
from bot.storage import ConstraintViolation, Database, DatabaseUnavailable, OutboxKind, Storage, StorageError
from bot.storage.models import BotState


def test_constructor_does_no_io(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'not' / 'yet' / 'db.sqlite3'}")
    assert not (tmp_path / "not").exists()
    assert database.backend == "sqlite"


@pytest.mark.parametrize("bad", ["not a url", "mysql://u@h/db"])
def test_constructor_rejects_bad_urls(bad: str) -> None:
    with pytest.raises(ValueError, match="URL"):
        Database(bad)


def test_default_settings_url_creates_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    database = Database(settings.resolved_database_url)
    try:
        database.connect()
        database.upgrade()
        assert (tmp_path / "data" / "vraagbaak.sqlite3").is_file()
    finally:
        database.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}", busy_timeout_ms=1234)
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    finally:
        database.dispose()


def test_unreachable_server_hides_the_password() -> None:
    database = Database("postgresql+psycopg://bob:s3cret@127.0.0.1:1/nothing?connect_timeout=2")
    with pytest.raises(DatabaseUnavailable) as caught:
        database.connect()
    assert "s3cret" not in str(caught.value)
    assert "***" in str(caught.value)
    assert "s3cret" not in repr(database)
    assert isinstance(caught.value.__cause__, Exception)


def test_session_rolls_back_when_the_block_raises(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(BotState(key="k", value="v", updated_at=datetime.now(UTC)))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.get(BotState, "k") is None


def test_sqlalchemy_errors_become_storage_errors(db: Database) -> None:
    with pytest.raises(StorageError), db.session() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    now = datetime.now(UTC)
    with db.session() as session:
        session.add(BotState(key="k", value="v", updated_at=now))
    with pytest.raises(ConstraintViolation), db.session() as session:
        session.add(BotState(key="k", value="again", updated_at=now))


def test_timestamps_come_back_aware_utc(storage: Storage) -> None:
    brussels = timezone(timedelta(hours=1))
    storage.updates.set_state("x", "1")
    ticket_time = datetime(2026, 5, 1, 12, 30, 15, 123456, tzinfo=brussels)
    item = storage.outbox.enqueue(OutboxKind.NOTIFY_STAFF, -100, "hi", dedupe_key="k", not_before=ticket_time)
    record = storage.outbox.get(item)
    assert record is not None
    assert record.next_attempt_at == ticket_time
    assert record.next_attempt_at.tzinfo == UTC
    assert record.created_at.tzinfo == UTC


def test_naive_datetimes_are_refused(storage: Storage) -> None:
    with pytest.raises(ValueError, match="naive"):
        storage.outbox.enqueue(OutboxKind.NOTIFY_STAFF, -100, "hi", dedupe_key="k", not_before=datetime(2026, 1, 1))
