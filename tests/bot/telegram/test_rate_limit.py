"""Per-official rate limit: over-limit messages are deferred, never lost."""

from __future__ import annotations

from bot import messages
from bot.telegram import Slot, Throttle
from tests.bot.telegram.conftest import OTHER, USER, Launcher, ask, replies_to, reply_to
from tests.support.fakes import FakeBotAPI, html_to_text

QUESTIONS = ("Wie zit er minimaal in een LIVC R?", "Hoe vaak moet de LIVC R samenkomen?",
             "Wat is het verschil tussen een LIVC R en een veiligheidscel?")  # fmt: skip


def test_throttle_defers_over_the_limit_and_refuses_a_runaway_backlog() -> None:
    now = [100.0]
    throttle = Throttle(2, 10.0, max_backlog=1.0, clock=lambda: now[0])

    slots = [throttle.reserve(1) for _ in range(5)]

    assert [s.delay for s in slots] == [0.0, 0.0, 10.0, 10.0, None]
    assert [s.first_deferred for s in slots] == [False, False, True, False, False]
    assert throttle.reserve(2).delay == 0.0  # another official is not affected
    now[0] = 110.5
    assert throttle.reserve(1).delay == 9.5  # the two deferred ones hold the window until 120
    now[0] = 130.0
    assert throttle.reserve(1) == Slot(0.0, False)


async def test_21_messages_in_a_minute_are_all_answered_and_the_official_told_to_wait(
    launch: Launcher, fake_bot_api: FakeBotAPI
) -> None:
    # The settings' limit (20 per minute) with a 6-second window, so the test need not wait a minute
    # (one official's questions are answered one after another, so a shorter window may pass before the 21st).
    async with launch(throttle=Throttle(20, 6.0)):
        sent = [ask(fake_bot_api, QUESTIONS[n % 3])[1] for n in range(21)]
        _, other = ask(fake_bot_api, QUESTIONS[0], chat=OTHER, user=OTHER)
        await reply_to(fake_bot_api, other)
        await fake_bot_api.wait_for(
            lambda calls: all(any(c.params.get("reply_markup") for c in replies_to(fake_bot_api, m)) for m in sent),
            timeout=30,
        )

    notices = [m for m in sent if any(html_to_text(c.params["text"]).startswith(messages.RATE_LIMITED[:40])
                                      for c in replies_to(fake_bot_api, m))]  # fmt: skip
    assert len(notices) == 1
    answers = [c for m in sent for c in replies_to(fake_bot_api, m) if c.params.get("reply_markup")]
    assert len(answers) == 21
    late = replies_to(fake_bot_api, notices[0])[-1]
    first = min(c.time for c in answers)
    assert late.time - first >= 1.5  # answered when the window opened, not at once
    assert len(fake_bot_api.sent_messages(USER)) == 22
