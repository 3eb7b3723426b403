"""Cheap, explainable intent checks that run before (or instead of) retrieval.

A greeting must not cost an encoder call, and "ik wil een mens spreken" must never be
answered with a passage: those are decided here with patterns that staff can read.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"


_GREETING = re.compile(
    r"^(?:hallo|hoi|hey|hi|dag|goeiedag|goedendag|goedemorgen|goeiemorgen|goedemiddag|goedenavond|"
    r"beste|hello|yo|salut|bonjour)\b[\s!.,]*(?:daar|allemaal|bot|vraagbaak|vvsg)?[\s!.,]*$",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"^(?:(?:heel\s+)?(?:erg\s+)?(?:bedankt|dank\s*(?:u|je|jullie)(?:\s+wel)?|merci|thanks|thx|top|super|"
    r"perfect|ok[eé]?(?:\s+bedankt)?|prima|fijn|dankjewel|dankuwel|dank)[\s!.,]*(?:hoor|voor\s+de\s+hulp|"
    r"voor\s+het\s+antwoord|veel\s+keer|daarvoor)?[\s!.,👍🙏]*)+$",
    re.IGNORECASE,
)
_GOODBYE = re.compile(r"^(?:tot\s+(?:ziens|later|straks)|doei|dag\s+dag|salu|ciao|bye)[\s!.,]*$", re.IGNORECASE)
_PERSON_REQUEST = re.compile(
    r"echte?\s+(?:persoon|mens|medewerker)|geen\s+(?:bot|robot|computer)|"
    r"\b(?:een\s+)?mens\s+(?:spreken|aan\s+de\s+lijn)|"
    r"\biemand\s+(?:van\s+(?:jullie|de\s+vvsg|vvsg|team\s+veiligheid)\s+)?(?:spreken|bellen|contacteren)|"
    r"\biemand\s+(?:van\s+(?:jullie|de\s+vvsg|vvsg|team\s+veiligheid)\s+)?(?:mij|me|ons)?\s*(?:terug)?bel|"
    r"\b(?:kan|kunnen|wil|zou)\b[^.?!]{0,40}\bcontact\s+(?:met\s+(?:mij|me|ons)\s+)?opnemen|"
    r"\bcontact\s+opnemen\s+met\s+(?:mij|me|ons|onze)\b|"
    r"\b(?:mij|me|ons)\s+(?:terug)?bell?en\b|\bterugbel|\bdoorverbind|"
    r"\bmedewerker\b[^.?!]{0,60}\b(?:spreken|bellen|contact|terugbel|doorverbind|helpen)|"
    r"\b(?:spreken|bellen)\s+met\s+(?:een\s+)?(?:medewerker|persoon|mens)|"
    r"^/?mens\b|^(?:een\s+)?medewerker(?:\s+(?:aub|alstublieft|graag|a\.u\.b\.))?[\s.!]*$|"
    r"\bgeef\b[^.?!]{0,30}\bdoor\s+(?:aan|naar)\s+(?:een\s+)?(?:medewerker|mens|collega)|"
    r"\bstuur\b[^.?!]{0,30}\bdoor\s+naar\s+(?:een\s+)?(?:medewerker|mens)|"
    r"\b(?:klacht|klachten)\s+(?:indienen|neerleggen|over\s+(?:deze|de)\s+(?:bot|chatbot))|"
    r"\b(?:human|real\s+person|someone|somebody|a\s+person|staff\s+member|colleague)\b[^.?!]{0,30}"
    r"\b(?:please|call|talk|speak|review|contact)\b|\bhuman\s+please\b|\bcall\s+me(?:\s+back)?\b|"
    r"\b(?:talk|speak)\s+(?:to|with)\s+(?:a\s+)?(?:human|person|someone|staff)|\bfile\s+a\s+complaint\b|"
    r"\bparler\s+(?:à|avec)\s+(?:un|une|quelqu)|\brappele[rz]?[- ]moi\b|\bun\s+humain\b|"
    r"\bdéposer\s+(?:une\s+)?plainte\b|"
    r"\b(?:zou|kan|kunnen|wil|mag)\s+(?:er\s+)?iemand\b[^.?!]{0,60}\b(?:nakijken|meekijken|bekijken|nalezen|"
    r"reviewen|beoordelen|langskomen|komen|sturen|uitleggen|briefen|toelichten)\b|"
    r"\biemand\s+(?:sturen|langssturen|laten\s+langskomen)\b|\b(?:kunnen|kan)\s+jullie\s+iemand\b|"
    r"\bafspraak\s+(?:maken|vastleggen|inplannen|met\s+(?:iemand|een\s+medewerker|jullie))|"
    r"\bafspraak\b[^.?!]{0,40}\bvastgelegd\b|\b(?:teams|video|zoom)-?(?:call|gesprek)\b|"
    r"\b(?:mij|me|ons)\b[^.?!]{0,40}\b(?:telefoon|telefonisch|opbellen|bellen|mailen)\b|"
    r"\b(?:telefonisch|per telefoon|via de telefoon)\b[^.?!]{0,30}\b(?:mij|me|ons)\b|"
    r"\bdoorverwijzen\b|\b(?:kunnen|kan|kunt)\s+(?:jullie|u|iemand)\s+(?:ons\s+|mij\s+|me\s+)?bevestigen\b|\b(?:nakijken|rechtzetten|corrigeren)\b[^.?!]{0,30}\b(?:medewerker|iemand)\b|"
    r"\b(?:medewerker|iemand|collega|mens|jurist|expert)\b[^.?!]{0,40}\b(?:nakijken|rechtzetten|corrigeren|"
    r"nakijkt|corrigeert|bekijken|beoordelen)\b",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"^(?:en|maar|ook|dus|of|en\s+wat|wat\s+als|wat\s+met|hoe\s+zit\s+het\s+met|geldt\s+dat|"
    r"is\s+dat|en\s+voor|en\s+bij|en\s+als|en\s+hoe|en\s+wie|en\s+wanneer|waarom)\b",
    re.IGNORECASE,
)


_YES = re.compile(
    r"^(?:j|ja+|jawel|ja\s+graag|graag|ok(?:e|ay|é)?|oké|goed|prima|doe\s+maar|zeker|akkoord|y|yes|yes\s+please|"
    r"sure|please|oui|oui\s+merci|d'accord|volontiers)[\s!.,👍]*$",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^(?:n|nee+|neen|nee\s+bedankt|niet\s+nodig|liever\s+niet|no|no\s+thanks|nope|non|non\s+merci)[\s!.,]*$",
    re.IGNORECASE,
)


def consent_of(text: str) -> bool | None:
    """A typed answer to a yes/no prompt (Dutch, English, French); ``None`` when it is neither."""
    text = normalise(text)
    if _YES.match(text):
        return True
    if _NO.match(text):
        return False
    return None


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def small_talk(text: str) -> SmallTalk | None:
    """Greetings, thanks and goodbyes get a short friendly reply instead of a retrieval."""
    text = normalise(text)
    if _GREETING.match(text):
        return SmallTalk.GREETING
    if _THANKS.match(text):
        return SmallTalk.THANKS
    if _GOODBYE.match(text):
        return SmallTalk.GOODBYE
    return None


def asks_for_person(text: str) -> bool:
    """The official wants a human: never answer that with a passage."""
    return bool(_PERSON_REQUEST.search(normalise(text)))


def letter_count(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def too_short(text: str) -> bool:
    """Empty, emoji-only or two-character messages get a hint, not a search."""
    return letter_count(text) <= 2


def looks_like_follow_up(text: str) -> bool:
    """Short questions that lean on the previous one ("en voor kleinere gemeenten?")."""
    text = normalise(text)
    return len(text.split()) <= 7 and bool(_FOLLOW_UP.match(text))
