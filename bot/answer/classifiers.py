"""Two small classifiers trained on labelled phrasings that ship with the code: person request, scope.

"Bel me eens terug", "Could someone review our protocol?", "Kan iemand ons reglement
nakijken?" ask for a person in words no pattern list foresees; "Hoe werkt GAS-bemiddeling?"
sounds like safety work but is not Team Veiligheid's. The phrasings (``data/intents.yaml``:
Dutch, Flemish, English and French) plus the served corpus's own FAQ questions as in-scope
examples train two logistic regressions:

- **scope** over the multilingual e5 vector the retrieval computes anyway: what a question is
  *about* is what e5 encodes, in any of the three languages. One dot product per question.
- **person request** over word unigrams and bigrams (TF-IDF): asking for a person is said in
  a handful of words ("bel me", "afspraak", "nakijken", "someone", "rappeler") whatever the
  topic, and an e5 vector is mostly topic. Measured on the labelled questions: the e5 model
  ranked person requests with an AUC of 0.85 and called 30 ordinary questions requests at 0.5;
  the word model 8 (``bench/calibrate.py`` documents the figures).

Embedding the phrasings for the scope model takes seconds on 2 cores, so its weights are
kept in the model cache folder, keyed by a hash of the model and every training text: a
restart or a second process reads them in milliseconds; a changed corpus or data file refits.
The word model fits in milliseconds and is simply refitted at start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from index import Embedder

logger = logging.getLogger(__name__)

DATA_FILE = "intents.yaml"
# L2 strengths. Scope: e5 vectors are unit length, so a weak penalty is needed to spread the
# scores; on the labelled questions C=16 separated the near-domain questions from answerable ones
# best (AUC 0.999; C=4: 0.996, C=1: 0.988). Person requests: words, C=4 (1 and 16 score alike).
SCOPE_C = 16.0
PERSON_C = 4.0


@dataclass(frozen=True, slots=True)
class Phrasings:
    """The labelled phrasings (``data/intents.yaml``) plus the corpus's FAQ questions."""

    person_request: tuple[str, ...]
    not_person_request: tuple[str, ...]
    in_scope: tuple[str, ...]
    out_of_scope: tuple[str, ...]

    @classmethod
    def shipped(cls, faq_questions: Sequence[str] = ()) -> Phrasings:
        raw = yaml.safe_load(resources.files("bot.answer").joinpath("data", DATA_FILE).read_text(encoding="utf-8"))
        return cls(
            tuple(raw["person_request"]),
            tuple(raw["not_person_request"]),
            tuple(raw["in_scope"]) + tuple(faq_questions),
            tuple(raw["out_of_scope"]),
        )


@dataclass(frozen=True, slots=True)
class LinearClassifier:
    """``sigmoid(weights . x + bias)``: all that is kept of a fitted logistic regression."""

    weights: np.ndarray
    bias: float

    def probability(self, vector: np.ndarray) -> float:
        logit = float(np.dot(self.weights, vector)) + self.bias
        return float(1.0 / (1.0 + np.exp(-np.clip(logit, -50.0, 50.0))))

    @classmethod
    def fit(cls, positives: np.ndarray, negatives: np.ndarray, *, c: float = SCOPE_C) -> LinearClassifier:
        features = np.vstack([positives, negatives])
        labels = np.concatenate([np.ones(len(positives)), np.zeros(len(negatives))])
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(features, labels)
        return cls(model.coef_[0].astype(np.float32), float(model.intercept_[0]))


@dataclass(frozen=True, slots=True)
class WordClassifier:
    """TF-IDF + logistic regression over the question's words, scored without sklearn at ask time.

    sklearn fits it; scoring keeps only the analyser and, per known term, its idf and weight.
    ``Pipeline.predict_proba`` spends ~0.7 ms per question on input validation and sparse
    matrices for a dozen terms; the same sum in plain Python takes ~0.02 ms, and under a
    burst every millisecond of Python is a millisecond the event loop waits for the GIL.
    The score equals the pipeline's (sublinear tf, idf, L2 norm, sigmoid) to rounding;
    a test holds it to that.
    """

    analyse: Callable[[str], list[str]]
    terms: Mapping[str, tuple[float, float]]  # term -> (idf, weight)
    bias: float

    def probability(self, text: str) -> float:
        counts = Counter(term for term in self.analyse(text) if term in self.terms)
        weighted = squares = 0.0
        for term, count in counts.items():
            idf, weight = self.terms[term]
            value = (1.0 + math.log(count)) * idf
            weighted += value * weight
            squares += value * value
        logit = self.bias + (weighted / math.sqrt(squares) if squares else 0.0)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))

    @classmethod
    def fit(cls, positives: Sequence[str], negatives: Sequence[str], *, c: float = PERSON_C) -> WordClassifier:
        return cls.of(fit_word_pipeline(positives, negatives, c=c))

    @classmethod
    def of(cls, pipeline: Pipeline) -> WordClassifier:
        """Keep what scoring needs of a fitted ``TfidfVectorizer`` + ``LogisticRegression`` pipeline."""
        vectorizer, model = pipeline.steps[0][1], pipeline.steps[-1][1]
        idf, weights = vectorizer.idf_, model.coef_[0]
        terms = {term: (float(idf[column]), float(weights[column])) for term, column in vectorizer.vocabulary_.items()}
        return cls(vectorizer.build_analyzer(), terms, float(model.intercept_[0]))


def fit_word_pipeline(positives: Sequence[str], negatives: Sequence[str], *, c: float = PERSON_C) -> Pipeline:
    """The sklearn pipeline the word classifier is taken from (sublinear tf, word uni- and bigrams)."""
    vectorizer = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    labels = np.concatenate([np.ones(len(positives)), np.zeros(len(negatives))])
    return make_pipeline(vectorizer, model).fit([*positives, *negatives], labels)


@dataclass(frozen=True, slots=True)
class IntentClassifiers:
    """P(the official asks for a person) from the words, P(the question is Team Veiligheid's work) from e5."""

    person: WordClassifier
    scope: LinearClassifier

    @classmethod
    def fit(cls, phrasings: Phrasings, embedder: Embedder, cache_dir: Path | None = None) -> IntentClassifiers:
        """Fit both; the scope weights come from an identical earlier fit when one is cached."""
        others = [*phrasings.not_person_request, *phrasings.in_scope, *phrasings.out_of_scope]
        person = WordClassifier.fit(phrasings.person_request, others)
        return cls(person, _fit_scope(phrasings, embedder, cache_dir))


def _fit_scope(phrasings: Phrasings, embedder: Embedder, cache_dir: Path | None) -> LinearClassifier:
    inside = list(dict.fromkeys([*phrasings.in_scope, *phrasings.not_person_request]))
    outside = list(dict.fromkeys(phrasings.out_of_scope))
    key = hashlib.sha256(json.dumps([embedder.model_id, SCOPE_C, inside, outside]).encode()).hexdigest()[:20]
    cached = cache_dir / f"scope-{key}.npz" if cache_dir is not None else None
    if cached is not None and cached.exists():
        with np.load(cached) as saved:
            return LinearClassifier(saved["weights"], float(saved["bias"]))
    logger.info("Fitting the scope classifier on %d phrasings (once per model and data)", len(inside) + len(outside))
    vectors = embedder.embed_queries([*inside, *outside])
    fitted = LinearClassifier.fit(vectors[: len(inside)], vectors[len(inside) :])
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(cached.stem + ".partial.npz")
        np.savez(partial, weights=fitted.weights, bias=fitted.bias)
        partial.replace(cached)
    return fitted
