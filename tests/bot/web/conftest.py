"""The workspace app over a real SQLite database, driven with Starlette's TestClient.

Each test gets a migrated SQLite file, the real queue desks, two accounts (a staff member
and an admin) and a client that is not logged in; ``login`` logs a client in through the
form, as a browser does.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage
from bot.web import create_app
from bot.workspace import LoginThrottle, Role, Workspace
from knowledge import DEFAULT_CORPUS
from tests.bot.storage.conftest import sqlite_template  # noqa: F401  (fixture)
from tests.support.workspace import PASSWORD, csrf_of, fast_accounts

SECRET = "test-secret-" + "x" * 40
STAFF_EMAIL, ADMIN_EMAIL = "sara@vvsg.be", "tom@vvsg.be"


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:  # noqa: F811
    path = tmp_path / "db" / "vraagbaak.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return Settings(database_url=sqlite_url, data_dir=tmp_path / "var", knowledge_dir=DEFAULT_CORPUS,
                    staff_chat_id=-1009999900001, response_target_hours=48)  # type: ignore[call-arg]  # fmt: skip


@pytest.fixture
def storage(sqlite_url: str) -> Iterator[Storage]:
    opened = Storage.open(sqlite_url)
    yield opened
    opened.database.dispose()


@pytest.fixture
def queue(storage: Storage, settings: Settings) -> StaffQueue:
    return StaffQueue.over(storage, settings)


@pytest.fixture
def reindexed() -> list[int]:
    """Counts the incremental reindexes an FAQ approval started."""
    return []


@pytest.fixture
def workspace(settings: Settings, queue: StaffQueue, reindexed: list[int]) -> Workspace:
    accounts = fast_accounts(queue.storage, LoginThrottle(limit=5, window=300))
    made = Workspace(settings, queue, accounts=accounts, reindex=lambda: reindexed.append(1))
    made.accounts.add(STAFF_EMAIL, "Sara Peeters", PASSWORD, Role.STAFF)
    made.accounts.add(ADMIN_EMAIL, "Tom Janssens", PASSWORD, Role.ADMIN)
    return made


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace, SECRET), base_url="http://testserver") as made:
        yield made


Login = Callable[..., TestClient]


@pytest.fixture
def login(client: TestClient) -> Login:
    """Log ``client`` in through the form; returns it."""

    def do(email: str = STAFF_EMAIL, password: str = PASSWORD, on: TestClient | None = None) -> TestClient:
        who = on or client
        token = csrf_of(who.get("/login").text)
        response = who.post("/login", data={"email": email, "password": password, "csrf_token": token},
                            follow_redirects=False)  # fmt: skip
        assert response.status_code == 303, response.text
        return who

    return do


def token(client: TestClient, path: str = "/") -> str:
    """The CSRF token of a logged-in page."""
    return csrf_of(client.get(path).text)
