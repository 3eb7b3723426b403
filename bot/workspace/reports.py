"""The helpdesk's own figures for a year: what the VVSG can put in its annual report as they are.

Years are calendar years in Brussels (``settings.timezone``): a question asked at 00:30 on
1 January, Brussels time, counts for the new year although it is still 31 December in UTC.
The rows come from ``bot.storage.reporting`` in three queries; everything else is counting.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.storage import REMOVED, Decision, HandoverTrigger, Storage, TicketStatus
from bot.storage.reporting import ReportingRepository, ReportRows, TicketRow
from bot.workspace.themes import ThemeCatalog

ENDED = (TicketStatus.CLOSED.value, TicketStatus.WITHDRAWN.value)
GAP_TRIGGERS = (HandoverTrigger.LOW_CONFIDENCE.value, HandoverTrigger.OUT_OF_DOMAIN.value)
GAP_CONFIDENCE = 0.5  # the default answer threshold: below it the bot had no source it trusted
UNRECORDED = "unrecorded"


@dataclass(frozen=True, slots=True)
class YearReport:
    """The figures of one year; ``to_json`` gives the ``/api/report`` object."""

    year: int
    questions: int
    answered_by_bot: int
    escalated: int
    tickets: int
    local_governments: int
    median_first_response_hours: float | None
    p90_first_response_hours: float | None
    within_target: int
    answered_tickets: int
    helpful: int
    not_helpful: int
    by_theme: dict[str, int] = field(default_factory=dict)
    tickets_by_theme: dict[str, int] = field(default_factory=dict)
    by_local_government: dict[str, int] = field(default_factory=dict)
    tickets_by_local_government: dict[str, int] = field(default_factory=dict)
    by_month: list[int] = field(default_factory=list)
    by_trigger: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    unknown_local_government: int = 0
    reopened: int = 0
    content_gaps: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the contract keys first)."""
        return asdict(self)


def year_bounds(year: int, zone: str = "Europe/Brussels") -> tuple[datetime, datetime]:
    """Midnight of 1 January of ``year`` and of the next year, in ``zone``."""
    if not 2000 <= year <= 2200:
        raise ValueError(f"year must be between 2000 and 2200, got {year!r}")
    tz = ZoneInfo(zone)
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def build_report(storage: Storage, year: int, themes: ThemeCatalog, *, zone: str = "Europe/Brussels",
                 response_target_hours: int = 48) -> YearReport:  # fmt: skip
    """The report for ``year`` from the database behind ``storage``."""
    start, end = year_bounds(year, zone)
    months = [datetime(year, month, 1, tzinfo=ZoneInfo(zone)) for month in range(2, 13)]
    rows = ReportingRepository(storage.database).rows(start, end, months)
    return compute(year, rows, themes, response_target_hours)


def compute(year: int, rows: ReportRows, themes: ThemeCatalog, target_hours: int) -> YearReport:
    """Count the figures of ``rows`` (pure: no database)."""
    tickets = rows.tickets
    governments = {name: count for name, count in rows.questions_by_government.items() if name}
    ticket_governments = Counter(t.local_government for t in tickets if t.local_government)
    hours = _response_hours(tickets)
    return YearReport(
        year=year,
        questions=rows.questions,
        answered_by_bot=rows.questions_by_decision.get(Decision.ANSWER.value, 0),
        escalated=rows.questions_by_decision.get(Decision.ESCALATE.value, 0),
        tickets=len(tickets),
        local_governments=len(set(governments) | set(ticket_governments)),
        median_first_response_hours=round(statistics.median(hours), 2) if hours else None,
        p90_first_response_hours=round(_percentile(hours, 0.9), 2) if hours else None,
        within_target=sum(1 for h in hours if h <= target_hours),
        answered_tickets=len(hours),
        helpful=rows.helpful,
        not_helpful=rows.not_helpful,
        by_theme=_sorted(Counter(themes.theme_for(sources) for sources in rows.question_sources)),
        tickets_by_theme=_sorted(Counter(themes.theme_for(t.sources) for t in tickets)),
        by_local_government=_sorted({**dict.fromkeys(ticket_governments, 0), **governments}),
        tickets_by_local_government=_sorted(ticket_governments),
        by_month=rows.questions_by_month,
        by_trigger=_sorted(Counter(t.trigger for t in tickets)),
        by_outcome=_sorted(Counter(_outcome(t) for t in tickets if t.status in ENDED)),
        unknown_local_government=rows.questions_by_government.get(None, 0),
        reopened=sum(
            1 for t in tickets if t.first_staff_at and t.last_official_at and t.last_official_at > t.first_staff_at
        ),
        content_gaps=content_gaps(tickets, themes),
    )


def content_gaps(tickets: list[TicketRow], themes: ThemeCatalog, examples: int = 3) -> list[dict[str, Any]]:
    """Escalated questions the corpus had no good source for, grouped by the theme of what it found.

    A gap is a ticket the bot handed over for low confidence or as out of its domain, with a best
    source scoring under ``GAP_CONFIDENCE``; each group lists its count and a few (redacted) examples.
    """
    groups: dict[str, list[TicketRow]] = {}
    for ticket in tickets:
        weak = ticket.bot_confidence is None or ticket.bot_confidence < GAP_CONFIDENCE
        if ticket.trigger in GAP_TRIGGERS and weak and ticket.question != REMOVED:
            groups.setdefault(themes.theme_for(ticket.sources), []).append(ticket)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [{"theme": theme, "count": len(found), "examples": [t.question[:200] for t in found[-examples:]]}
            for theme, found in ranked]  # fmt: skip


def _outcome(ticket: TicketRow) -> str:
    """How an ended ticket ended; one closed in Telegram has no recorded outcome."""
    if ticket.status == TicketStatus.WITHDRAWN:
        return TicketStatus.WITHDRAWN.value
    return ticket.outcome or UNRECORDED


def _response_hours(tickets: list[TicketRow]) -> list[float]:
    return sorted(
        (t.first_staff_at - t.created_at).total_seconds() / 3600 for t in tickets if t.first_staff_at is not None
    )


def _percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    rank = max(1, round(fraction * len(values) + 0.4999))
    return values[min(rank, len(values)) - 1]


def _sorted(counts: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
