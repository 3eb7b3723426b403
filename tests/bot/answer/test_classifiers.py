"""The word classifier scores without sklearn at ask time: its score must stay the pipeline's."""

from __future__ import annotations

import pytest

from bot.answer.classifiers import Phrasings, WordClassifier, fit_word_pipeline

TEXTS = [
    "Kan iemand mij terugbellen over ons LIVC?",
    "Could someone review our protocol, please?",
    "Pouvez-vous me rappeler demain ?",
    "Wat is een LIVC R en wie zit erin?",
    "bel bel bel me me terug terug terug",  # repeated terms: sublinear tf
    "xyzzy qwerty",  # no known term: the bias alone
    "",
]


def test_the_plain_score_equals_the_sklearn_pipeline_on_shipped_and_new_phrasings() -> None:
    phrasings = Phrasings.shipped()
    negatives = [*phrasings.not_person_request, *phrasings.in_scope, *phrasings.out_of_scope]
    pipeline = fit_word_pipeline(phrasings.person_request, negatives)
    classifier = WordClassifier.of(pipeline)

    texts = [*TEXTS, *phrasings.person_request[:20], *negatives[:20]]
    expected = pipeline.predict_proba(texts)[:, 1]
    for text, want in zip(texts, expected, strict=True):
        assert classifier.probability(text) == pytest.approx(float(want), abs=1e-12), text
    # The classifier still separates: a plain call-back request scores above an ordinary question.
    assert classifier.probability(TEXTS[0]) > 0.5 > classifier.probability(TEXTS[3])
