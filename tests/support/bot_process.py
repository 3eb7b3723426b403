"""The bot as a process of its own, for the crash tests and the crash benchmark.

Runs ``tests.support.replica`` (the production composition root, canned answers) polling the
fake Bot API on SQLite, with its health port, so a test can wait until it is ready, kill it
with SIGKILL or stop it with SIGTERM, and start it again on the same database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from knowledge import DEFAULT_CORPUS
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bot_environment(fake_bot_api: FakeBotAPI, data_dir: Path, **extra: str) -> dict[str, str]:
    """``VRAAGBAAK_*`` for a polling bot on SQLite in ``data_dir``; nothing from the caller's environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VRAAGBAAK_")}
    env.update({
        "PYTHONPATH": str(ROOT), "VRAAGBAAK_TELEGRAM_TOKEN": TOKEN,
        "VRAAGBAAK_TELEGRAM_BASE_URL": fake_bot_api.base_url, "VRAAGBAAK_DATA_DIR": str(data_dir),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(DEFAULT_CORPUS), "VRAAGBAAK_REINDEX_CRON": "",
        "VRAAGBAAK_HEALTH_LISTEN": "127.0.0.1",
    })  # fmt: skip
    env.update(extra)
    return env


class BotProcess:
    """One ``tests.support.replica`` process, logging to ``log``."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log
        with log.open("a") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.support.replica"], cwd=ROOT,
                                            env={**env, "VRAAGBAAK_HEALTH_PORT": str(self.port)},
                                            stdout=out, stderr=subprocess.STDOUT)  # fmt: skip

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(encoding="utf-8").splitlines()[-lines:])

    async def ready(self, timeout: float = 90.0) -> float:
        """Wait for ``/readyz`` 200; the seconds it took."""
        started = time.monotonic()
        async with httpx.AsyncClient() as client:
            while True:
                assert self.process.poll() is None, self.tail()
                try:
                    if (await client.get(f"http://127.0.0.1:{self.port}/readyz")).status_code == 200:
                        return time.monotonic() - started
                except httpx.TransportError:
                    pass
                assert time.monotonic() - started < timeout, self.tail()
                await asyncio.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: no shutdown at all."""
        self.process.kill()
        self.process.wait(10)

    async def terminate(self, timeout: float = 30.0) -> float:
        """SIGTERM and wait for the exit; the seconds the stop took."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        while self.process.poll() is None:
            assert time.monotonic() - started < timeout, "the bot did not stop"
            await asyncio.sleep(0.05)
        return time.monotonic() - started

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
