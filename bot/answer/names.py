"""Find people's names in an official's text, with or without context around them.

Three kinds of evidence, weakest first:

* **lists**: a first name or surname from ``data/first_names.txt`` / ``data/surnames.txt``
  (common in Flanders and Brussels, written by hand, lower case). A run of capitalised words
  holding one of them is a name ("Lotte Vermeulen", "Ömer Yılmaz", "PEETERS Jan"); in lower
  case both parts must be listed ("jan janssens", "mohamed el amrani"), because "jan" alone
  may be January. A listed first name standing alone in mid-sentence counts too ("..., zegt Karim").
* **cues**: a title or a relation before a capitalised word ("mevrouw De Smet", "mijn buurman
  Karel", "van het CAW Sofie") makes that word a name, listed or not.
* **public figures**: ministers officials quote ("Wat zei Jan Jambon over ...") are kept
  (``data/public_figures.txt``).
* **case context**: beside a birth date, an address or an age any run of two capitalised words
  is a name (the caller says so with ``context=True``).

Place names and organisations are in ``NOT_NAMES`` so that "Team Veiligheid" or "Grote Markt"
are never taken for people; the false-redaction rate on the evaluation questions is measured in
``tests/bot/answer/test_guard_quality.py``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

Span = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARTICLES = _words("van de der den el al ben da di le la ter ten vande vanden von du des bin abu ould")
# Capitalised words that start sentences or name things, never people.
NOT_NAMES = _words(
    """
    LIVC VVSG CAW OCMW OCMW's JAC CLB CGG VDAB IRIS GAS PZ HYCA OCAM CUTA FOD BIN CIC
    Team Veiligheid Vlaamse Vlaams Vlaanderen Grondwettelijk Hof Belgisch Belgische Staatsblad
    Lokale Lokaal Integrale Integraal Veiligheidscel Veiligheidscellen Taskforce Commissie
    Wat Hoe Wie Waar Wanneer Waarom Welke Welk Mag Moet Kan Kunnen Is Zijn Heeft Hebben Onze Ons Mijn
    Wij We Ik De Het Een Graag Dag Beste Hallo Goedemorgen Goedemiddag Bedankt Dank Sinds Volgens
    Binnen Bij In Op Voor Na Met Over Staat Wordt Zit Zitten Mogen Moeten Vindt Weet Krijgt Gaat
    Komt Doet Heb Ben Dit Die Deze Dat Er Hier Daar Als Of En Maar Ook Nog Zo Toch Wel Niet Geen
    Grote Kleine Oude Nieuwe Markt Sint Sint-Niklaas Brussel Antwerpen Gent Leuven Mechelen Brugge
    Hasselt Genk Kortrijk Oostende Aalst Vilvoorde Limburg Oost-Vlaanderen West-Vlaanderen
    Vlaams-Brabant Wallonië Nederland Frankrijk Syrië Irak Turkije Marokko Europa Europese Unie
    Strafwetboek Wetboek Omzendbrief Decreet Wet Artikel Politie Parket Justitie Burgemeester
    Schepen Schepencollege Gemeenteraad Agentschap Opgroeien Minister Federale Regering Dienst
    Preventie Radicalisering Polarisering Beroepsgeheim Gedeeld Informatie Casus Overleg
    Monsieur Madame Mevrouw Meneer Mijnheer Dhr Mevr Mr Mw Dr Mrs Ms Mme
    """
)
_TITLES = (
    r"(?:meneer|mijnheer|mevrouw|juffrouw|dhr\.?|mevr\.?|mw\.?|mr\.?|dr\.?|monsieur|madame|mme\.?|mlle\.?|"
    r"mister|mrs\.?|ms\.?)"
)
_RELATIONS = (
    r"(?:buurman|buurvrouw|buurjongen|buurmeisje|buren|zoon|dochter|broer|zus|zuster|neef|nicht|"
    r"vader|moeder|stiefvader|stiefmoeder|oom|tante|leerling|leerlinge|student|studente|cliënt|client|"
    r"klant|collega|jongere|jongen|meisje|man|vrouw|partner|vriend|vriendin|bewoner|bewoonster|"
    r"inwoner|inwoonster|consulent|begeleider|begeleidster|hulpverlener|medewerker|medewerkster|"
    r"agent|wijkagent|coach|jeugdwerker|straathoekwerker|leraar|lerares|juf|meester|directeur)"
)
_ORGS = r"(?:CAW|OCMW|JAC|CLB|CGG|VDAB|politie|jeugddienst|school|moskee|vzw)"
# What may follow a cue word before the name: "mijn buurman, Karel", "mevrouw De Smet", "genaamd Jan".
_CUE = re.compile(
    rf"(?:\b{_TITLES}\s+|\b(?:mijn|onze|ons|zijn|haar|hun|de|het|een|die|deze)\s+{_RELATIONS}\s*,?\s+|"
    rf"\b(?:genaamd|heet|named|called|nommée?|dénommée?|alias)\s+|\b(?:van|bij|uit)\s+(?:het|de)\s+{_ORGS}\s*,?\s+)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-][^\W\d_])*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")


@cache
def first_names() -> frozenset[str]:
    return _load("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _load("surnames.txt")


@cache
def public_figures() -> frozenset[str]:
    return _load("public_figures.txt")


def _load(name: str) -> frozenset[str]:
    text = resources.files("bot.answer").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in NOT_NAMES and word.rstrip("'s") not in NOT_NAMES


def _listed_first(word: str) -> bool:
    return word.lower() in first_names()


def _listed_surname(words: list[str]) -> bool:
    return " ".join(words).lower() in surnames() or (bool(words) and words[-1].lower() in surnames())


def name_spans(text: str, *, context: bool = False) -> list[Span]:
    """Spans of names in ``text``; ``context`` (a birth date, address or age nearby) widens the net."""
    words = list(_WORD.finditer(text))
    spans: list[Span] = []
    spans += _runs(text, words, context)
    spans += _lower_case_names(text, words)
    spans += _cued(text)
    return [span for span in spans if text[span[0] : span[1]].lower() not in public_figures()]


def _runs(text: str, words: list[re.Match[str]], context: bool) -> list[Span]:
    """Runs of capitalised words (particles inside) that hold a listed name, or any run in context."""
    spans: list[Span] = []
    index = 0
    while index < len(words):
        if not _capitalised(words[index].group(0)):
            index += 1
            continue
        run = [words[index]]
        cursor = index + 1
        while cursor < len(words) and text[run[-1].end() : words[cursor].start()].strip() == "":
            word = words[cursor].group(0)
            if _capitalised(word) or (word.lower() in PARTICLES and cursor + 1 < len(words)):
                run.append(words[cursor])
                cursor += 1
                continue
            break
        while run and run[-1].group(0).lower() in PARTICLES:
            run.pop()
        spans += _judge(text, run, context)
        index = max(cursor, index + 1)
    return spans


def _judge(text: str, run: list[re.Match[str]], context: bool) -> list[Span]:
    names = [match.group(0) for match in run]
    capitals = [name for name in names if name[:1].isupper()]
    listed = any(_listed_first(name) for name in names) or _listed_surname(names)
    listed = listed or any(name.isupper() and name.lower() in surnames() for name in names)
    if len(capitals) >= 2 and (listed or context):
        return [(run[0].start(), run[-1].end())]
    single = len(names) == 1 and len(names[0]) > 2 and names[0][0].isupper()
    if single and (_listed_first(names[0]) or names[0].lower() in surnames()):
        starts_sentence = _SENTENCE_END.search(text[: run[0].start()]) is not None
        if not starts_sentence:
            return [run[0].span()]
    return []


def _lower_case_names(text: str, words: list[re.Match[str]]) -> list[Span]:
    """ "jan janssens", "mohamed el amrani": a listed first name followed by a listed surname."""
    spans: list[Span] = []
    for index, match in enumerate(words[:-1]):
        if not _listed_first(match.group(0)):
            continue
        for length in (3, 2, 1):
            tail = words[index + 1 : index + 1 + length]
            if len(tail) == length and " ".join(w.group(0) for w in tail).lower() in surnames():
                spans.append((match.start(), tail[-1].end()))
                break
    return spans


def _cued(text: str) -> list[Span]:
    """A capitalised word (and what belongs to it) right after a title, relation or organisation."""
    spans: list[Span] = []
    for cue in _CUE.finditer(text):
        rest = text[cue.end() :]
        taken = re.match(r"(?:(?:[^\W\d_][\w'’-]*[.,]?)(?:\s+|$)){1,4}", rest)
        if taken is None:
            continue
        parts = taken.group(0).split()
        kept: list[str] = []
        for part in parts:
            bare = part.rstrip(".,")
            particle = bare.lower() in PARTICLES and len(kept) < 3
            if not (particle or (bare[:1].isupper() and bare not in NOT_NAMES)):
                break
            kept.append(part)
            if part.endswith(","):
                break
        while kept and kept[-1].lower() in PARTICLES:
            kept.pop()
        if kept:
            length = len(" ".join(kept).rstrip(",")) if len(kept) > 1 else len(kept[0].rstrip(","))
            start = cue.end()
            spans.append((start, start + _span_length(rest, kept, length)))
    return spans


def _span_length(rest: str, kept: list[str], fallback: int) -> int:
    """Length in ``rest`` covering the kept words with the whitespace between them."""
    position = 0
    for part in kept:
        found = rest.find(part.rstrip(","), position)
        if found < 0:
            return fallback
        position = found + len(part.rstrip(","))
    return position
