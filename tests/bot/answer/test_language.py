"""Language detection: Dutch by default, English and French recognised on a sentence."""

from __future__ import annotations

import pytest

from bot.answer.language import Language, LanguageDetection


@pytest.fixture(scope="module")
def detection() -> LanguageDetection:
    return LanguageDetection().load()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wie zit er minimaal in een LIVC R volgens de wet?", Language.DUTCH),
        ("Moet da ni in de LIVC R besproken worden, manneke?", Language.DUTCH),
        ("Who has to sit on the LIVC R according to the law?", Language.ENGLISH),
        ("Quelles sont les conditions du secret professionnel partagé ?", Language.FRENCH),
        ("ok", Language.DUTCH),
        ("human please", Language.DUTCH),
    ],
)
def test_detects(detection: LanguageDetection, text: str, language: Language) -> None:
    assert detection.detect(text) is language
