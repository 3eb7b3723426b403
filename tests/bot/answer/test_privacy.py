"""Personal identifiers are found and replaced; ordinary questions are left alone."""

from __future__ import annotations

import pytest

from bot.answer.privacy import PiiKind, redact


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("Zijn rijksregisternummer is 85.07.30-033.28.", PiiKind.NATIONAL_NUMBER, "85.07.30-033.28"),
        ("Nummer 85073003328 staat in het dossier", PiiKind.NATIONAL_NUMBER, "85073003328"),
        ("Bel haar op 0478 12 34 56 aub", PiiKind.PHONE, "0478 12 34 56"),
        ("of via +32 9 123 45 67", PiiKind.PHONE, "+32 9 123 45 67"),
        ("Zijn moeder (0470 12 34 56) belde", PiiKind.PHONE, "0470 12 34 56"),
        ("Mail naar jan.peeters@example.be", PiiKind.EMAIL, "jan.peeters@example.be"),
        ("Rekening BE71 0961 2345 6769 werd gebruikt", PiiKind.IBAN, "BE71 0961 2345 6769"),
        ("De wagen met plaat 1-ABC-123 stond er", PiiKind.PLATE, "1-ABC-123"),
        ("Jan Peeters, geboren op 12/03/2001, is gekend", PiiKind.BIRTH_DATE, "12/03/2001"),
        ("Hij woont in de Kerkstraat 12, 9000 Gent", PiiKind.ADDRESS, "Kerkstraat 12"),
        ("Kan Karel De Smet (17 jaar) op de LIVC R?", PiiKind.NAME, "Karel De Smet"),
        ("Een leerling, Dries V. (16), deelt memes", PiiKind.NAME, "Dries V."),
    ],
)
def test_identifier_is_redacted(text: str, kind: PiiKind, secret: str) -> None:
    result = redact(text)
    assert kind in result.kinds
    assert secret not in result.text
    assert f"[{kind.value}]" in result.text
    assert result.is_case


@pytest.mark.parametrize(
    "text",
    [
        "Wat zegt de wet van 30 juli 2018 over de LIVC R?",
        "Welke rol heeft Team Veiligheid van de VVSG tussen 2015-2018?",
        "Hoeveel gemeenten in Vlaanderen hebben een LIVC R?",
        "Mag de burgemeester het Grondwettelijk Hof citeren?",
        "Artikel 458ter van het Strafwetboek",
    ],
)
def test_ordinary_questions_are_untouched(text: str) -> None:
    result = redact(text)
    assert result.text == text and not result.found


def test_formatted_national_number_with_a_typo_is_still_redacted() -> None:
    result = redact("rijksregisternummer 85.07.30-033.29")
    assert "033.29" not in result.text and PiiKind.NATIONAL_NUMBER in result.kinds


def test_bare_digits_without_valid_check_are_not_a_national_number() -> None:
    assert not redact("dossier 12345678901").found


def test_belgian_account_number_with_a_typo_is_still_redacted() -> None:
    assert "0961" not in redact("rekening BE71 0961 2345 6768").text


def test_full_name_alone_is_not_treated_as_case() -> None:
    assert not redact("Wat zei Jan Jambon over radicalisering?").found


def test_redacting_a_redacted_text_keeps_it_a_case() -> None:
    """A stored update is redacted; handled again after a restart it must still be a case."""
    once = redact("Kan Karel De Smet (17 jaar) op de LIVC R?")
    again = redact(once.text)
    assert again.text == once.text
    assert PiiKind.NAME in again.kinds
    assert again.is_case
