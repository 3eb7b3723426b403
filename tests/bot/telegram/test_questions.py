"""Text questions end to end: typing, HTML answer with sources, buttons, feedback, follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot import messages
from bot.answer.results import AnswerResult, Decision, Source
from bot.telegram import BotApplication
from tests.bot.telegram.conftest import USER, Launcher, SpyAssistant, ask, keyboard_data, replies_to, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text
from tests.support.fakes.telegram_html import MAX_MESSAGE_LENGTH

Query = Callable[[str], list[tuple[Any, ...]]]
QUESTION = "Wie zit er minimaal in een LIVC R?"


async def test_question_gets_typing_then_quoted_html_answer_with_sources_and_buttons(
    bot: BotApplication, fake_bot_api: FakeBotAPI
) -> None:
    _, message_id = ask(fake_bot_api, QUESTION)

    answer = await reply_to(fake_bot_api, message_id)

    typing = fake_bot_api.calls("sendChatAction")
    assert typing and typing[0].params["action"] == "typing" and typing[0].time <= answer.time
    assert answer.params["parse_mode"] == "HTML"
    shown = html_to_text(answer.params["text"])
    assert "burgemeester" in shown
    assert messages.SOURCES_HEADER in shown and "2025" in shown  # sources, dated in Dutch
    assert any(month in shown for month in messages.DATE_FORMAT_MONTHS)
    data = keyboard_data(answer)
    assert [d.split(":")[0] for d in data] == ["fb", "fb", "hv"]
    labels = [b["text"] for row in answer.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == [messages.BUTTON_HELPFUL, messages.BUTTON_NOT_HELPFUL, messages.BUTTON_PERSON]


async def test_question_and_answer_are_stored_with_decision_confidence_and_sources(
    bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    _, message_id = ask(fake_bot_api, QUESTION)
    answer = await reply_to(fake_bot_api, message_id)
    await fake_bot_api.wait_for(lambda calls: bool(db("SELECT bot_message_id FROM answers")[0][0]))

    ((text, stored_message_id),) = db("SELECT text_redacted, message_id FROM questions")
    ((decision, confidence, sources, bot_message_id),) = db(
        "SELECT decision, confidence, sources, bot_message_id FROM answers"
    )
    assert text == QUESTION and stored_message_id == message_id
    assert decision == "answer" and 0.5 <= confidence <= 1.0
    assert "doc_id" in sources
    assert bot_message_id == answer.result["message_id"]


async def test_feedback_buttons_store_the_vote_and_answer_the_callback(
    bot: BotApplication, fake_bot_api: FakeBotAPI, db: Query
) -> None:
    _, message_id = ask(fake_bot_api, QUESTION)
    answer = await reply_to(fake_bot_api, message_id)
    up, down, _person = keyboard_data(answer)
    bot_message = answer.result["message_id"]

    fake_bot_api.enqueue(fake_bot_api.make.callback_query(USER, USER, down, bot_message))
    await fake_bot_api.wait_for("answerCallbackQuery")
    fake_bot_api.enqueue(fake_bot_api.make.callback_query(USER, USER, up, bot_message))
    calls = await fake_bot_api.wait_for("answerCallbackQuery", 2)

    assert [c.params.get("text") for c in calls] == [messages.FEEDBACK_SORRY, messages.FEEDBACK_THANKS]
    assert db("SELECT helpful FROM feedback") == [(1,)]  # the second vote replaced the first


async def test_follow_up_is_retrieved_with_the_previous_question_as_context(
    bot: BotApplication, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    _, first = ask(fake_bot_api, "Is een gemeente verplicht om een LIVC R op te richten?")
    await reply_to(fake_bot_api, first)
    _, second = ask(fake_bot_api, "En voor kleinere gemeenten?")
    await reply_to(fake_bot_api, second)

    assert spy.calls[-1] == (
        "En voor kleinere gemeenten?",
        "Is een gemeente verplicht om een LIVC R op te richten?",
    )
    assert spy.calls[0][1] is None  # a full question carries no context


async def test_greeting_and_thanks_get_a_friendly_reply_without_retrieval(
    bot: BotApplication, fake_bot_api: FakeBotAPI, spy: SpyAssistant, db: Query
) -> None:
    _, hello = ask(fake_bot_api, "Goedemorgen!")
    _, thanks = ask(fake_bot_api, "Bedankt voor de hulp")

    assert (await reply_to(fake_bot_api, hello)).params["text"] == messages.GREETING
    assert (await reply_to(fake_bot_api, thanks)).params["text"] == messages.THANKS
    assert spy.calls == []
    assert db("SELECT count(*) FROM questions") == [(0,)]


async def test_empty_emoji_and_two_letter_messages_get_a_hint(
    bot: BotApplication, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    ids = [ask(fake_bot_api, text)[1] for text in ("🙂🙂", "ja", "?!")]

    texts = [html_to_text((await reply_to(fake_bot_api, i)).params["text"]) for i in ids]

    assert texts == [messages.TOO_SHORT] * 3
    assert spy.calls == []


async def test_edited_message_is_answered_anew(bot: BotApplication, fake_bot_api: FakeBotAPI) -> None:
    _, message_id = ask(fake_bot_api, "Wat is een LIVC?")
    await reply_to(fake_bot_api, message_id)

    fake_bot_api.enqueue(fake_bot_api.make.edited_message(USER, USER, message_id, QUESTION))
    await fake_bot_api.wait_for(lambda calls: len(replies_to(fake_bot_api, message_id)) == 2)

    assert "burgemeester" in html_to_text(replies_to(fake_bot_api, message_id)[1].params["text"])


async def test_source_titles_with_markup_characters_render_literally(
    launch: Launcher, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    title = "Gids <LIVC R> & *partners* 'A&B'"
    source = Source("publicaties/x.md", "publicaties/x.md::0", title, "Rol van <het> OCMW & co",
                    "https://www.vvsg.be/a?b=1&c=2", 0.8, date(2025, 3, 1))  # fmt: skip
    spy.canned["Vraag met rare titel"] = AnswerResult(
        "Vraag met rare titel", Decision.ANSWER, 0.9, "Antwoord met <tag> & 5 * 3 > 2.", [source]
    )
    async with launch():
        _, message_id = ask(fake_bot_api, "Vraag met rare titel")
        answer = await reply_to(fake_bot_api, message_id)

    shown = html_to_text(answer.params["text"])  # raises if the HTML is not valid for Telegram
    assert "Antwoord met <tag> & 5 * 3 > 2." in shown
    assert f"• {title} — Rol van <het> OCMW & co, 1 maart 2025" in shown
    assert 'href="https://www.vvsg.be/a?b=1&amp;c=2"' in answer.params["text"]


async def test_long_answer_is_split_into_valid_parts_with_the_keyboard_on_the_last(
    launch: Launcher, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    paragraph = "De LIVC R <overlegt> & deelt informatie over *casussen* volgens artikel 458ter. " * 40
    long_answer = "\n\n".join([paragraph] * 5) + "\n\n" + "x&y<z>" * 1500  # a 'word' longer than a part
    sources = [Source(f"publicaties/doc-{n}.md", f"c{n}", f"Titel {n} <&>", "Sectie", None, 0.7) for n in range(5)]
    spy.canned["Lange vraag graag"] = AnswerResult("Lange vraag graag", Decision.ANSWER, 0.9, long_answer, sources)
    async with launch():
        _, message_id = ask(fake_bot_api, "Lange vraag graag")
        await reply_to(fake_bot_api, message_id)
        parts = await fake_bot_api.wait_for(
            lambda calls: any(c.params.get("reply_markup") for c in calls if c.method == "sendMessage")
        )

    sent = [c for c in parts if c.method == "sendMessage"]
    assert len(sent) >= 4 and all(c.ok for c in sent)
    shown = [html_to_text(c.params["text"]) for c in sent]
    assert all(len(text) <= MAX_MESSAGE_LENGTH for text in shown)
    assert [bool(c.params.get("reply_markup")) for c in sent] == [False] * (len(sent) - 1) + [True]
    assert "".join(shown).replace("\n", "").replace(" ", "") == (
        long_answer + "Bronnen:" + "".join(f"•Titel{n}<&>—Sectie" for n in range(5))
    ).replace("\n", "").replace(" ", "")


async def test_after_a_restart_the_follow_up_context_comes_from_storage(
    launch: Launcher, fake_bot_api: FakeBotAPI, spy: SpyAssistant
) -> None:
    async with launch():
        _, first = ask(fake_bot_api, "Is een gemeente verplicht om een LIVC R op te richten?")
        await reply_to(fake_bot_api, first)
    async with launch():  # a new process: nothing in memory
        _, second = ask(fake_bot_api, "En voor kleinere gemeenten?")
        await reply_to(fake_bot_api, second)

    assert spy.calls[-1][1] == "Is een gemeente verplicht om een LIVC R op te richten?"
