"""The answerability check on hand-made passages: each answer type, years, places, current figures."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.answerability import AnswerabilityCheck, AnswerType, answer_type, constraint_years
from bot.answer.language import Language
from index import Hit
from knowledge import Chunk


def hit(text: str, *, title: str = "Fiche", published: date | None = date(2023, 5, 1)) -> Hit:
    chunk = Chunk(chunk_id=f"d.md::{abs(hash(text))}", doc_id="d.md", text=text, title=title, section="",
                  doc_type="fiche", published=published)  # fmt: skip
    return Hit(chunk, 1.0, 0.9, 1.0, 1)


GGB = hit(
    "De gemeenschappelijke gegevensbank werd in 2016 opgericht. Op 14 april 2020 ging het volgens het OCAD "
    "om 677 entiteiten in de gemeenschappelijke gegevensbank.",
    title="De gemeenschappelijke gegevensbank",
)
SURVEY = hit("In een VVSG-bevraging van 2020 gaf 11% van de besturen aan geen plannen te hebben voor een LIVC R.")
COST = hit("Het begeleidingstraject van de VVSG is gratis voor elke gemeente die erom vraagt.")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hoeveel entiteiten staan in de gegevensbank?", AnswerType.COUNT),
        ("Wat kost het coachingstraject?", AnswerType.AMOUNT),
        ("Welk percentage van de gemeenten heeft een LIVC R?", AnswerType.PERCENT),
        ("Tegen welke datum moet het verslag binnen zijn?", AnswerType.DATE),
        ("Wat is het telefoonnummer van de helpdesk?", AnswerType.CONTACT),
        ("Welke VVSG-medewerker is ons aanspreekpunt?", AnswerType.PERSON),
        ("Kun je een lijst geven van de Limburgse gemeenten met een LIVC R?", AnswerType.PLACES),
        ("Hoe lang duurt een tafeloefening?", AnswerType.DURATION),
        ("How many entities are in the database?", AnswerType.COUNT),
        ("Quel est le niveau de la menace ?", AnswerType.STATUS),
        ("Wanneer mag de LIVC R informatie delen?", AnswerType.OPEN),
        ("Het is niet de bedoeling dat de gemeente een lijst bijhoudt van jongeren?", AnswerType.OPEN),
    ],
)
def test_answer_types(question: str, kind: AnswerType) -> None:
    assert answer_type(question) is kind


def test_a_figure_in_the_passage_answers_a_count() -> None:
    result = AnswerabilityCheck().check("Hoeveel entiteiten stonden er op 14 april 2020 in de gegevensbank?", [GGB])
    assert result.answerable, result.explain()


def test_a_current_figure_is_never_in_a_dated_publication() -> None:
    result = AnswerabilityCheck().check("Hoeveel personen staan er momenteel in de gemeenschappelijke gegevensbank?",
                                        [GGB])  # fmt: skip
    assert not result.answerable
    assert "actueel" in result.explain() and "2023" in result.explain()


def test_a_percentage_does_not_answer_a_count_and_the_year_must_match() -> None:
    check = AnswerabilityCheck()
    assert not check.check("Hoeveel gemeenten vulden de VVSG-bevraging van 2020 in?", [SURVEY]).answerable
    question = "Welk percentage van de besturen had in de bevraging van 2020 geen plannen?"
    assert check.check(question, [SURVEY]).answerable
    missing_year = check.check("Welk percentage van de besturen had in de bevraging van 2022 geen plannen?", [SURVEY])
    assert "year" in [gap.kind for gap in missing_year.gaps]


def test_gratis_answers_what_it_costs_but_not_an_hourly_rate_asked_beside_gratis() -> None:
    check = AnswerabilityCheck()
    assert check.check("Wat kost het begeleidingstraject van de VVSG?", [COST]).answerable
    assert not check.check("Welk uurtarief geldt na het gratis begeleidingstraject?", [COST]).answerable


def test_a_named_place_must_be_in_the_evidence() -> None:
    result = AnswerabilityCheck().check("Hoeveel entiteiten uit de stad Mechelen staan in de gegevensbank?", [GGB])
    assert any(gap.kind == "place" for gap in result.gaps)


def test_open_questions_and_years_about_the_asker_pass() -> None:
    check = AnswerabilityCheck()
    assert check.check("Waarom werd de gemeenschappelijke gegevensbank opgericht?", [GGB]).answerable
    assert constraint_years("Ik ben pas sinds 2024 coördinator. Wat deed de wet van 2018?") == [2018]


def test_english_questions_are_checked_against_whole_passages() -> None:
    result = AnswerabilityCheck().check("How many entities were in the database in 2020?", [GGB], Language.ENGLISH)
    assert result.answerable
