"""Personal data: redacted before anything is stored or logged; the official is warned."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from bot import messages
from bot.settings import Settings
from bot.telegram import BotApplication
from tests.bot.telegram.conftest import Launcher, ask, keyboard_data, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text

Query = Callable[[str], list[tuple[Any, ...]]]
CASE = (
    "Mijn buurjongen Karel Vermeulen, geboren op 12/03/2007, Kerkstraat 12, 9000 Gent, "
    "rijksregisternummer 07.03.12-123.05, tel 0470 12 34 56, mail karel.vermeulen@example.com, "
    "rekening BE71 0961 2345 6769, auto 1-ABC-123, wordt radicaal. Wat moet de LIVC R doen?"
)
SECRETS = ("Vermeulen", "12/03/2007", "Kerkstraat", "07.03.12", "0470 12 34 56", "karel.vermeulen", "BE71",
           "1-ABC-123", "wordt radicaal")  # fmt: skip
PERSON_WITH_PHONE = "Kan iemand mij terugbellen op 0470 12 34 56 over de werking van de LIVC R?"


def every_stored_value(settings: Settings) -> str:
    path = settings.resolved_database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(repr(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"'))


async def test_personal_data_never_reaches_the_database_or_the_logs(
    launch: Launcher, fake_bot_api: FakeBotAPI, bot_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with launch():
        _, message_id = ask(fake_bot_api, CASE)
        offer = await reply_to(fake_bot_api, message_id)
        yes = keyboard_data(offer)[0]
        fake_bot_api.enqueue(fake_bot_api.make.callback_query(4242, 4242, yes, offer.result["message_id"]))
        await fake_bot_api.wait_for(lambda calls: messages.HANDOVER_NOTED in fake_bot_api.sent_messages(4242))

    stored = every_stored_value(bot_settings)
    assert "[naam]" in stored and "[telefoonnummer]" in stored  # the redacted question is kept
    for secret in SECRETS[:-1]:
        assert secret not in stored
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
    assert any("Replied to update" in r.getMessage() for r in caplog.records)


async def test_a_case_question_warns_and_is_offered_to_staff(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    _, message_id = ask(fake_bot_api, CASE)

    offer = await reply_to(fake_bot_api, message_id)

    assert html_to_text(offer.params["text"]).startswith(messages.ESCALATE_CASE)
    assert keyboard_data(offer)[0].startswith("hv:case_question:")


async def test_personal_data_in_another_message_gets_the_pii_warning(
    bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    _, message_id = ask(fake_bot_api, PERSON_WITH_PHONE)

    reply = html_to_text((await reply_to(fake_bot_api, message_id)).params["text"])

    assert reply.startswith("⚠️ " + messages.PII_WARNING.format(kinds="telefoonnummer"))
    assert messages.ESCALATE_PERSON in reply
    assert db("SELECT text_redacted FROM questions") == [
        (PERSON_WITH_PHONE.replace("0470 12 34 56", "[telefoonnummer]"),)
    ]
