"""The fake Bot API, exercised through the real PTB ``Bot`` and ``Application``."""

from __future__ import annotations

import asyncio
import datetime as dtm
import html
import socket
import time

import aiohttp
import pytest
from telegram import Bot, ChatMemberAdministrator, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import CallbackQueryHandler, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from tests.support.fakes import FakeBotAPI, FaultPlan
from tests.support.fakes.ptb import TOKEN, builder_for, polling

CHAT = 42
GROUP = -1001234567890
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="ja")]])


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text, so a test sees the whole round trip."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a button press and replace the question by the choice."""
    query = update.callback_query
    assert query is not None
    await query.answer("Genoteerd")
    await query.edit_message_text(f"Keuze: {query.data}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_get_me_answers_with_the_fake_bot(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    me = await fake_bot.get_me()

    assert me.is_bot
    assert me.username == "vraagbaak_test_bot"
    assert fake_bot_api.calls("getMe")[-1].ok


async def test_polling_application_answers_each_update_once(fake_bot_api: FakeBotAPI) -> None:
    app = builder_for(fake_bot_api).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))

    async with polling(app):
        fake_bot_api.enqueue(fake_bot_api.make.text_message(CHAT, CHAT, "hoi"))
        await fake_bot_api.wait_for("sendMessage")
        fake_bot_api.enqueue(fake_bot_api.make.text_message(CHAT, CHAT, "nog eens"))
        await fake_bot_api.wait_for("sendMessage", 2)

    assert fake_bot_api.sent_messages(CHAT) == ["echo: hoi", "echo: nog eens"]
    offsets = [call.params.get("offset", 0) for call in fake_bot_api.calls("getUpdates")]
    assert offsets == sorted(offsets)
    assert offsets[-1] == 3  # PTB's shutdown call confirmed both updates
    assert len(fake_bot_api.pending) == 0
    assert not fake_bot_api.calls("getFile")


async def test_offset_confirms_and_drops_delivered_updates(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    ids = [fake_bot_api.enqueue(fake_bot_api.make.text_message(CHAT, CHAT, t)) for t in ("een", "twee", "drie")]

    first = await fake_bot.get_updates()
    again = await fake_bot.get_updates()
    rest = await fake_bot.get_updates(offset=ids[1])
    after = await fake_bot.get_updates(offset=ids[-1] + 1)

    assert [u.update_id for u in first] == ids
    assert [u.update_id for u in again] == ids  # not confirmed yet
    assert [u.update_id for u in rest] == ids[1:]
    assert after == ()


async def test_limit_and_allowed_updates_filter_delivery(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    make = fake_bot_api.make
    fake_bot_api.enqueue(make.text_message(CHAT, CHAT, "een"))
    fake_bot_api.enqueue(make.callback_query(CHAT, CHAT, "ja", message_id=1))
    fake_bot_api.enqueue(make.text_message(CHAT, CHAT, "twee"))

    limited = await fake_bot.get_updates(limit=1)
    only_buttons = await fake_bot.get_updates(allowed_updates=["callback_query"])

    assert [u.message.text for u in limited if u.message] == ["een"]
    assert [u.callback_query.data for u in only_buttons if u.callback_query] == ["ja"]
    assert len(only_buttons) == 1


async def test_long_poll_returns_as_soon_as_an_update_is_queued(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    update = fake_bot_api.make.text_message(CHAT, CHAT, "eindelijk")
    asyncio.get_running_loop().call_later(0.1, fake_bot_api.enqueue, update)
    started = time.monotonic()

    updates = await fake_bot.get_updates(timeout=5)

    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates if u.message] == ["eindelijk"]


async def test_long_poll_times_out_empty(fake_bot: Bot) -> None:
    started = time.monotonic()

    updates = await fake_bot.get_updates(timeout=dtm.timedelta(milliseconds=300))

    assert updates == ()
    assert 0.3 <= time.monotonic() - started < 2


async def test_redelivered_update_arrives_twice(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    update_id = fake_bot_api.enqueue(fake_bot_api.make.text_message(CHAT, CHAT, "dubbel"))
    await fake_bot.get_updates()
    assert await fake_bot.get_updates(offset=update_id + 1) == ()

    fake_bot_api.redeliver(update_id)
    again = await fake_bot.get_updates(offset=update_id + 1)

    assert [u.update_id for u in again] == [update_id]
    assert await fake_bot.get_updates(offset=update_id + 1) == ()


async def test_html_parse_mode_is_validated_like_telegram(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    with pytest.raises(BadRequest, match=r'(?i)can\'t parse entities: unsupported start tag "foo"'):
        await fake_bot.send_message(CHAT, "<foo>x</foo>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)can't find end tag"):
        await fake_bot.send_message(CHAT, "<b>open", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await fake_bot.send_message(CHAT, "AT&T", parse_mode="HTML")

    sent = await fake_bot.send_message(CHAT, html.escape("a < b & c > d"), parse_mode="HTML")

    assert sent.text == "a < b & c > d"
    assert fake_bot_api.sent_messages(CHAT) == ["a &lt; b &amp; c &gt; d"]
    assert [call.status for call in fake_bot_api.calls("sendMessage")] == [400, 400, 400, 200]


async def test_length_limit_counts_text_after_entity_parsing(fake_bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await fake_bot.send_message(CHAT, "x" * 4097)

    sent = await fake_bot.send_message(CHAT, "&amp;" * 4096, parse_mode="HTML")

    assert sent.text == "&" * 4096


async def test_429_surfaces_as_retry_after(
    fake_bot: Bot, fake_bot_api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns when retry_after is read as int
    fake_bot_api.fail_next("sendMessage", retry_after=7)

    with pytest.raises(RetryAfter) as raised:
        await fake_bot.send_message(CHAT, "te snel")
    await fake_bot.send_message(CHAT, "daarna wel")

    assert raised.value.retry_after == dtm.timedelta(seconds=7)
    failed, ok = fake_bot_api.calls("sendMessage")
    assert (failed.status, failed.fault, failed.description) == (
        429,
        "429",
        "Too Many Requests: retry after 7",
    )
    assert ok.ok


async def test_500_surfaces_as_network_error(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.fail_next("sendMessage", status=500)

    with pytest.raises(NetworkError, match="Internal Server Error") as raised:
        await fake_bot.send_message(CHAT, "x")

    assert isinstance(raised.value, TelegramError)
    assert fake_bot_api.calls("sendMessage")[0].fault == "500"


async def test_dropped_connection_surfaces_as_network_error(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.drop_next("sendMessage")

    with pytest.raises(NetworkError, match="RemoteProtocolError"):
        await fake_bot.send_message(CHAT, "weg")
    await fake_bot.send_message(CHAT, "terug")

    dropped, ok = fake_bot_api.calls("sendMessage")
    assert (dropped.status, dropped.fault) == (0, "drop")
    assert ok.ok
    assert fake_bot_api.sent_messages(CHAT) == ["terug"]


async def test_blocked_chat_surfaces_as_forbidden(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.block_chat(CHAT)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await fake_bot.send_message(CHAT, "hallo?")

    assert fake_bot_api.calls("sendMessage")[0].fault == "blocked"
    assert fake_bot_api.sent_messages(CHAT) == []


async def test_slow_answer_times_out_and_is_still_recorded(fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.delay("sendMessage", 5, times=1)
    request = HTTPXRequest(read_timeout=0.1)
    async with Bot(TOKEN, base_url=fake_bot_api.base_url, request=request) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(CHAT, "traag")
        await fake_bot_api.wait_for(lambda calls: any(c.description == "client disconnected" for c in calls))
        await bot.send_message(CHAT, "snel")

    assert [c.status for c in fake_bot_api.calls("sendMessage")] == [0, 200]


async def test_fail_rate_is_reproducible_per_seed(
    fake_bot: Bot, fake_bot_api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns on every RetryAfter otherwise
    fake_bot_api.fail_rate(0.2, seed=3)
    outcomes = []
    for n in range(40):
        try:
            await fake_bot.send_message(CHAT, f"bericht {n}")
            outcomes.append("ok")
        except RetryAfter:
            outcomes.append("429")
        except NetworkError:
            outcomes.append("500")

    plan = FaultPlan()
    plan.fail_rate(0.2, seed=3)
    expected = [getattr(plan.take("sendMessage", {}), "label", "ok") for _ in range(40)]
    assert outcomes == expected
    assert 2 <= 40 - outcomes.count("ok") <= 16
    assert [c.fault or "ok" for c in fake_bot_api.calls("sendMessage")] == outcomes


async def test_requests_are_recorded_with_telegram_types(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    sent = await fake_bot.send_message(CHAT, "123", reply_markup=KEYBOARD, disable_notification=True)

    call = fake_bot_api.calls("sendMessage")[0]
    assert call.params == {
        "chat_id": CHAT,
        "text": "123",
        "reply_markup": KEYBOARD.to_dict(),
        "disable_notification": True,
    }
    assert sent.reply_markup == KEYBOARD
    assert call.result["message_id"] == sent.message_id


async def test_unknown_method_is_404_and_recorded(fake_bot_api: FakeBotAPI) -> None:
    async with aiohttp.ClientSession() as session:
        response = await session.post(f"{fake_bot_api.base_url}{TOKEN}/fooBar", json={"chat_id": CHAT})
        body = await response.json()

    assert response.status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert fake_bot_api.calls("fooBar")[0].params == {"chat_id": CHAT}


async def test_edits_follow_telegram_rules(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    question = await fake_bot.send_message(CHAT, "Vraag?", reply_markup=KEYBOARD)

    edited = await fake_bot.edit_message_text("Antwoord", chat_id=CHAT, message_id=question.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await fake_bot.edit_message_text("Antwoord", chat_id=CHAT, message_id=question.message_id)
    await fake_bot.delete_message(CHAT, question.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await fake_bot.edit_message_text("Weg", chat_id=CHAT, message_id=question.message_id)

    assert isinstance(edited, Message) and edited.reply_markup is None  # an edit drops the keyboard
    assert fake_bot_api.sent_messages(CHAT) == ["Vraag?", "Antwoord"]
    assert fake_bot_api.message(CHAT, question.message_id) is None


async def test_button_press_is_answered_through_polling(fake_bot_api: FakeBotAPI) -> None:
    app = builder_for(fake_bot_api).build()
    app.add_handler(CallbackQueryHandler(on_button))

    async with polling(app):
        question = await app.bot.send_message(CHAT, "Kies", reply_markup=KEYBOARD)
        fake_bot_api.enqueue(fake_bot_api.make.callback_query(CHAT, CHAT, "ja", question.message_id))
        await fake_bot_api.wait_for("editMessageText")

    assert fake_bot_api.calls("answerCallbackQuery")[0].params["text"] == "Genoteerd"
    assert fake_bot_api.message(CHAT, question.message_id)["text"] == "Keuze: ja"  # type: ignore[index]


async def test_forum_topics_open_close_and_refuse_posts(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.set_forum(GROUP)

    topic = await fake_bot.create_forum_topic(GROUP, "Ticket 1")
    posted = await fake_bot.send_message(GROUP, "Hallo", message_thread_id=topic.message_thread_id)
    await fake_bot.close_forum_topic(GROUP, topic.message_thread_id)
    with pytest.raises(BadRequest, match=r"(?i)topic_closed"):
        await fake_bot.send_message(GROUP, "Nog iets", message_thread_id=topic.message_thread_id)
    await fake_bot.reopen_forum_topic(GROUP, topic.message_thread_id)
    await fake_bot.edit_forum_topic(GROUP, topic.message_thread_id, name="Ticket 1 (opgelost)")
    with pytest.raises(BadRequest, match=r"(?i)not a forum"):
        await fake_bot.create_forum_topic(-100999, "Geen forum")

    assert (posted.message_thread_id, posted.is_topic_message) == (topic.message_thread_id, True)
    assert (await fake_bot.get_chat(GROUP)).is_forum


async def test_chat_member_status_is_configurable(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.set_member_status(GROUP, 7, "administrator")

    admin = await fake_bot.get_chat_member(GROUP, 7)
    member = await fake_bot.get_chat_member(GROUP, 8)
    admins = await fake_bot.get_chat_administrators(GROUP)

    assert isinstance(admin, ChatMemberAdministrator)
    assert member.status == "member"
    assert [a.user.id for a in admins] == [7]


async def test_commands_copies_files_and_small_calls(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot.set_my_commands([("vraag", "Stel een vraag")])
    commands = await fake_bot.get_my_commands()
    await fake_bot.delete_my_commands()
    original = await fake_bot.send_message(CHAT, "origineel")
    copied = await fake_bot.copy_message(CHAT, from_chat_id=CHAT, message_id=original.message_id)
    forwarded = await fake_bot.forward_message(CHAT, from_chat_id=CHAT, message_id=original.message_id)
    document = await fake_bot.send_document(
        CHAT, document=b"%PDF-1.4", filename="a.pdf", caption="<b>pdf</b>", parse_mode="HTML"
    )
    photo = await fake_bot.send_photo(CHAT, photo="photo-file-id")
    fake_bot_api.set_file_content("doc-1", b"inhoud")
    downloaded = await (await fake_bot.get_file("doc-1")).download_as_bytearray()
    assert await fake_bot.send_chat_action(CHAT, "typing")
    assert await fake_bot.set_chat_menu_button()
    assert await fake_bot.leave_chat(GROUP)

    assert [c.command for c in commands] == ["vraag"]
    assert await fake_bot.get_my_commands() == ()
    assert fake_bot_api.message(CHAT, copied.message_id)["text"] == "origineel"  # type: ignore[index]
    assert forwarded.forward_origin is not None
    assert document.document is not None and document.document.file_name == "a.pdf"
    assert document.caption == "pdf"
    assert fake_bot_api.calls("sendDocument")[0].params["document"]["size"] == 8
    assert photo.photo[0].file_id == "photo-file-id"
    assert bytes(downloaded) == b"inhoud"
    assert len(fake_bot_api.calls("getFile")) == 1


async def test_webhook_mode_receives_posted_updates(fake_bot_api: FakeBotAPI) -> None:
    app = builder_for(fake_bot_api).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    port = free_port()
    update = fake_bot_api.make.text_message(CHAT, CHAT, "via webhook")

    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="geheim",
        )
        try:
            with pytest.raises(Conflict):
                await app.bot.get_updates()
            accepted = await fake_bot_api.post_webhook(None, update)
            await fake_bot_api.wait_for("sendMessage")
            refused = await fake_bot_api.post_webhook(None, update, secret_token="fout")
        finally:
            await app.updater.stop()
            await app.stop()

    assert (accepted, refused) == (200, 403)
    assert fake_bot_api.calls("setWebhook")[0].params["secret_token"] == "geheim"
    assert fake_bot_api.sent_messages(CHAT) == ["echo: via webhook"]


async def test_wait_for_fails_fast_with_what_was_recorded(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    with pytest.raises(AssertionError, match="recorded: getMe:200"):
        await fake_bot_api.wait_for("sendMessage", timeout=0.05)


async def test_second_poller_terminates_the_first_with_conflict(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    first = asyncio.create_task(fake_bot.get_updates(timeout=5))
    while fake_bot_api.waiting_polls == 0:
        await asyncio.sleep(0.01)

    async with Bot(TOKEN, base_url=fake_bot_api.base_url) as other:
        assert await other.get_updates() == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_same_update_id_twice_in_one_batch(fake_bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    update = fake_bot_api.make.text_message(CHAT, CHAT, "twee keer")
    update_id = fake_bot_api.enqueue(update)
    fake_bot_api.enqueue(update, update_id=update_id)

    updates = await fake_bot.get_updates()

    assert [u.update_id for u in updates] == [update_id, update_id]
