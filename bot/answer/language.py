"""Which language an official wrote in: Dutch, English or French (Dutch when unsure).

lingua-language-detector ships its models inside the wheel (no hub) and is accurate on the
short texts officials type; it is limited to the languages the bot can answer in (plus
German, so that a German question is not forced into Dutch-looking English). A message too
short to tell, or one that lingua is not sure of, stays Dutch: the default of the product.
"""

from __future__ import annotations

import threading
from enum import StrEnum

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder


class Language(StrEnum):
    """The languages the bot answers in; the value is the ISO 639-1 code."""

    DUTCH = "nl"
    ENGLISH = "en"
    FRENCH = "fr"


_LINGUA = {
    LinguaLanguage.DUTCH: Language.DUTCH,
    LinguaLanguage.ENGLISH: Language.ENGLISH,
    LinguaLanguage.FRENCH: Language.FRENCH,
}
# Below this many letters lingua guesses; "ok", "ja", "bel me" stay Dutch.
MIN_LETTERS = 12
# lingua's relative confidence for the winner; below it the default (Dutch) holds.
MIN_CONFIDENCE = 0.5


class LanguageDetection:
    """Detects nl / en / fr; ``load()`` builds lingua's models once (about a second), ``detect`` is cheap."""

    def __init__(self, *, min_letters: int = MIN_LETTERS, min_confidence: float = MIN_CONFIDENCE) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence!r}")
        self._min_letters = min_letters
        self._min_confidence = min_confidence
        self._detector: LanguageDetector | None = None
        self._lock = threading.Lock()

    def load(self) -> LanguageDetection:
        with self._lock:
            if self._detector is None:
                languages = (*_LINGUA, LinguaLanguage.GERMAN)
                self._detector = (
                    LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
                )
        return self

    def detect(self, text: str) -> Language:
        """The language of ``text``; Dutch when it is too short or lingua is unsure."""
        if sum(char.isalpha() for char in text) < self._min_letters:
            return Language.DUTCH
        if self._detector is None:
            self.load()
        assert self._detector is not None
        values = self._detector.compute_language_confidence_values(text)
        if not values or values[0].value < self._min_confidence:
            return Language.DUTCH
        return _LINGUA.get(values[0].language, Language.DUTCH)
