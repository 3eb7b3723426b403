"""Where a question outside Team Veiligheid's work belongs, when we know: one pointer sentence.

An official who asks about GAS fines or flood planning is better helped by "dat is werk voor uw
noodplanningsambtenaar" than by a bare "buiten mijn domein". The pointers are readable patterns
over the (redacted) question, each with the service that handles the topic; the first match
wins, and no match leaves the plain out-of-scope text.
"""

from __future__ import annotations

import re

_REFERRALS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bGAS\b|gemeentelijke administratieve sanctie|sluikstort|wildplass|overlast", re.I),
        "GAS-sancties en overlast horen bij uw GAS-ambtenaar, de bemiddelaar en de dienst lokale handhaving.",
    ),
    (
        re.compile(r"noodplan|nood- en interventieplan|overstroming|rampenplan|noodplanning|evacuatie", re.I),
        "Noodplanning hoort bij de noodplanningsambtenaar van uw gemeente en de dienst noodplanning van de gouverneur.",
    ),
    (
        re.compile(
            r"korpschef|personeelsnorm|bezetting|interventieploeg|politiezone\w* (?:budget|dotatie)|"
            r"ANPR|camerabeelden|camerawet|wapenvergunning",
            re.I,
        ),
        "Vragen over de organisatie van de politie, camera's en wapenvergunningen horen bij uw politiezone of "
        "de gouverneur.",
    ),
    (
        re.compile(r"ransomware|cyber|NIS2|phishing|back-?ups?", re.I),
        "Cyberveiligheid hoort bij uw informatieveiligheidsconsulent en het Centrum voor Cybersecurity België (CCB).",
    ),
    (
        re.compile(r"stembureau|verkiezing|bijzitter|kieslijst", re.I),
        "Verkiezingen horen bij uw dienst burgerzaken en het Agentschap Binnenlands Bestuur.",
    ),
    (
        re.compile(r"jaarrekening|meerjarenplan|BBC|Loket voor Lokale Besturen|budgetwijziging", re.I),
        "Financiën van het lokaal bestuur horen bij uw financieel directeur en het Agentschap Binnenlands Bestuur.",
    ),
    (
        re.compile(r"rijbewijs|paspoort|identiteitskaart|adreswijziging|trouw|huwelijk|burgerzaken", re.I),
        "Dit hoort bij de dienst burgerzaken van uw gemeente.",
    ),
    (
        re.compile(r"inbraak|buurtinformatienetwerk|\bBIN\b|diefstalpreventie", re.I),
        "Inbraakpreventie hoort bij de diefstalpreventieadviseur van uw gemeente of politiezone.",
    ),
    (
        re.compile(r"omgevingsvergunning|bouwvergunning|ruimtelijke ordening", re.I),
        "Vergunningen horen bij de omgevingsdienst van uw gemeente.",
    ),
)


def referral_for(question: str) -> str | None:
    """The pointer sentence for a question outside Team Veiligheid's work, or ``None`` when unknown."""
    for pattern, text in _REFERRALS:
        if pattern.search(question):
            return text
    return None
