"""Small pure parts of the queue: rendering, buttons, backoff, the staff check's cache."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.queue import StaffAction, backoff, parse_staff_button
from bot.queue.actions import staff_data, ticket_keyboard
from bot.queue.render import PART_LIMIT, age, framed, relay_parts, snippet
from bot.telegram.staff.access import StaffAccess
from tests.support.fakes import html_to_text


def test_long_relays_are_split_and_escaped_per_part() -> None:
    text = " ".join(["<b>&"] * 3000)
    parts = relay_parts(12, text)
    assert len(parts) > 1 and all(len(part) <= PART_LIMIT for part in parts)
    shown = [html_to_text(part) for part in parts]  # every part parses on its own
    assert shown[0].startswith("Antwoord van Team Veiligheid (VVSG) op uw vraag nr. 12:")
    assert shown[-1].endswith("tik op 'Beantwoorden').")
    assert sum(chunk.count("<b>&") for chunk in shown) == 3000


def test_framed_keeps_short_text_in_one_part() -> None:
    assert framed("Kop", "a < b") == ["<b>Kop</b>\n\na &lt; b"]


def test_buttons_round_trip_and_reject_foreign_data() -> None:
    data = [button["callback_data"] for button in ticket_keyboard(7)["inline_keyboard"][0]]
    assert [parse_staff_button(d) for d in data] == [
        parse_staff_button(staff_data(action, 7))
        for action in (StaffAction.CLAIM, StaffAction.CLOSE, StaffAction.MAKE_FAQ)
    ]
    assert all(len(d.encode()) <= 64 for d in data)
    for bad in (None, "", "sq:claim", "sq:steal:1", "hv:low_confidence:1", "sq:claim:x"):
        assert parse_staff_button(bad) is None


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in range(4)] == [1, 2, 4, 8]
    assert backoff(30) == timedelta(minutes=5)


def test_age_and_snippet() -> None:
    assert (age(timedelta(minutes=5)), age(timedelta(hours=5)), age(timedelta(days=3))) == ("5 min", "5 u", "3 d")
    assert snippet("een\nlange   tekst", 8) == "een lan…"


class _Member:
    def __init__(self, status: str) -> None:
        self.status = status


class _Bot:
    def __init__(self, status: str) -> None:
        self.status, self.calls = status, 0

    async def get_chat_member(self, chat_id: int, user_id: int) -> Any:
        self.calls += 1
        return _Member(self.status)


async def test_staff_check_asks_telegram_once_per_ttl() -> None:
    now = [0.0]
    access = StaffAccess(-100, (1,), ttl=60, clock=lambda: now[0])
    bot = _Bot("member")
    assert await access.is_staff(bot, 1)  # type: ignore[arg-type]
    assert bot.calls == 0  # configured ids need no call
    assert await access.is_staff(bot, 2) and await access.is_staff(bot, 2)  # type: ignore[arg-type]
    assert bot.calls == 1
    bot.status, now[0] = "left", 61.0
    assert not await access.is_staff(bot, 2)  # type: ignore[arg-type]
    assert not await StaffAccess(None).is_staff(bot, 3)  # type: ignore[arg-type]
