"""Turn retrieved chunks into the text an official reads: an FAQ answer or the best part of a passage.

An FAQ answer is written for officials (in "u") and is shown as it is. From a publication
the best window of units (sentences, list items, table rows; ``bot.answer.sentences``) is
chosen by the terms it shares with the question: list items and table rows keep their own
line, and a window never ends on a heading. For a follow-up ("En voor kleinere gemeenten?")
the follow-up's own words count double, so the answer shows what is new, not the previous
answer again.
"""

from __future__ import annotations

from bot import messages
from bot.answer.language import Language
from bot.answer.results import Source
from bot.answer.sentences import Unit, UnitKind, units
from index import Hit
from index.text_analysis import analyse

PASSAGE_WORDS = 120


def sources_from(hits: list[Hit]) -> list[Source]:
    return [
        Source(
            doc_id=hit.chunk.doc_id,
            chunk_id=hit.chunk.chunk_id,
            title=hit.chunk.title,
            section=hit.chunk.section,
            url=hit.chunk.url,
            score=hit.dense_score,
            published=hit.chunk.published,
            doc_type=hit.chunk.doc_type,
            themes=hit.chunk.themes,
        )
        for hit in hits
    ]


def _weights(pieces: list[Unit], question: str, follow_up: str) -> list[float]:
    terms = set(analyse(question))
    own = set(analyse(follow_up))
    weights = []
    for piece in pieces:
        words = set(analyse(piece.text))
        weights.append(len(words & terms) + 2.0 * len(words & own) if piece.kind is not UnitKind.HEADING else 0.0)
    return weights


def _window(pieces: list[Unit], weights: list[float], max_words: int) -> tuple[int, int]:
    """[start, end) of the run of units, about ``max_words`` long, that scores best (nearer units count more)."""
    best, best_score = (0, 1), -1.0
    for start in range(len(pieces)):
        words, score, end = 0, 0.0, start
        while end < len(pieces) and (words < max_words or end == start):
            words += len(pieces[end].text.split())
            score += weights[end] / (1 + 0.1 * (end - start))
            end += 1
        if score > best_score:
            best, best_score = (start, end), score
    start, end = best
    while end - start > 1 and pieces[end - 1].kind is UnitKind.HEADING:
        end -= 1  # never end on a heading
    return start, end


def render_units(pieces: list[Unit]) -> str:
    """Sentences of one paragraph on one line; items and rows each on their own; paragraphs apart."""
    lines: list[str] = []
    previous: Unit | None = None
    for piece in pieces:
        if previous is None:
            lines.append(piece.text)
        elif piece.paragraph != previous.paragraph and not (piece.own_line and previous.own_line):
            lines.extend(["", piece.text])
        elif piece.own_line or previous.own_line:
            lines.append(piece.text)
        else:
            lines[-1] = f"{lines[-1]} {piece.text}"
        previous = piece
    return "\n".join(lines).strip()


def best_passage(text: str, question: str, *, follow_up: str = "", max_words: int = PASSAGE_WORDS) -> str:
    """The best run of whole units of ``text`` for the question, with "…" where it starts mid-text."""
    pieces = units(text)
    if not pieces:
        return ""
    start, end = _window(pieces, _weights(pieces, question, follow_up), max_words)
    chosen = pieces[start:end]
    if chosen and chosen[0].kind is UnitKind.HEADING and len(chosen) > 1:
        chosen = chosen[1:]  # a heading opening the excerpt repeats the section shown with the source
    body = render_units(chosen)
    return f"… {body}" if start > 0 and pieces[start - 1].kind is not UnitKind.HEADING else body


def answer_text(question: str, hits: list[Hit], *, follow_up: str = "", language: Language = Language.DUTCH) -> str:
    """For an FAQ match the FAQ answer itself; for a publication the most relevant passage.

    For an English or French question the Dutch text is introduced by one line in the
    official's language saying that the sources are in Dutch.
    """
    top = hits[0].chunk
    if top.faq_answer and not follow_up:
        body = top.faq_answer.strip()
    elif top.faq_answer:
        body = best_passage(top.faq_answer, question, follow_up=follow_up)
    else:
        intro = messages.localized("ANSWER_FROM_PASSAGE_INTRO", language)
        body = f"{intro}\n\n{best_passage(top.text, question, follow_up=follow_up)}"
    if language is not Language.DUTCH:
        body = f"{messages.localized('SOURCES_IN_DUTCH', language)}\n\n{body}"
    return body
