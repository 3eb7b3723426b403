"""The themes against the fake Bot API: the real bot with the staff queue (its outbox pump sends pushes).

Reuses the staff queue's fixtures (``tests/bot/queue``): SQLite and PostgreSQL, a stub
answer pipeline, ``launch``. Theme settings send digests at once (``digest_window=always``)
and look for them five times a second.
"""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.bot.queue.conftest import (  # noqa: F401  (fixtures)
    backend,
    database_url,
    launch,
    postgres_server,
    postgres_url,
    queue_settings,
    sqlite_template,
    storage,
    stub,
    url,
)


@pytest.fixture
def theme_settings(queue_settings: Settings) -> Settings:  # noqa: F811
    return queue_settings.model_copy(update={"digest_window": "always", "digest_check_seconds": 0.2})
