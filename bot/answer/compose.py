"""Turn retrieved chunks into the text an official reads: an FAQ answer or a trimmed passage."""

from __future__ import annotations

import re

from bot import messages
from bot.answer.results import Source
from index import Hit
from index.text_analysis import analyse

PASSAGE_WORDS = 120
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý\"'(])")


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


def _sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences.extend(part for part in _SENTENCE_END.split(paragraph) if part)
    return sentences


def best_passage(text: str, question: str, *, max_words: int = PASSAGE_WORDS) -> str:
    """The window of whole sentences, about ``max_words`` long, that shares most terms with the question."""
    sentences = _sentences(text)
    if not sentences:
        return ""
    terms = set(analyse(question))
    weights = [len(terms & set(analyse(sentence))) for sentence in sentences]
    best_start, best_score = 0, -1.0
    for start in range(len(sentences)):
        words, score = 0, 0.0
        for offset, sentence in enumerate(sentences[start:]):
            words += len(sentence.split())
            score += weights[start + offset] / (1 + 0.1 * offset)
            if words >= max_words:
                break
        if score > best_score:
            best_start, best_score = start, score
    chosen: list[str] = []
    words = 0
    for sentence in sentences[best_start:]:
        if chosen and words + len(sentence.split()) > max_words * 1.15:
            break
        chosen.append(sentence)
        words += len(sentence.split())
    passage = " ".join(chosen)
    tokens = passage.split()
    if len(tokens) > max_words * 1.3:
        passage = " ".join(tokens[:max_words]) + " …"
    prefix = "… " if best_start > 0 else ""
    return prefix + passage


def answer_text(question: str, hits: list[Hit]) -> str:
    """For an FAQ match the FAQ answer itself; for a publication the most relevant passage."""
    top = hits[0].chunk
    if top.faq_answer:
        return top.faq_answer.strip()
    passage = best_passage(top.text, question)
    return f"{messages.ANSWER_FROM_PASSAGE_INTRO}\n\n{passage}"
