"""The guard's quality: what it must take out, and the ordinary words it must leave alone.

* Every answerable question of the evaluation sets stays answerable: not a case, no word lost.
* Ordinary words (place names, organisations such as CAW, OCMW, LIVC R) are falsely redacted
  in under 2 % of the words of realistic policy questions (the rate is printed with ``-s``).
* Every identifier of the leak corpus (``tests/support/leak_corpus.jsonl``) is taken out and
  each of its messages counts as a case.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from bot.answer.privacy import normalise, redact
from tests.support.leak import LEAK_CORPUS, leaked

EVAL = Path("/work/shared/eval")
ROOT = Path(__file__).resolve().parents[3]
PLACES = [
    "Gent", "Antwerpen", "Sint-Niklaas", "Mechelen", "Vilvoorde", "Maasmechelen", "Genk", "Kortrijk", "Oostende",
    "Sint-Jans-Molenbeek", "Hasselt", "Aalst", "Ronse", "Menen", "Beringen", "Lommel", "Dendermonde", "Turnhout",
    "Roeselare", "Leuven", "Brugge", "Houthalen-Helchteren", "Sint-Truiden", "Tienen", "Halle", "Zaventem",
]  # fmt: skip
ORGS = [
    "het CAW", "het OCMW", "de LIVC R", "het CLB", "het JAC", "de VDAB", "het OCAD", "Agentschap Opgroeien",
    "de lokale politie", "het parket", "de jeugddienst", "Team Veiligheid van de VVSG", "de Veiligheidscel",
    "het Rode Kruis", "de Vlaamse overheid", "het Grondwettelijk Hof", "de FOD Binnenlandse Zaken",
]  # fmt: skip
TEMPLATES = [
    "Hoe werkt {org} samen met de LIVC R in {place}?",
    "Mag {org} uit {place} informatie delen op de LIVC R?",
    "Wie vertegenwoordigt {org} in de veiligheidscel van {place}?",
    "Onze stad {place} wil met {org} een draaiboek maken rond polarisering. Waar beginnen we?",
    "Is {org} verplicht om deel te nemen aan het overleg in {place}?",
    "Welke subsidies krijgt {place} van de Vlaamse overheid voor preventie van radicalisering?",
]


def _questions(*names: str) -> list[dict[str, str]]:
    rows = []
    for name in names:
        with (EVAL / name).open(encoding="utf-8") as file:
            rows += [json.loads(line) for line in file if line.strip()]
    return rows


ANSWERABLE = [row for row in _questions("dev.jsonl", "decision-dev.jsonl") if row["decision"] == "answer"]


@pytest.mark.parametrize("row", ANSWERABLE, ids=lambda row: row["id"])
def test_answerable_evaluation_questions_stay_answerable_and_whole(row: dict[str, str]) -> None:
    result = redact(row["question"])

    assert not result.is_case
    assert result.text == normalise(row["question"])


def test_ordinary_words_are_falsely_redacted_under_two_percent() -> None:
    sentences = [t.format(org=o, place=p) for t, o, p in itertools.product(TEMPLATES, ORGS, PLACES)]
    sentences += [row["question"] for row in ANSWERABLE]
    words = lost = 0
    for sentence in sentences:
        before = re.findall(r"\w+", sentence)
        after = re.findall(r"\w+", redact(sentence).text.replace("[naam]", " ").replace("[adres]", " "))
        words += len(before)
        lost += max(0, len(before) - len(after))
    rate = lost / words
    print(f"false redactions: {lost} of {words} words ({rate:.2%}) over {len(sentences)} sentences")
    assert len(sentences) > 2500
    assert rate < 0.02


def test_every_identifier_of_the_leak_corpus_is_taken_out_and_each_message_is_a_case() -> None:
    missed = {}
    for row in LEAK_CORPUS:
        result = redact(row["text"])
        found = leaked(row["identifiers"], result.text)
        if found or not result.is_case:
            missed[row["id"]] = (found, result.text)

    assert len(LEAK_CORPUS) >= 200
    assert sum(len(row["identifiers"]) for row in LEAK_CORPUS) >= 500
    assert missed == {}
