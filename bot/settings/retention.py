"""How long each class of data is kept: one frozen view of the settings, read by the purge and /privacy.

The privacy statement's retention table is generated from this object (``bot.telegram.privacy_notice``)
and the purge job (``bot.queue.upkeep``) deletes by it, so the promise and the code cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.settings.core import Settings


@dataclass(frozen=True, slots=True)
class Retention:
    """Days kept per data class; ``log_dir`` is where the bot's own log files are."""

    questions_days: int  # questions and answers never handed over to staff
    tickets_days: int  # handed-over questions, their messages and their outbox rows
    audit_days: int  # the audit trail
    logs_days: int  # log files in ``log_dir``
    log_dir: Path | None = None

    def __post_init__(self) -> None:
        for name in ("questions_days", "tickets_days", "audit_days", "logs_days"):
            value = getattr(self, name)
            if value < 1:
                raise ValueError(f"{name} must be >= 1, got {value!r}")

    @classmethod
    def from_settings(cls, settings: Settings) -> Retention:
        return cls(
            questions_days=settings.retention_questions_days,
            tickets_days=settings.retention_days,
            audit_days=settings.retention_audit_days,
            logs_days=settings.retention_logs_days,
            log_dir=settings.log_dir,
        )
