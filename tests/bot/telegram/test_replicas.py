"""Two replicas behind one webhook URL on one PostgreSQL database: every update once, jobs once.

Two real processes (``tests.support.replica``: the production composition root and webhook
server, canned answers instead of the model) share a PostgreSQL schema and the fake Bot API.
500 updates from 100 officials go to both, alternately, as a load balancer would send them;
half-way, one replica is killed with SIGKILL (no shutdown: its connections, and with them its
advisory locks, just die), and what was meant for it goes to the survivor. Checks: every
question answered exactly once, overdue tickets reminded exactly once, and each singleton job
run by one replica at a time, taken over by the survivor.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest

from bot.storage import Database, HandoverTrigger, Storage
from knowledge import DEFAULT_CORPUS
from tests.bot.storage.conftest import PostgresServer, postgres_server  # noqa: F401  (fixture)
from tests.bot.telegram.test_webhook import free_port
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[3]
STAFF_CHAT = -1009999900001
SECRET = "replicas-share-this-secret"
UPDATES, OFFICIALS, OVERDUE = 500, 100, 3
JOBS = ("staff-queue-outbox", "staff-queue-upkeep", "staff-queue-purge", "prune-processed")
FREQUENT = {"staff-queue-outbox", "staff-queue-upkeep"}  # run within the test (purge and prune start later)


class Replica:
    """A ``tests.support.replica`` process on its own webhook port, logging to a file."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram"
        self.log = log_dir / f"{name}.log"
        own = {**env, "VRAAGBAAK_WEBHOOK_URL": self.url, "VRAAGBAAK_WEBHOOK_PORT": str(self.port)}
        with self.log.open("w") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.support.replica"], cwd=ROOT, env=own,
                                            stdout=out, stderr=subprocess.STDOUT)  # fmt: skip

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()

    async def ready(self, timeout: float = 90.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        async with httpx.AsyncClient() as client:
            while True:
                assert self.process.poll() is None, "\n".join(self.lines()[-20:])
                try:
                    if (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                assert asyncio.get_running_loop().time() < deadline, "\n".join(self.lines()[-20:])
                await asyncio.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture
def schema_url(postgres_server: PostgresServer) -> str:  # noqa: F811  (the fixture imported above)
    url = postgres_server.empty_schema_url()
    database = Database(url)
    database.upgrade()
    database.dispose()
    return url


def seed_overdue_tickets(url: str) -> list[int]:
    """Tickets opened two hours ago (target: one hour), so upkeep reminds staff of each once."""
    past = datetime.now(UTC) - timedelta(hours=2)
    storage = Storage.open(url, clock=lambda: past)
    try:
        official = storage.officials.upsert_official(9001, "An Peeters", "anpeeters", "nl")
        return [storage.tickets.create_ticket(official.id, 9001, f"Vraag {n} over de LIVC R",
                                              HandoverTrigger.ASKED_FOR_PERSON).id for n in range(OVERDUE)]  # fmt: skip
    finally:
        storage.database.dispose()


@pytest.fixture
def replicas(schema_url: str, fake_bot_api: FakeBotAPI, tmp_path: Path) -> Iterator[tuple[Replica, Replica]]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VRAAGBAAK_")}
    env.update({
        "PYTHONPATH": str(ROOT), "VRAAGBAAK_TELEGRAM_TOKEN": TOKEN,
        "VRAAGBAAK_TELEGRAM_BASE_URL": fake_bot_api.base_url, "VRAAGBAAK_DATABASE_URL": schema_url,
        "VRAAGBAAK_DATA_DIR": str(tmp_path / "var"), "VRAAGBAAK_KNOWLEDGE_DIR": str(DEFAULT_CORPUS),
        "VRAAGBAAK_STAFF_CHAT_ID": str(STAFF_CHAT), "VRAAGBAAK_WEBHOOK_SECRET": SECRET,
        "VRAAGBAAK_WEBHOOK_LISTEN": "127.0.0.1", "VRAAGBAAK_RESPONSE_TARGET_HOURS": "1",
        "VRAAGBAAK_REINDEX_CRON": "",
    })  # fmt: skip
    fake_bot_api.set_forum(STAFF_CHAT)
    started = (Replica("a", env, tmp_path), Replica("b", env, tmp_path))
    try:
        yield started
    finally:
        for replica in started:
            replica.stop()


def quoted(fake_bot_api: FakeBotAPI) -> Counter[tuple[int, int]]:
    """(chat, quoted message id) of every successful reply."""
    return Counter(
        (int(call.params["chat_id"]), int((call.params.get("reply_parameters") or {}).get("message_id", 0)))
        for call in fake_bot_api.calls("sendMessage")
        if call.ok and call.params.get("reply_parameters")
    )


def reminders(fake_bot_api: FakeBotAPI) -> Counter[str]:
    texts = [str(call.params.get("text", "")) for call in fake_bot_api.calls("sendMessage") if call.ok]
    return Counter(text.split(" wacht al ")[0] for text in texts if " wacht al " in text)


def holders(lines: list[str]) -> list[str]:
    return [job for line in lines for job in JOBS if f"runs the singleton job {job}" in line]


async def deliver(fake_bot_api: FakeBotAPI, update: dict[str, Any], first: Replica, fallback: Replica) -> None:
    """POST to ``first``; when it cannot answer (killed), to ``fallback``, as Telegram retries."""
    for target in (first, fallback):
        try:
            if await fake_bot_api.post_webhook(target.url, update, secret_token=SECRET) == 200:
                return
        except aiohttp.ClientError:
            continue
    raise AssertionError(f"update {update['update_id']} was not accepted")


async def test_two_replicas_handle_every_update_once_and_each_job_in_one_of_them(
    replicas: tuple[Replica, Replica], fake_bot_api: FakeBotAPI, schema_url: str
) -> None:
    tickets = seed_overdue_tickets(schema_url)
    a, b = replicas
    await asyncio.gather(a.ready(), b.ready())
    updates = []
    for n in range(UPDATES):
        official = 20_000 + n % OFFICIALS
        update = fake_bot_api.make.text_message(official, official, f"Vraag {n}: wie zit er in de LIVC R?")
        update["update_id"] = 1_000 + n  # fixed, so a retried delivery is the same update
        updates.append(update)
    gate = asyncio.Semaphore(16)

    async def send(n: int, update: dict[str, Any]) -> None:
        async with gate:
            first, other = (a, b) if n % 2 == 0 else (b, a)
            await deliver(fake_bot_api, update, first, other)

    half = UPDATES // 2
    await asyncio.gather(*(send(n, update) for n, update in enumerate(updates[:half])))
    holders_before = holders(a.lines()) + holders(b.lines())
    a.process.kill()  # SIGKILL: no shutdown, its sessions and advisory locks simply end
    a.process.wait(10)
    await asyncio.gather(*(send(n, update) for n, update in enumerate(updates[half:], start=half)))

    expected = {(int(u["message"]["chat"]["id"]), int(u["message"]["message_id"])) for u in updates}
    await fake_bot_api.wait_for(lambda calls: expected <= set(quoted(fake_bot_api)), timeout=60)
    await fake_bot_api.wait_for(lambda calls: len(reminders(fake_bot_api)) >= OVERDUE, timeout=60)
    await asyncio.sleep(2)  # a few more job runs in the survivor: nothing may come twice

    replies = quoted(fake_bot_api)
    assert not expected - set(replies), "lost"
    assert [key for key in expected if replies[key] != 1] == [], "answered twice"
    assert reminders(fake_bot_api) == Counter({f"⏰ Vraag {ticket}": 1 for ticket in tickets})
    assert sorted(holders_before) == sorted(set(holders_before)), "a job ran in both replicas at once"
    assert set(holders(b.lines())) >= FREQUENT, "the survivor runs (took over) every singleton job"
