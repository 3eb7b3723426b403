"""The workspace served beside the bot (``vraagbaak run`` with a web port): ``/healthz`` answers,
in a thread of the test process and in a real ``vraagbaak run`` process."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.settings import Settings
from bot.web import start_beside_bot
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_workspace_beside_the_bot_answers_healthz_and_redirects_to_login(tmp_path: Path, sqlite_url: str) -> None:
    port = _free_port()
    settings = Settings(database_url=sqlite_url, data_dir=tmp_path / "var", web_port=port)  # type: ignore[call-arg]
    thread = start_beside_bot(settings)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and thread.is_alive(), "the workspace did not start"
                time.sleep(0.1)
        home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
    finally:
        thread.stop()
    assert health.status_code == 200
    assert home.status_code == 303 and home.headers["location"] == "/login"
    assert (tmp_path / "var" / "web-secret").stat().st_mode & 0o077 == 0  # the signing key is private
    assert not thread.is_alive()


async def test_vraagbaak_run_serves_the_workspace_within_60_s(tmp_path: Path, fake_bot_api: FakeBotAPI) -> None:
    """The contract: with VRAAGBAAK_WEB_PORT set, ``vraagbaak run`` answers /healthz within 60 s.

    The bot process is stopped as soon as the workspace answered (its model load is not awaited).
    """
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VRAAGBAAK_TELEGRAM_TOKEN": TOKEN,
           "VRAAGBAAK_TELEGRAM_BASE_URL": fake_bot_api.base_url, "VRAAGBAAK_DATA_DIR": str(tmp_path / "var"),
           "VRAAGBAAK_WEB_PORT": str(port)}  # fmt: skip
    process = subprocess.Popen([sys.executable, "-c", "from bot.cli import main; main()", "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        began = time.monotonic()
        async with httpx.AsyncClient() as client:
            while True:
                try:
                    health = await client.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except httpx.TransportError:
                    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                    assert time.monotonic() - began < 60, "no /healthz within 60 s"
                    await asyncio.sleep(0.2)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # still loading the model in a worker thread: no need to wait for it
            process.kill()
            process.wait(timeout=10)
    assert health.status_code == 200
