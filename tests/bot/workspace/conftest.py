"""Workspace tests run on SQLite and PostgreSQL (the storage fixtures), with a settable clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage
from knowledge import DEFAULT_CORPUS
from tests.bot.storage.conftest import (  # noqa: F401  (fixtures)
    backend,
    clock,
    db,
    postgres_server,
    postgres_url,
    sqlite_template,
    storage,
    url,
)


@pytest.fixture
def settings(tmp_path: Path, url: str) -> Settings:  # noqa: F811
    return Settings(database_url=url, data_dir=tmp_path / "var", knowledge_dir=DEFAULT_CORPUS)  # type: ignore[call-arg]


@pytest.fixture
def queue(storage: Storage, settings: Settings) -> StaffQueue:  # noqa: F811
    return StaffQueue.over(storage, settings)
