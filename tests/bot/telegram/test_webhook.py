"""Webhook mode: Telegram's secret-token header is checked before an update is looked at."""

from __future__ import annotations

import socket

from pydantic import SecretStr

from bot.settings import Settings
from tests.bot.telegram.conftest import Launcher, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text

SECRET = "s3cret-token_for-the-webhook"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_rejects_a_wrong_secret_and_answers_the_right_one(
    launch: Launcher, fake_bot_api: FakeBotAPI, bot_settings: Settings
) -> None:
    port = free_port()
    settings = bot_settings.model_copy(
        update={"webhook_url": f"http://127.0.0.1:{port}/telegram", "webhook_listen": "127.0.0.1",
                "webhook_port": port, "webhook_secret": SecretStr(SECRET)}
    )  # fmt: skip
    async with launch(settings):
        registered = fake_bot_api.methods.webhook
        assert (registered["url"], registered["secret_token"]) == (
            f"http://127.0.0.1:{port}/telegram",
            SECRET,
        )
        forged = fake_bot_api.make.text_message(4242, 4242, "Wie zit er minimaal in een LIVC R?")
        missing = fake_bot_api.make.text_message(4242, 4242, "Hoe vaak moet de LIVC R samenkomen?")
        real = fake_bot_api.make.text_message(4242, 4242, "Wie zit er minimaal in een LIVC R?")

        assert await fake_bot_api.post_webhook(None, forged, secret_token="wrong") == 403
        assert await fake_bot_api.post_webhook(None, missing, secret_token="") == 403
        assert await fake_bot_api.post_webhook(None, real) == 200
        answer = await reply_to(fake_bot_api, real["message"]["message_id"])

    assert "burgemeester" in html_to_text(answer.params["text"])
    assert len(fake_bot_api.sent_messages(4242)) == 1
    assert not fake_bot_api.calls("getUpdates")
