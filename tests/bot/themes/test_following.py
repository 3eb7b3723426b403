"""/volg, /volgend, /stopvolgen and /vergeetmij through the fake Bot API."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from bot.answer.results import AnswerResult, Decision, Source
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.follows import FollowRepository
from knowledge.themes import THEMES
from tests.bot.queue.conftest import OFFICIAL, Launch, answers, buttons, command, press, say, sends, wait_send
from tests.support.fakes import FakeBotAPI, RecordedCall

POLARISATIE = "th:polarisatie-en-online-haat"


def button_texts(call: RecordedCall) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_volg_shows_one_toggle_per_theme_and_pressing_follows_then_unfollows(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follows = FollowRepository(storage.database)
    async with launch(theme_settings):
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/volg")
        menu = await wait_send(fake_bot_api, OFFICIAL, "thema's die u wilt volgen")
        texts = button_texts(menu)
        assert len(texts) == len(THEMES) and all(theme.name in text for theme, text in zip(THEMES, texts, strict=True))
        assert POLARISATIE in buttons(menu)

        press(fake_bot_api, OFFICIAL, OFFICIAL, POLARISATIE, menu)
        await fake_bot_api.wait_for(lambda _: bool(answers(fake_bot_api, "U volgt nu: Polarisatie")))
        assert follows.follows(OFFICIAL) == ["polarisatie-en-online-haat"]
        await fake_bot_api.wait_for(lambda _: bool(fake_bot_api.calls("editMessageReplyMarkup")))
        redrawn = fake_bot_api.calls("editMessageReplyMarkup")[-1]
        assert "✅ Polarisatie en online haat" in button_texts(redrawn)

        command(fake_bot_api, OFFICIAL, OFFICIAL, "/volgend")
        listed = await wait_send(fake_bot_api, OFFICIAL, "U volgt deze thema's")
        assert "Polarisatie en online haat" in str(listed.params["text"])

        press(fake_bot_api, OFFICIAL, OFFICIAL, POLARISATIE, menu)
        await fake_bot_api.wait_for(lambda _: bool(answers(fake_bot_api, "niet meer")))
        assert follows.follows(OFFICIAL) == []


async def test_stopvolgen_stops_every_follow(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follows = FollowRepository(storage.database)
    follows.toggle(OFFICIAL, "livcr-werking")
    follows.toggle(OFFICIAL, "vvsg-ondersteuning")
    async with launch(theme_settings):
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/stopvolgen")
        await wait_send(fake_bot_api, OFFICIAL, "U volgt geen thema's meer")
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/stopvolgen")
        await wait_send(fake_bot_api, OFFICIAL, "U volgde geen thema's")
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/volgend")
        await wait_send(fake_bot_api, OFFICIAL, "U volgt nog geen thema's")
    assert follows.follows(OFFICIAL) == []


async def test_vergeetmij_removes_follows(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follows = FollowRepository(storage.database)
    async with launch(theme_settings):
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/volg")
        menu = await wait_send(fake_bot_api, OFFICIAL, "thema's die u wilt volgen")
        press(fake_bot_api, OFFICIAL, OFFICIAL, POLARISATIE, menu)
        await fake_bot_api.wait_for(lambda _: follows.follows(OFFICIAL) != [])
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/vergeetmij")
        await fake_bot_api.wait_for(lambda _: any("vg:ja" in buttons(call) for call in sends(fake_bot_api, OFFICIAL)))
        question = next(call for call in sends(fake_bot_api, OFFICIAL) if "vg:ja" in buttons(call))
        press(fake_bot_api, OFFICIAL, OFFICIAL, "vg:ja", question)
        await fake_bot_api.wait_for(lambda _: follows.follows(OFFICIAL) == [])
    assert follows.follower_counts() == {}


@dataclass
class ThemedStub:
    """Answers every question from one source about shared professional secrecy."""

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        source = Source("publicaties/gedeeld-beroepsgeheim-458ter.md", "c1", "Gedeeld beroepsgeheim", "", None, 0.8,
                        themes=("beroepsgeheim-en-privacy",))  # fmt: skip
        return AnswerResult(
            question, Decision.ANSWER, 0.9, "Artikel 458ter regelt het gedeeld beroepsgeheim.", [source]
        )


@pytest.fixture
def stub() -> ThemedStub:
    return ThemedStub()


async def test_after_a_helpful_answer_the_bot_offers_once_to_follow_its_theme(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follows = FollowRepository(storage.database)
    async with launch(theme_settings):
        for number in (1, 2):
            say(fake_bot_api, OFFICIAL, OFFICIAL, f"Wat is gedeeld beroepsgeheim? ({number})")
            answer = await wait_send(fake_bot_api, OFFICIAL, "458ter", count=number)
            up = next(data for data in buttons(answer) if data.startswith("fb:1:"))
            press(fake_bot_api, OFFICIAL, OFFICIAL, up, answer)
            await fake_bot_api.wait_for(lambda _, n=number: len(fake_bot_api.calls("answerCallbackQuery")) >= n)
        offer = await wait_send(fake_bot_api, OFFICIAL, "Wilt u op de hoogte blijven")
        assert (
            buttons(offer) == ["th:beroepsgeheim-en-privacy"] and "Beroepsgeheim en privacy" in button_texts(offer)[0]
        )
        press(fake_bot_api, OFFICIAL, OFFICIAL, "th:beroepsgeheim-en-privacy", offer)
        await fake_bot_api.wait_for(lambda _: follows.follows(OFFICIAL) == ["beroepsgeheim-en-privacy"])
        await asyncio.sleep(0.3)
    assert len(sends(fake_bot_api, OFFICIAL, "Wilt u op de hoogte blijven")) == 1
