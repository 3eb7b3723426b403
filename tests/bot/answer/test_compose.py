"""Composed answers keep lists readable, never end on a heading, and show what a follow-up adds."""

from __future__ import annotations

from bot.answer.compose import best_passage
from bot.answer.sentences import UnitKind, units

TEXT = """Een LIVC R start met drie stappen.

- Stap 1: de burgemeester neemt het initiatief.
- Stap 2: de coördinator brengt het lokale landschap in kaart.
- Stap 3: de partners tekenen een charter.

## Kleinere gemeenten

Kleinere gemeenten kunnen een intergemeentelijke LIVC R oprichten met hun politiezone. Dat spaart tijd.

## Volgende stappen"""


def test_units_keep_items_and_headings_apart() -> None:
    kinds = [unit.kind for unit in units(TEXT)]
    assert kinds.count(UnitKind.ITEM) == 3
    assert kinds.count(UnitKind.HEADING) == 2
    assert [unit.text for unit in units("Stap 1. Bestuurlijk engagement. De burgemeester start.")] == [
        "Stap 1. Bestuurlijk engagement.",
        "De burgemeester start.",
    ]


def test_list_items_stay_on_their_own_lines() -> None:
    passage = best_passage(TEXT, "Welke stappen zet de burgemeester bij de start van een LIVC R?", max_words=40)
    lines = passage.splitlines()
    assert "- Stap 1: de burgemeester neemt het initiatief." in lines
    assert "- Stap 2: de coördinator brengt het lokale landschap in kaart." in lines


def test_never_ends_on_a_heading() -> None:
    passage = best_passage(TEXT, "intergemeentelijke LIVC R voor kleinere gemeenten", max_words=60)
    assert not passage.rstrip().endswith("Volgende stappen")
    assert "intergemeentelijke" in passage


def test_a_follow_up_shows_the_part_about_its_own_words() -> None:
    question = "Moet elke gemeente een LIVC R starten? En voor kleinere gemeenten?"
    passage = best_passage(TEXT, question, follow_up="En voor kleinere gemeenten?", max_words=20)
    assert "Kleinere gemeenten kunnen" in passage
