"""Crash safety of the whole bot process: a SIGKILL mid-burst and a SIGTERM with questions waiting.

Real processes (``tests.support.replica``: the production composition root, canned answers so no
model loads) poll the fake Bot API on one SQLite file. What counts is what officials saw: every
successful ``sendMessage`` quoting a question. After the restart every question must have been
answered, none twice, and one official's answers must come in the order of the questions.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import Counter
from pathlib import Path

from bot import messages
from tests.support.bot_process import BotProcess, bot_environment
from tests.support.fakes import FakeBotAPI, html_to_text

BURST, OFFICIALS = 200, 50
FIRST_OFFICIAL = 30_000


def ask_burst(fake_bot_api: FakeBotAPI, count: int, officials: int) -> list[tuple[int, int]]:
    """``count`` questions from ``officials`` officials, queued at Telegram; their (chat, message id)."""
    asked = []
    for n in range(count):
        official = FIRST_OFFICIAL + n % officials
        update = fake_bot_api.make.text_message(official, official, f"Vraag {n}: wie zit er in de LIVC R?")
        fake_bot_api.enqueue(update)
        asked.append((official, int(update["message"]["message_id"])))
    return asked


def answered(fake_bot_api: FakeBotAPI) -> Counter[tuple[int, int]]:
    """(chat, quoted message id) of every answer Telegram accepted (the waiting notice quotes one too)."""
    return Counter(
        (int(call.params["chat_id"]), int(call.params["reply_parameters"]["message_id"]))
        for call in fake_bot_api.calls("sendMessage")
        if call.ok and call.params.get("reply_parameters") and not _is(call.params, messages.RATE_LIMITED)
    )


def statuses(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT status, count(*) FROM incoming_updates GROUP BY status").fetchall())


async def test_a_sigkill_in_the_middle_of_a_burst_loses_nothing_and_sends_nothing_twice(
    fake_bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    env, log = bot_environment(fake_bot_api, tmp_path / "var"), tmp_path / "bot.log"
    asked = ask_burst(fake_bot_api, BURST, OFFICIALS)
    first = BotProcess(env, log)
    try:
        await first.ready()
        await fake_bot_api.wait_for(lambda calls: len(answered(fake_bot_api)) >= 40, timeout=90)
        # From here Telegram hangs on every send (accepting none), the bot keeps working on the
        # rest of the burst (storing, answering, planning), and replies already accepted are
        # recorded as sent: then the kill, with dozens of updates in hand.
        fake_bot_api.delay("sendMessage", 120)
        await asyncio.sleep(2.0)
        first.kill()
    finally:
        first.close()
    fake_bot_api.faults.clear()
    before = answered(fake_bot_api)
    left = statuses(tmp_path / "var" / "vraagbaak.sqlite3")
    assert len(before) < BURST and left.get("received", 0) > 0, f"not killed mid-burst: {left}"

    second = BotProcess(env, log)
    try:
        await second.ready()
        await fake_bot_api.wait_for(lambda calls: set(asked) <= set(answered(fake_bot_api)), timeout=120)
        await asyncio.sleep(1.5)  # a few more resume rounds: nothing may come twice
        await second.terminate()
    finally:
        second.close()

    replies = answered(fake_bot_api)
    assert [key for key in asked if replies[key] == 0] == [], "lost"
    assert [key for key in asked if replies[key] > 1] == [], "answered twice"
    assert statuses(tmp_path / "var" / "vraagbaak.sqlite3") == {"done": BURST}


async def test_a_sigterm_with_questions_waiting_stops_fast_and_the_restart_answers_each_once_in_order(
    fake_bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    # 3 questions per 4-second window: of 10, 3 are answered at once and 7 wait in the inbox.
    env = bot_environment(fake_bot_api, tmp_path / "var", VRAAGBAAK_RATE_LIMIT_PER_MINUTE="3",
                          REPLICA_RATE_WINDOW_S="4")  # fmt: skip
    log = tmp_path / "bot.log"
    asked = ask_burst(fake_bot_api, 10, 1)
    first = BotProcess(env, log)
    try:
        await first.ready()
        await fake_bot_api.wait_for(lambda calls: len(answered(fake_bot_api)) >= 3, timeout=60)
        await fake_bot_api.wait_for(lambda calls: any(_is(call.params, messages.RATE_LIMITED) for call in
                                                      fake_bot_api.calls("sendMessage")), timeout=10)  # fmt: skip
        stop = await first.terminate()
    finally:
        first.close()
    assert stop < 10.0, f"the stop took {stop:.1f} s"
    assert len(answered(fake_bot_api)) < 10, "questions were waiting at the stop"

    second = BotProcess(env, log)
    try:
        await second.ready()
        await fake_bot_api.wait_for(lambda calls: set(asked) <= set(answered(fake_bot_api)), timeout=90)
        await asyncio.sleep(1.5)
        await second.terminate()
    finally:
        second.close()

    replies = answered(fake_bot_api)
    assert [replies[key] for key in asked] == [1] * 10, "each question answered once"
    quoting = [int(call.params["reply_parameters"]["message_id"]) for call in fake_bot_api.calls("sendMessage")
               if call.ok and call.params.get("reply_parameters")
               and not _is(call.params, messages.RATE_LIMITED)]  # fmt: skip
    assert quoting == [message_id for _, message_id in asked], "answers in the order of the questions"
    texts = [html_to_text(str(call.params["text"])) for call in fake_bot_api.calls("sendMessage") if call.ok]
    assert sum(_is({"text": text}, messages.RATE_LIMITED) for text in texts) == 1, "one waiting notice"
    assert not [
        text for text in texts if text.startswith((messages.RATE_LIMIT_FULL[:30], messages.INTERNAL_ERROR[:30]))
    ]


def _is(params: dict[str, object], template: str) -> bool:
    return html_to_text(str(params.get("text", ""))).startswith(template.split("{")[0][:40])
