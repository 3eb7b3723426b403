"""Small talk, requests for a person, follow-ups and too-short messages."""

from __future__ import annotations

import pytest

from bot.answer.intents import SmallTalk, asks_for_person, looks_like_follow_up, small_talk, too_short


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Hallo!", SmallTalk.GREETING), ("goedemorgen", SmallTalk.GREETING), ("Bedankt!", SmallTalk.THANKS),
     ("dank je wel voor de hulp", SmallTalk.THANKS), ("merci 👍", SmallTalk.THANKS), ("tot ziens", SmallTalk.GOODBYE)],
)  # fmt: skip
def test_small_talk(text: str, kind: SmallTalk) -> None:
    assert small_talk(text) is kind


def test_question_with_greeting_is_not_small_talk() -> None:
    assert small_talk("Goedemorgen, wie zit er in de LIVC R?") is None


@pytest.mark.parametrize(
    "text",
    ["kan ik iemand van VVSG spreken aub?", "Geen bot aub, ik wil een echte persoon spreken.",
     "Kunt u mij doorverbinden met een medewerker?", "Kan iemand van jullie contact opnemen met onze dienst?",
     "/mens"],
)  # fmt: skip
def test_asks_for_person(text: str) -> None:
    assert asks_for_person(text)


@pytest.mark.parametrize(
    "text", ["Welke rol heeft de coördinator?", "Wat doet een medewerker van het CAW in de LIVC R?"]
)
def test_ordinary_question_is_not_a_person_request(text: str) -> None:
    assert not asks_for_person(text)


def test_follow_up_and_too_short() -> None:
    assert looks_like_follow_up("en voor kleinere gemeenten?")
    assert not looks_like_follow_up("Wat is een LIVC R en wie zit erin volgens de wet van 2018?")
    assert too_short("👍") and too_short("ok") and too_short("   ")
    assert not too_short("LIVC?")
