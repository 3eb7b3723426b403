"""FAQ loader: one Document per entry, with ids, dates and fields the bot and evaluations rely on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge import Chunker, LoaderError, load_file
from knowledge.loaders import load_faq

SAMPLE = """
theme: "LIVC R: basis"
entries:
  - id: basis-001
    question: "Wat is een LIVC R?"
    answer: |
      Een lokaal casusoverleg.

      Onder regie van de burgemeester.
    tags: [livcr, basis]
    updated: 2025-02-10
  - id: basis-002
    question: "Is een LIVC R verplicht?"
    answer: "Ja, sinds de wet van 30 juli 2018."
    tags: []
    updated: "2024-09-16"
"""


def load(text: str) -> list:
    return load_faq(text.encode("utf-8"), "faq/basis.yaml")


def test_one_document_per_entry() -> None:
    first, second = load(SAMPLE)
    assert first.doc_id == "faq/basis.yaml#basis-001"
    assert first.title == first.faq_question == "Wat is een LIVC R?"
    assert first.faq_answer == "Een lokaal casusoverleg.\n\nOnder regie van de burgemeester."
    assert first.doc_type == "faq"
    assert first.published == date(2025, 2, 10)
    assert first.tags == ("livcr", "basis")
    assert first.sections[0].heading_path == ("LIVC R: basis",)
    assert second.doc_id == "faq/basis.yaml#basis-002"
    assert second.published == date(2024, 9, 16)


def test_an_entry_is_exactly_one_chunk_with_question_and_answer() -> None:
    documents = load(SAMPLE)
    chunks = Chunker().chunk(documents)
    ids = [chunk.chunk_id for chunk in chunks]
    assert ids == ["faq/basis.yaml#basis-001::0", "faq/basis.yaml#basis-002::0"]
    assert chunks[0].text.startswith("Wat is een LIVC R?\n\nEen lokaal casusoverleg.")
    assert chunks[0].faq_question == "Wat is een LIVC R?"
    assert chunks[0].section == "LIVC R: basis"


def test_shipped_faq_file(corpus: Path) -> None:
    documents = load_file(corpus / "faq/livcr-basis.yaml", "faq/livcr-basis.yaml")
    ids = [doc.doc_id for doc in documents]
    assert "faq/livcr-basis.yaml#livcr-basis-003" in ids
    assert len(ids) == len(set(ids))
    assert all(doc.faq_answer and doc.published for doc in documents)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty file"),
        ("theme: x\nentries: [\n", r"invalid YAML: .*\(line \d+, column \d+\)"),
        ("- just\n- a list\n", "not an FAQ file"),
        ("theme: x\n", "'entries' must be a non-empty list"),
        ("theme: x\nentries: []\n", "'entries' must be a non-empty list"),
        ("entries:\n  - question: q\n    answer: a\n", r"entry 1: missing or invalid 'id'"),
        ("entries:\n  - id: a-1\n    question: q\n", r"entry 1: missing or empty 'answer'"),
        ("entries:\n  - id: a 1\n    question: q\n    answer: a\n", r"entry 1: missing or invalid 'id'"),
        (
            "entries:\n  - {id: a, question: q, answer: a}\n  - {id: a, question: q2, answer: a2}\n",
            r"entry 2: duplicate id 'a'",
        ),
        ("entries:\n  - {id: a, question: q, answer: a, updated: ooit}\n", r"entry 1: invalid date"),
    ],
)
def test_broken_faq_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load(text)
