"""Yearly figures from the real tables, on SQLite and PostgreSQL; Brussels calendar years."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.queue import Actor, StaffQueue
from bot.storage import Decision, Storage
from bot.workspace import ThemeCatalog, build_report, year_bounds
from knowledge import DEFAULT_CORPUS
from tests.bot.storage.conftest import FakeClock
from tests.support.workspace import SOURCES, answer_ticket, seed_ticket

THEMES = ThemeCatalog.from_knowledge_dir(DEFAULT_CORPUS)


def test_theme_is_the_best_ranked_faq_source() -> None:
    assert THEMES.theme_for(["publicaties/x.md", "faq/livcr-werking.yaml#livcr-werking-001"]) == \
        "Opstart en werking van een LIVC R"  # fmt: skip
    assert THEMES.theme_for(["faq/beroepsgeheim-en-privacy.yaml#a", "faq/livcr-basis.yaml#b"]).startswith("Beroeps")
    assert THEMES.theme_for(["publicaties/x.md", "staff-faq/vraag-1-faq-1.yaml#t"]) == "Overig"
    assert len(THEMES.names) == 9 and THEMES.names[-1] == "Overig"


def test_year_bounds_are_brussels_midnight() -> None:
    start, end = year_bounds(2026)
    assert start.astimezone(UTC) == datetime(2025, 12, 31, 23, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)


def _ask(
    storage: Storage, user: int, decision: Decision, source: str = "livcr", government: str | None = "Genk"
) -> int:
    official = storage.officials.upsert_official(user, f"Ambtenaar {user}")
    if government:
        storage.officials.set_local_government(user, government)
    question = storage.conversation.record_question(official.id, user, "Een vraag")
    answer = storage.conversation.record_answer(question, decision, 0.8, "Antwoord", [SOURCES[source]])
    return answer


def test_report_counts_questions_tickets_governments_themes_and_response_time(
    storage: Storage, queue: StaffQueue, clock: FakeClock
) -> None:
    clock.now = datetime(2025, 12, 31, 22, 30, tzinfo=UTC)  # 23:30 in Brussels: still 2025
    _ask(storage, 1, Decision.ANSWER)
    clock.now = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Brussels: 2026
    liked = _ask(storage, 2, Decision.ANSWER, "secret", "Gent")
    storage.conversation.record_feedback(liked, storage.officials.get(2).id, True)  # type: ignore[union-attr]
    _ask(storage, 3, Decision.ANSWER, "online", None)
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    first = seed_ticket(queue, 4, "Vraag A", government="Leuven")  # also a question (escalated)
    clock.advance(hours=2)
    answer_ticket(queue, first.id, "Antwoord A")
    clock.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    second = seed_ticket(queue, 5, "Vraag B", government="Genk", source="online")
    clock.advance(hours=10)
    answer_ticket(queue, second.id, "Antwoord B")
    clock.advance(hours=1)
    storage.relays.record_official_reply(second.id, second.official_id, "Nog een vraag daarover", [])  # reopens
    clock.advance(hours=30)
    answer_ticket(queue, second.id, "Nog een antwoord")  # only the first answer counts
    seed_ticket(queue, 6, "Vraag C", government=None)  # no staff answer yet
    queue.staff.close(second.id, Actor(None, "Sara"))  # closed in Telegram: no outcome recorded

    report = build_report(storage, 2026, THEMES)
    data = report.to_json()

    assert (data["year"], data["questions"], data["answered_by_bot"], data["escalated"]) == (2026, 5, 2, 3)
    assert data["tickets"] == 3 and data["local_governments"] == 3
    assert data["by_local_government"] == {"Genk": 1, "Gent": 1, "Leuven": 1}
    assert data["median_first_response_hours"] == 6.0 and data["p90_first_response_hours"] == 10.0
    assert data["by_theme"]["Opstart en werking van een LIVC R"] == 2
    assert data["by_theme"]["Polarisatie, desinformatie en online haat"] == 2
    assert data["tickets_by_theme"] == {"Opstart en werking van een LIVC R": 2,
                                        "Polarisatie, desinformatie en online haat": 1}  # fmt: skip
    assert data["by_month"][0] == 2 and data["by_month"][2] == 3
    assert (data["helpful"], data["not_helpful"], data["unknown_local_government"]) == (1, 0, 2)
    assert data["by_outcome"] == {"unrecorded": 1} and data["reopened"] == 1
    assert data["content_gaps"] == [
        {"theme": "Opstart en werking van een LIVC R", "count": 2, "examples": ["Vraag A", "Vraag C"]},
        {"theme": "Polarisatie, desinformatie en online haat", "count": 1, "examples": ["Vraag B"]},
    ]
    assert build_report(storage, 2025, THEMES).questions == 1
