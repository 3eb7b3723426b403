"""Commands: registered in Dutch, /start, /help, /privacy from the shipped statement, /mens."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot import messages
from bot.telegram import BotApplication
from bot.telegram.privacy_notice import load_privacy_notice, parse_statement, render_summary
from bot.telegram.themes import THEME_COMMANDS
from tests.bot.telegram.conftest import USER, Launcher, ask, keyboard_data, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text

Query = Callable[[str], list[tuple[Any, ...]]]


async def command(server: FakeBotAPI, name: str, chat: int = USER) -> str:
    update = server.make.command(chat, USER, name)
    server.enqueue(update)
    call = await reply_to(server, update["message"]["message_id"])
    return html_to_text(call.params["text"])


async def test_commands_are_registered_in_dutch(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    (call,) = fake_bot_api.calls("setMyCommands")

    commands = {c["command"]: c["description"] for c in call.params["commands"]}
    assert commands == {
        "start": messages.COMMAND_START,
        "help": messages.COMMAND_HELP,
        "privacy": messages.COMMAND_PRIVACY,
        "mens": messages.COMMAND_MENS,
        **{theme.command: theme.description for theme in THEME_COMMANDS},  # /volg, /volgend, /stopvolgen
    }


async def test_start_says_what_the_bot_does_and_warns_about_names(
    bot: BotApplication, fake_bot_api: FakeBotAPI
) -> None:
    text = await command(fake_bot_api, "/start")

    assert text == messages.START
    assert "nooit namen" in text and "casus" in text and "112" in text


async def test_help_and_unknown_commands_explain_usage(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    assert await command(fake_bot_api, "/help") == messages.HELP
    assert await command(fake_bot_api, "/onbekend") == messages.HELP


async def test_privacy_summarises_the_shipped_statement(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    text = await command(fake_bot_api, "/privacy")

    assert "1 september 2025" in text
    assert "geen namen, initialen, bijnamen of schuilnamen" in text
    assert "Gesprekken zonder doorverwijzing: 90 dagen" in text
    assert "Gegevensbeschermingsautoriteit" in text
    assert "**" not in text


def test_privacy_values_are_escaped_and_a_broken_statement_falls_back(tmp_path: Path) -> None:
    statement = (
        "---\ntitle: x\npublished: 2025-09-01\n---\n"
        "## De belangrijkste regel\n- geen <namen> & **details**;\n"
        "Bel 112 <nu>.\n## Hoe lang bewaren we\n| Gegevens | Termijn |\n|---|---|\n| A&B | 1 <dag> |\n"
        "## Je rechten\n- inzage & <meer>\n"
    )
    parts = render_summary(parse_statement(statement))

    text = html_to_text("".join(parts))
    assert "geen <namen> & details" in text and "A&B: 1 <dag>" in text and "inzage & <meer>" in text
    (tmp_path / "publicaties").mkdir()
    (tmp_path / "publicaties" / "privacyverklaring-helpdeskbot.md").write_text("geen secties", encoding="utf-8")
    assert html_to_text(load_privacy_notice(tmp_path)[0]) == messages.PRIVACY_FALLBACK


async def test_mens_hands_the_last_question_over_and_says_how_to_reach_vvsg(
    bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    _, message_id = ask(fake_bot_api, "Wie zit er minimaal in een LIVC R?")
    await reply_to(fake_bot_api, message_id)

    text = await command(fake_bot_api, "/mens")

    assert text == messages.HANDOVER_NOTED and "www.vvsg.be" in text
    ((action, detail),) = db("SELECT action, detail FROM audit_log")
    assert action == "handover.requested"
    assert json.loads(detail)["trigger"] == "asked_for_person"
    assert json.loads(detail)["question_id"] == db("SELECT id FROM questions")[0][0]


async def test_asking_for_a_person_in_words_hands_over_at_once(
    bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    _, message_id = ask(fake_bot_api, "Kan ik een medewerker spreken over onze LIVC R?")
    reply = await reply_to(fake_bot_api, message_id)
    assert "reply_markup" not in reply.params  # no consent buttons: asking is consent
    await fake_bot_api.wait_for(lambda calls: messages.HANDOVER_NOTED in fake_bot_api.sent_messages(USER))
    assert db("SELECT action FROM audit_log") == [("handover.requested",)]


async def test_not_helpful_offers_the_handover(bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query) -> None:
    _, message_id = ask(fake_bot_api, "Wie zit er minimaal in een LIVC R?")
    answer = await reply_to(fake_bot_api, message_id)
    down = next(data for data in keyboard_data(answer) if data.startswith("fb:0:"))
    fake_bot_api.enqueue(fake_bot_api.make.callback_query(USER, USER, down, answer.result["message_id"]))
    await fake_bot_api.wait_for(lambda calls: messages.NOT_HELPFUL_OFFER in fake_bot_api.sent_messages(USER))
    sent = fake_bot_api.calls("sendMessage")
    offer = next(c for c in sent if messages.NOT_HELPFUL_OFFER in c.params.get("text", ""))
    assert keyboard_data(offer)[0].startswith("hv:not_helpful:")


async def test_with_the_staff_queue_wired_in_a_handover_opens_a_ticket(
    launch: Launcher, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    async with launch(staff_queue=True):
        _, message_id = ask(fake_bot_api, "Kan ik een medewerker spreken over onze LIVC R?")
        await reply_to(fake_bot_api, message_id)
        created = messages.TICKET_CREATED.format(ticket_id=1, hours=48)
        await fake_bot_api.wait_for(lambda calls: created in fake_bot_api.sent_messages(USER))

    ((question, trigger),) = db("SELECT question_text, trigger FROM tickets")
    assert question == "Kan ik een medewerker spreken over onze LIVC R?" and trigger == "asked_for_person"
    commands = [c["command"] for c in fake_bot_api.calls("setMyCommands")[0].params["commands"]]
    assert commands[:4] == ["start", "help", "privacy", "mens"] and "mijnvragen" in commands
