"""The console chat: the officials' conversation at a terminal, escalating to the real local queue."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot import messages
from bot.answer.assistant import Assistant
from bot.chat import ConversationService
from bot.cli.chat import ConsoleChat
from bot.queue import QueueHandover, StaffQueue
from bot.settings import Settings
from bot.storage import Storage

pytestmark = pytest.mark.model


@pytest.fixture
def storage(make_settings: Callable[..., Settings]) -> Iterator[Storage]:
    opened = Storage.open(make_settings().resolved_database_url)
    opened.database.upgrade()
    yield opened
    opened.database.dispose()


def chat(assistant: Assistant, storage: Storage, lines: list[str]) -> tuple[ConsoleChat, list[str]]:
    settings = Settings()
    handover = QueueHandover(StaffQueue.over(storage, settings).officials, ask_local_government=False)
    written: list[str] = []
    script = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(script)
        except StopIteration:
            raise EOFError from None

    return ConsoleChat(ConversationService(assistant, storage), handover, read=read, write=written.append), written


def test_answers_then_a_person_request_opens_a_ticket(assistant: Assistant, storage: Storage) -> None:
    console, written = chat(assistant, storage, ["Wie zit er minimaal in een LIVC R?", "/mens"])
    console.run()
    assert any("Bronnen:" in text for text in written)
    tickets = storage.tickets.list_open()
    assert len(tickets) == 1
    assert any(f"nr. {tickets[0].id}" in text for text in written)
    assert written[-1] == messages.CHAT_BYE


def test_a_typed_yes_at_the_prompt_passes_the_question_on(assistant: Assistant, storage: Storage) -> None:
    question = "Hoe organiseren we de veiligheid op de kerstmarkt met extra stewards?"
    console, _ = chat(assistant, storage, [question, "ja graag"])
    console.run()
    tickets = storage.tickets.list_open()
    assert [ticket.question_text for ticket in tickets] == [question]


def test_stop_at_the_prompt_stops_without_passing_on(assistant: Assistant, storage: Storage) -> None:
    console, written = chat(assistant, storage, ["Hoe organiseren we de veiligheid op de kerstmarkt?", "/stop", "nog"])
    console.run()
    assert storage.tickets.list_open() == []
    assert written[-1] == messages.CHAT_BYE
