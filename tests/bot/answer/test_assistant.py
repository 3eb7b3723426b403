"""The answer-or-escalate pipeline with the real model and the shipped corpus."""

from __future__ import annotations

import pytest

from bot.answer.assistant import Assistant
from bot.answer.results import Decision, EscalationReason
from bot.errors import EmptyQuestionError

pytestmark = pytest.mark.model


def test_faq_match_is_answered_with_the_faq_text(assistant: Assistant) -> None:
    result = assistant.ask("Is elke gemeente verplicht om een LIVC R op te richten?")
    assert result.decision is Decision.ANSWER
    assert result.sources[0].doc_id == "faq/livcr-basis.yaml#livcr-basis-003"
    assert result.answer.startswith("Ja.")
    assert 0.5 <= result.confidence <= 1.0


def test_publication_answer_is_a_trimmed_passage(assistant: Assistant) -> None:
    result = assistant.ask("Wat is het EMMA-project en wat meet de EMMASCAN?")
    assert result.decision is Decision.ANSWER
    assert len(result.answer.split()) <= 170
    assert all(source.title for source in result.sources)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (
            "wanneer is de volgende ophaling van grofvuil? de burgers bellen ons plat",
            EscalationReason.OUT_OF_DOMAIN,
        ),
        ("Geen bot aub, ik wil een echte persoon spreken.", EscalationReason.ASKED_FOR_PERSON),
        (
            "Op welke datum is de volgende vergadering van de werkgroep radicalisering?",
            EscalationReason.SPECIFIC_FACTS,
        ),
    ],
)
def test_escalations(assistant: Assistant, question: str, reason: EscalationReason) -> None:
    result = assistant.ask(question)
    assert result.decision is Decision.ESCALATE
    assert result.reason is reason
    assert "medewerker" in result.answer


def test_case_question_is_redacted_escalated_and_warned(assistant: Assistant) -> None:
    result = assistant.ask("Mag Jan Peeters, geboren op 12/03/2001, besproken worden op de LIVC R? Bel 0478 12 34 56.")
    assert result.decision is Decision.ESCALATE and result.reason is EscalationReason.CASE_QUESTION
    assert "Peeters" not in result.question and "0478" not in result.question
    assert "Peeters" not in result.answer
    assert set(result.redacted) >= {"naam", "geboortedatum", "telefoonnummer"}
    assert "Stuur nooit namen" in result.answer


def test_follow_up_uses_previous_question(assistant: Assistant) -> None:
    alone = assistant.ask("en voor kleinere gemeenten?")
    with_context = assistant.ask("en voor kleinere gemeenten?", context="Moet elke gemeente een LIVC R oprichten?")
    assert {s.doc_id for s in with_context.sources} != {s.doc_id for s in alone.sources}
    assert any("livc" in s.doc_id for s in with_context.sources)


def test_empty_question_is_refused(assistant: Assistant) -> None:
    with pytest.raises(EmptyQuestionError):
        assistant.ask("   ")
