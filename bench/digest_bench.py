"""A digest to many followers through the real bot and the fake Bot API, with a restart half-way.

    .venv/bin/python -m bench.digest_bench [--followers 5000] [--per-second 15] [--stop-at 0.5]

``--followers`` officials follow a theme; one digest (3 new documents) is planned; the real
Application (composition root, staff-queue outbox pump every second, rate limiter, SQLite)
queues one message per follower, paced by ``push_per_second``. When ``--stop-at`` of them
arrived the bot is stopped and a new Application is started on the same database (a restart);
it sends the rest. Prints one JSON object: followers reached, lost (no digest) and duplicated
(more than one), the most messages in any sliding one-second window (Telegram allows about
30 a second to different chats; PTB's ``AIORateLimiter`` holds 30/s on average but lets a full
bucket of 30 go at once, e.g. the rows that fell due while the bot restarted), the mean rate
and the wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert

from bot.answer.results import AnswerResult, Decision
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.digests import DigestItemDraft, DigestRepository
from bot.storage.models import ThemeFollow
from bot.storage.types import utcnow
from bot.telegram import build_application, running
from bot.telegram.staff.runtime import QueueRuntime
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

FIRST_CHAT = 100_000
HEADER = "Nieuw bij de VVSG"
THEME = "polarisatie-en-online-haat"


class Silent:
    """The answer pipeline is not under test: every question escalates."""

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        return AnswerResult(question, Decision.ESCALATE, 0.0, "", [])


def prepare(storage: Storage, followers: int) -> None:
    """Followers in one statement, and one planned digest."""
    now = utcnow()
    rows = [{"chat_id": FIRST_CHAT + n, "theme_slug": THEME, "created_at": now} for n in range(followers)]
    with storage.database.session() as session:
        session.execute(insert(ThemeFollow), rows)
    items = [DigestItemDraft(f"publicaties/nieuw-{n}.md", f"Nieuwe publicatie {n}", "Eerste zin.", None, (THEME,))
             for n in range(3)]  # fmt: skip
    DigestRepository(storage.database).record("v2", "v1", items)


def delivered(server: FakeBotAPI) -> list[tuple[int, float]]:
    return [(int(c.params["chat_id"]), c.time) for c in server.calls("sendMessage")
            if c.ok and HEADER in str(c.params.get("text", ""))]  # fmt: skip


async def run_bot(server: FakeBotAPI, settings: Settings, storage: Storage, until: int) -> None:
    """Run one Application until ``until`` digests arrived (or its outbox is empty), then stop it."""
    runtime = QueueRuntime(settings, outbox_every=timedelta(seconds=1))
    app = build_application(settings, assistant=Silent(), storage=storage, staff_queue=runtime)
    async with running(app, settings, poll_timeout=5):
        while len(delivered(server)) < until:
            await asyncio.sleep(0.05)


async def main(followers: int, per_second: float, stop_at: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeBotAPI() as server:
            settings = Settings(  # type: ignore[call-arg]
                VRAAGBAAK_TELEGRAM_TOKEN=TOKEN, telegram_base_url=server.base_url, data_dir=Path(tmp),
                digest_window="always", digest_check_seconds=1.0, push_per_second=per_second,
            )  # fmt: skip
            storage = Storage.open(settings.resolved_database_url)
            storage.database.upgrade()
            prepare(storage, followers)
            started = time.monotonic()
            await run_bot(server, settings, storage, int(followers * stop_at))
            before_restart = len(delivered(server))
            await run_bot(server, settings, storage, followers)
            wall = time.monotonic() - started
            await asyncio.sleep(2.0)  # anything sent twice after the last one counted
            sent = delivered(server)
            storage.database.dispose()
    per_chat = Counter(chat for chat, _ in sent)
    times = sorted(at for _, at in sent)
    peak = max(bisect.bisect_left(times, at + 1.0) - index for index, at in enumerate(times))  # any 1-s window
    span = max(at for _, at in sent) - min(at for _, at in sent)
    return {
        "followers": followers, "reached": len(per_chat), "lost": followers - len(per_chat),
        "duplicated": sum(count - 1 for count in per_chat.values()), "sent_before_restart": before_restart,
        "peak_in_any_second": peak, "mean_per_second": round(len(sent) / span, 1) if span else None,
        "push_per_second": per_second, "wall_seconds": round(wall, 1),
    }  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--per-second", type=float, default=15.0, help="Pace of pushes (setting push_per_second).")
    parser.add_argument("--stop-at", type=float, default=0.5, help="Restart after this share arrived.")
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.followers, arguments.per_second, arguments.stop_at))))
