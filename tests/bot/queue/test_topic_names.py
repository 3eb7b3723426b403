"""A forum topic's name: the ticket number and a few redacted words, never an identifier."""

from __future__ import annotations

from bot.queue.render import TOPIC_QUESTION_WORDS, topic_name
from bot.storage import HandoverTrigger, Storage
from tests.support.leak import LEAK_CORPUS, leaked

from .conftest import OFFICIAL


def test_topic_names_hold_a_few_redacted_words_even_from_an_unredacted_text(storage: Storage) -> None:
    official = storage.officials.upsert_official(OFFICIAL, "An")
    for row in LEAK_CORPUS[:40]:  # as if a raw text had reached the ticket: the name is guarded anyway
        ticket = storage.tickets.create_ticket(official.id, OFFICIAL, row["text"], HandoverTrigger.CASE_QUESTION)

        name = topic_name(ticket)

        assert name.startswith(f"Vraag {ticket.id}: ")
        assert len(name.split(": ", 1)[1].split()) <= TOPIC_QUESTION_WORDS
        assert leaked(row["identifiers"], name) == []
