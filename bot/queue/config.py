"""The few settings the staff queue reads, taken once from ``Settings``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.settings import Retention, Settings


@dataclass(frozen=True, slots=True)
class QueueConfig:
    """Where staff work, what is promised to officials, how long data is kept."""

    staff_chat_id: int | None
    staff_user_ids: frozenset[int]
    response_target_hours: int
    retention: Retention
    staff_faq_dir: Path
    zone: ZoneInfo

    def __post_init__(self) -> None:
        if self.response_target_hours < 1:
            raise ValueError(f"response_target_hours must be >= 1, got {self.response_target_hours!r}")

    @property
    def retention_days(self) -> int:
        """Days a ticket is kept (``Retention.tickets_days``)."""
        return self.retention.tickets_days

    @classmethod
    def from_settings(cls, settings: Settings) -> QueueConfig:
        return cls(
            staff_chat_id=settings.staff_chat_id,
            staff_user_ids=frozenset(settings.staff_user_ids),
            response_target_hours=settings.response_target_hours,
            retention=Retention.from_settings(settings),
            staff_faq_dir=settings.staff_faq_dir,
            zone=ZoneInfo(settings.timezone),
        )

    @property
    def response_target(self) -> timedelta:
        return timedelta(hours=self.response_target_hours)
