"""Helpers for the workspace tests, the browser tests, the screenshots and the report benchmark.

``seed_ticket`` makes what the bot makes when an official escalates (question, the bot's
attempt, a ticket); ``fast_accounts`` hashes with tiny argon2 parameters so logins cost
microseconds in tests (production keeps argon2-cffi's defaults).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select

from bot.queue import Actor, BotAttempt, StaffQueue
from bot.storage import Decision, HandoverTrigger, Storage, TicketRecord
from bot.storage.models import OutboxMessage
from bot.workspace import Accounts, LoginThrottle

PASSWORD = "correct horse battery staple"
SOURCES = {
    "livcr": {"doc_id": "faq/livcr-werking.yaml#livcr-werking-002", "chunk_id": "c1",
              "title": "Wie zit er in een LIVC R?", "section": None, "url": None, "score": 0.44},
    "secret": {"doc_id": "faq/beroepsgeheim-en-privacy.yaml#beroepsgeheim-001", "chunk_id": "c2",
               "title": "Gedeeld beroepsgeheim", "section": None, "url": None, "score": 0.38},
    "online": {"doc_id": "faq/polarisatie-en-online-haat.yaml#online-haat-003", "chunk_id": "c3",
               "title": "Online haat melden", "section": None, "url": None, "score": 0.35},
}  # fmt: skip
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def fast_accounts(storage: Storage, throttle: LoginThrottle | None = None) -> Accounts:
    return Accounts(storage, hasher=PasswordHasher(time_cost=1, memory_cost=64, parallelism=1), throttle=throttle)


def seed_ticket(
    queue: StaffQueue,
    telegram_user_id: int,
    question: str,
    *,
    government: str | None = "Genk",
    source: str = "livcr",
    trigger: HandoverTrigger = HandoverTrigger.LOW_CONFIDENCE,
) -> TicketRecord:
    """An official's question the bot escalated, as the bot stores it."""
    storage = queue.storage
    official = storage.officials.upsert_official(telegram_user_id, f"Ambtenaar {telegram_user_id}")
    if government is not None:
        storage.officials.set_local_government(telegram_user_id, government)
    question_id = storage.conversation.record_question(official.id, telegram_user_id, question)
    sources: list[dict[str, Any]] = [SOURCES[source]]
    storage.conversation.record_answer(question_id, Decision.ESCALATE, 0.21, "Zal ik uw vraag doorgeven?", sources)
    attempt = BotAttempt("Zal ik uw vraag doorgeven?", tuple(sources), 0.21, question_id)
    return queue.officials.escalate(official.id, telegram_user_id, telegram_user_id, question, trigger, attempt,
                                    ask_local_government=False).ticket  # fmt: skip


def answer_ticket(queue: StaffQueue, ticket_id: int, text: str, name: str = "Sara") -> None:
    """Staff answered (and confirmed the redacted version, should the answer name a third person)."""
    queue.staff.answer(ticket_id, Actor(None, name), text, redacted_ok=True)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def outbox_rows(storage: Storage) -> list[tuple[int, str, int, str]]:
    """Every outbox row as (id, kind, chat id, text), in order."""
    with storage.database.session() as session:
        rows = session.execute(select(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.chat_id, OutboxMessage.text)
                               .order_by(OutboxMessage.id))  # fmt: skip
        return [(row[0], str(row[1]), int(row[2]), str(row[3])) for row in rows]
