"""Other input: files and media are refused unopened; groups only when addressed; staff chat left alone."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot import messages
from bot.answer.results import AnswerResult
from bot.telegram import BotApplication
from tests.bot.telegram.conftest import (
    GROUP,
    OTHER,
    STAFF,
    USER,
    Launcher,
    SpyAssistant,
    ask,
    replies_to,
    reply_to,
)
from tests.support.fakes import FakeBotAPI, html_to_text

JSON = dict[str, Any]
QUESTION = "Wie zit er minimaal in een LIVC R?"


def media(server: FakeBotAPI, kind: str) -> JSON:
    make = server.make
    builders = {
        "photo": lambda: make.photo(USER, USER, caption="Jan Peeters, dossier"),
        "document": lambda: make.document(USER, USER, file_name="casus-verslag.pdf"),
        "voice": lambda: make.voice(USER, USER),
        "sticker": lambda: make.sticker(USER, USER),
        "location": lambda: make.location(USER, USER),
        "contact": lambda: make.contact(USER, USER),
    }
    if kind in builders:
        return builders[kind]()
    file = {"file_id": f"{kind}-1", "file_unique_id": f"u{kind}-1", "duration": 3}
    if kind == "video":
        file.update(width=640, height=480)
    return {"message": make.message(USER, USER, {kind: file})}


@pytest.mark.parametrize("kind", ["photo", "document", "voice", "sticker", "location", "contact", "video", "audio"])
async def test_non_text_input_gets_a_polite_refusal_and_is_never_downloaded(
    bot: BotApplication, fake_bot_api: FakeBotAPI, kind: str, spy: SpyAssistant
) -> None:
    update = media(fake_bot_api, kind)
    fake_bot_api.enqueue(update)

    reply = await reply_to(fake_bot_api, update["message"]["message_id"])

    assert html_to_text(reply.params["text"]) == messages.NON_TEXT
    assert not fake_bot_api.calls("getFile")
    assert spy.calls == []


async def test_group_message_is_answered_only_when_it_addresses_the_bot(
    bot: BotApplication, fake_bot_api: FakeBotAPI
) -> None:
    _, ignored = ask(fake_bot_api, QUESTION, chat=GROUP, user=OTHER)
    _, mentioned = ask(fake_bot_api, f"@vraagbaak_test_bot {QUESTION}", chat=GROUP, user=USER)
    answer = await reply_to(fake_bot_api, mentioned)
    bot_message = fake_bot_api.message(GROUP, answer.result["message_id"])
    assert bot_message is not None
    _, follow = ask(fake_bot_api, "Hoe vaak moet de LIVC R samenkomen?", chat=GROUP, user=OTHER,
                    reply_to_message=bot_message)  # fmt: skip
    await reply_to(fake_bot_api, follow)

    assert "burgemeester" in html_to_text(answer.params["text"])
    assert replies_to(fake_bot_api, ignored) == []
    assert len(fake_bot_api.sent_messages(GROUP)) == 2


async def test_the_staff_chat_is_left_to_the_staff_queue(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    ask(fake_bot_api, f"@vraagbaak_test_bot {QUESTION}", chat=STAFF, user=OTHER)
    staff_command = fake_bot_api.make.command(STAFF, OTHER, "/start")
    fake_bot_api.enqueue(staff_command)
    _, sentinel = ask(fake_bot_api, QUESTION)
    await reply_to(fake_bot_api, sentinel)

    assert fake_bot_api.sent_messages(STAFF) == []
    assert not [c for c in fake_bot_api.calls() if c.chat_id == STAFF]


async def test_escalation_offers_staff_and_no_keeps_it_here(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    _, message_id = ask(fake_bot_api, "Wat is het recept voor stoofvlees met frietjes?")
    offer = await reply_to(fake_bot_api, message_id)
    buttons = offer.params["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in buttons] == [messages.BUTTON_HANDOVER_YES, messages.BUTTON_HANDOVER_NO]
    assert buttons[0]["callback_data"].startswith("hv:out_of_domain:")

    press = fake_bot_api.make.callback_query(USER, USER, buttons[1]["callback_data"], offer.result["message_id"])
    fake_bot_api.enqueue(press)
    await fake_bot_api.wait_for(lambda calls: messages.HANDOVER_DECLINED in fake_bot_api.sent_messages(USER))

    assert fake_bot_api.calls("answerCallbackQuery")


async def test_a_slow_question_does_not_hold_up_others(
    launch: Launcher, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    class Slow(SpyAssistant):
        def ask(
            self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
        ) -> AnswerResult:
            if question.startswith("Traag"):
                time.sleep(2.0)  # a worker thread, not the event loop
            return super().ask(question, context=context, k=k)

    async with launch(assistant=Slow(spy.inner)):
        _, slow = ask(fake_bot_api, "Traag: wie zit er in een LIVC R?", chat=OTHER, user=OTHER)
        await fake_bot_api.wait_for(lambda calls: any(c.chat_id == OTHER for c in calls))  # typing: it is in
        _, fast = ask(fake_bot_api, QUESTION)
        fast_reply = await reply_to(fake_bot_api, fast)
        assert replies_to(fake_bot_api, slow) == []  # the slow one is still being retrieved
        slow_reply = await reply_to(fake_bot_api, slow)

    assert fast_reply.time < slow_reply.time
