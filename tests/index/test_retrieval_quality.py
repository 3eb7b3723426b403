"""Retrieval with the real packaged model on questions from the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.assistant import Assistant

pytestmark = pytest.mark.model

DEV_FILE = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"
CASE_IDS = ["dev-001", "dev-003", "dev-004", "dev-026", "dev-053", "dev-065"]


def dev_cases() -> list[tuple[str, list[str]]]:
    rows = [json.loads(line) for line in DEV_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["question"], row["expected"]) for row in rows if row["id"] in CASE_IDS]


@pytest.mark.parametrize(("question", "expected"), dev_cases())
def test_an_expected_document_in_top_five(assistant: Assistant, question: str, expected: list[str]) -> None:
    doc_ids = [hit.chunk.doc_id for hit in assistant.retriever.search(question, k=5)]
    assert set(doc_ids) & set(expected), doc_ids


def test_pdf_content_is_retrievable(assistant: Assistant) -> None:
    hits = assistant.retriever.search("tafeloefening voor de leden van de LIVC R met een fictieve casus", k=5)
    assert "publicaties/oefening-livcr-tafeloefening.pdf" in [hit.chunk.doc_id for hit in hits]


def test_hits_are_ranked_and_one_per_document(assistant: Assistant) -> None:
    hits = assistant.retriever.search("polarisatie en online haat", k=5)
    assert [hit.rank for hit in hits] == [1, 2, 3, 4, 5]
    assert len({hit.chunk.doc_id for hit in hits}) == 5
    assert all(0.0 < hit.dense_score <= 1.0 for hit in hits)
