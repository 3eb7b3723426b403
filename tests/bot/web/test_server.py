"""The workspace served beside the bot (``vraagbaak run`` with a web port): ``/healthz`` answers."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx

from bot.settings import Settings
from bot.web import start_beside_bot


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
