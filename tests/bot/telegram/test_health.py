"""Health, readiness and metrics on the bot's own HTTP server (webhook port or polling health port).

Contract (DESIGN.md): ``GET /healthz`` 200 while the process lives; ``GET /readyz`` 200 when
ready, else 503 with a JSON reason; ``GET /metrics`` Prometheus text with names ``vraagbaak_*``
and ``vraagbaak_questions_total``; a ready bot logs one line containing ``ready``.
"""

from __future__ import annotations

import logging

import httpx
import pytest
from pydantic import SecretStr

from bot.ops import Readiness
from bot.settings import Settings
from bot.telegram.errors import ServerStartError
from bot.telegram.server import HttpServer, health_routes
from tests.bot.telegram.conftest import Launcher, ask, reply_to
from tests.bot.telegram.test_webhook import free_port
from tests.support.fakes import FakeBotAPI


def questions_total(metrics: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
               if line.startswith("vraagbaak_questions_total{"))  # fmt: skip


async def test_webhook_port_serves_health_readiness_and_metrics(
    launch: Launcher, fake_bot_api: FakeBotAPI, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    settings = bot_settings.model_copy(
        update={"webhook_url": f"http://127.0.0.1:{port}/telegram", "webhook_port": port,
                "webhook_secret": SecretStr("s3cret")}
    )  # fmt: skip
    caplog.set_level(logging.INFO)
    base = f"http://127.0.0.1:{port}"
    async with launch(settings), httpx.AsyncClient(base_url=base) as client:
        assert (await client.get("/healthz")).status_code == 200
        ready = await client.get("/readyz")
        assert (ready.status_code, ready.json()) == (200, {"ready": True, "reasons": {}})
        before = questions_total((await client.get("/metrics")).text)

        update = fake_bot_api.make.text_message(4242, 4242, "Wie zit er minimaal in een LIVC R?")
        assert await fake_bot_api.post_webhook(None, update) == 200
        await reply_to(fake_bot_api, update["message"]["message_id"])

        metrics = await client.get("/metrics")
        assert metrics.headers["content-type"].startswith("text/plain")
        assert questions_total(metrics.text) == before + 1
        assert "vraagbaak_answer_latency_seconds_bucket" in metrics.text
        assert (await client.post("/telegram", json={})).status_code == 403  # no secret header
    ready_lines = [r.getMessage() for r in caplog.records if "ready" in r.getMessage()]
    assert len(ready_lines) == 1 and "@vraagbaak_test_bot" in ready_lines[0]
    assert "Wie zit er" not in caplog.text  # never the question's text


async def test_polling_bot_serves_health_on_its_own_port(
    launch: Launcher, fake_bot_api: FakeBotAPI, bot_settings: Settings
) -> None:
    port = free_port()
    settings = bot_settings.model_copy(update={"health_port": port})
    async with launch(settings), httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        assert (await client.get("/healthz")).text == "ok\n"
        assert (await client.get("/readyz")).status_code == 200
        _, message_id = ask(fake_bot_api, "Wie zit er minimaal in een LIVC R?")
        await reply_to(fake_bot_api, message_id)
        assert "vraagbaak_questions_total" in (await client.get("/metrics")).text
    with pytest.raises(httpx.ConnectError):  # the port closes with the bot
        httpx.get(f"http://127.0.0.1:{port}/healthz")


async def test_readyz_is_503_with_the_reason_while_a_check_fails() -> None:
    readiness = Readiness()
    readiness.add("index", lambda: "the model and index are still loading")
    port = free_port()
    server = HttpServer(health_routes(readiness), "127.0.0.1", port)
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            assert (await client.get("/healthz")).status_code == 200
            response = await client.get("/readyz")
            assert response.status_code == 503
            assert response.json() == {"ready": False, "reasons": {"index": "the model and index are still loading"}}
            readiness.add("index", lambda: None)
            assert (await client.get("/readyz")).status_code == 200
    finally:
        await server.stop()


async def test_a_port_in_use_is_one_clear_error() -> None:
    port = free_port()
    first = HttpServer(health_routes(Readiness()), "127.0.0.1", port)
    await first.start()
    try:
        with pytest.raises(ServerStartError, match=str(port)):
            await HttpServer(health_routes(Readiness()), "127.0.0.1", port).start()
    finally:
        await first.stop()
