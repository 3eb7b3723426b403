"""The answer-or-escalate decision on the real model and the shipped corpus.

The phrasings here are written for these tests: none is in the training data
(``bot/answer/data/intents.yaml``) or in the evaluation sets.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.answer.assistant import Assistant
from bot.answer.classifiers import Phrasings
from bot.answer.results import Decision, EscalationReason
from bot.services import build_assistant
from bot.settings import Settings
from index import SentenceTransformerEmbedder

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "question",
    [
        "Mag ik morgen even bellen met iemand van het team? Het gaat over ons huishoudelijk reglement.",
        "Kan er iemand van de VVSG ons verslagsjabloon eens doornemen en feedback geven?",
        "Ge moogt mij iets laten weten via de telefoon, 't is te ingewikkeld om te typen.",
        "Dat vorige antwoord over het decreet is fout, gelieve dat door een collega te laten corrigeren.",
        "Could one of your colleagues give me a ring this afternoon?",
        "Est-ce que quelqu'un de votre équipe pourrait me rappeler demain matin ?",
    ],
)
def test_requests_for_a_person_reach_staff(assistant: Assistant, question: str) -> None:
    result = assistant.ask(question)
    assert result.decision is Decision.ESCALATE
    assert result.reason is EscalationReason.ASKED_FOR_PERSON


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel personen staan er vandaag op de OCAD-lijst in België?",
        "Wat is het gsm-nummer van de coördinator van de expertenpool?",
        "Hoeveel euro subsidie krijgt een LIVC R in 2031?",
    ],
)
def test_facts_the_corpus_does_not_hold_are_escalated_with_the_reason(assistant: Assistant, question: str) -> None:
    result = assistant.ask(question)
    assert result.decision is Decision.ESCALATE
    assert result.reason is EscalationReason.SPECIFIC_FACTS
    assert result.explanation
    assert result.explanation in result.answer


@pytest.mark.parametrize(
    ("question", "language", "note"),
    [
        ("Who has to take part in a local integral security cell according to the law?", "en", "in Dutch"),
        ("Quel est le rôle du bourgmestre dans la cellule de sécurité intégrale locale ?", "fr", "en néerlandais"),
    ],
)
def test_english_and_french_questions_are_answered_with_dutch_sources(
    assistant: Assistant, question: str, language: str, note: str
) -> None:
    result = assistant.ask(question)
    assert result.decision is Decision.ANSWER, (result.confidence, result.reason, result.explanation)
    assert result.language == language
    assert note in result.answer.splitlines()[0]
    assert any("livcr" in source.doc_id or "livc" in source.doc_id for source in result.sources)


@pytest.mark.parametrize(
    "question",
    [
        "Hoe organiseren we de veiligheid op de kerstmarkt met extra stewards en nadars?",
        "Welke procedure volgen we om een politiereglement over nachtlawaai aan te passen?",
    ],
)
def test_near_domain_questions_are_out_of_scope(assistant: Assistant, question: str) -> None:
    result = assistant.ask(question)
    assert result.decision is Decision.ESCALATE
    assert result.reason is EscalationReason.OUT_OF_DOMAIN


def test_an_out_of_scope_question_gets_a_pointer_when_known(assistant: Assistant) -> None:
    result = assistant.ask("Hoe maken we een nood- en interventieplan voor een storm met veel omgevallen bomen?")
    assert result.reason is EscalationReason.OUT_OF_DOMAIN
    assert result.answer.startswith("Noodplanning hoort bij de noodplanningsambtenaar")


def test_the_threshold_is_a_setting(
    make_settings: Callable[..., Settings], assistant: Assistant, embedder: SentenceTransformerEmbedder
) -> None:
    question = "Wie zit er minimaal in een LIVC R?"
    assert assistant.ask(question).decision is Decision.ANSWER
    strict = build_assistant(make_settings(answer_threshold=0.999), embedder=embedder)
    assert strict.ask(question).decision is Decision.ESCALATE


def test_a_follow_up_is_answered_from_what_is_new(assistant: Assistant) -> None:
    first = assistant.ask("Moet elke gemeente een LIVC R oprichten?")
    follow = assistant.ask("En voor kleinere gemeenten?", context=first.question,
                           previous_chunk=first.sources[0].chunk_id)  # fmt: skip
    assert follow.decision is Decision.ANSWER
    assert follow.answer != first.answer
    assert "gemeente" in follow.answer.lower()


def test_the_shipped_phrasings_have_every_class_in_three_languages() -> None:
    phrasings = Phrasings.shipped()
    for group in (phrasings.person_request, phrasings.in_scope, phrasings.out_of_scope):
        text = " ".join(group).lower()
        assert len(group) >= 100
        assert " the " in text and " les " in text and " de " in text
