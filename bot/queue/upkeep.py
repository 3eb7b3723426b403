"""Scheduled care of the queue: reminders, reposting lost posts, and the retention purge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from bot import messages
from bot.queue.config import QueueConfig
from bot.queue.models import UpkeepReport
from bot.queue.notices import Notices
from bot.queue.render import age
from bot.storage import Storage, utcnow

logger = logging.getLogger(__name__)


class Upkeep:
    """Work for JobQueue jobs; each method is safe to run again (outbox keys are idempotent)."""

    def __init__(self, storage: Storage, config: QueueConfig, notices: Notices) -> None:
        self._storage = storage
        self._config = config
        self._notices = notices

    def remind(self, now: datetime | None = None) -> UpkeepReport:
        """Remind staff of tickets waiting longer than the target; repost tickets that have no post."""
        now = now or utcnow()
        tickets = self._storage.tickets
        overdue = tickets.overdue(self._config.response_target, now=now)
        for ticket in overdue:
            holder = (messages.STAFF_ASSIGNED.format(name=ticket.assignee_name) if ticket.assignee_name
                      else messages.STAFF_UNASSIGNED)  # fmt: skip
            text = messages.STAFF_REMINDER.format(
                ticket_id=ticket.id, age=age(now - ticket.created_at),
                target=self._config.response_target_hours, assignee=holder,
            )  # fmt: skip
            self._notices.to_staff(ticket.id, text, f"remind:{ticket.id}:{now:%Y%m%d%H%M}")
            tickets.mark_reminded(ticket.id, at=now)
        reposted = 0
        for ticket in tickets.list_open():
            if ticket.staff_message_id is None and not ticket.anonymised:
                self._notices.post(ticket, self._storage.officials.get_by_id(ticket.official_id))
                self._storage.outbox.revive(f"post:{ticket.id}")  # given up earlier: try again, until it is there
                reposted += 1
        if overdue:
            logger.info("Reminded staff of %s overdue tickets", len(overdue))
        return UpkeepReport(reminded=len(overdue), reposted=reposted)

    def purge(self, now: datetime | None = None) -> UpkeepReport:
        """Apply the retention of each data class (``Retention``); rows and counts stay, texts go.

        Questions never handed over go after ``questions_days``; tickets, their questions and
        delivered messages after ``tickets_days``; audit entries after ``audit_days``; log
        files in ``log_dir`` after ``logs_days``.
        """
        now = now or utcnow()
        keep = self._config.retention
        conversation = self._storage.conversation
        tickets = self._storage.tickets.anonymise_older_than(keep.tickets_days, now=now)
        questions = conversation.anonymise_older_than(keep.questions_days, now=now, handed_over=False)
        questions += conversation.anonymise_older_than(keep.tickets_days, now=now, handed_over=True)
        purged = self._storage.outbox.purge_sent_older_than(keep.tickets_days, now=now)
        audit = self._storage.audit.purge_older_than(keep.audit_days, now=now)
        logs = remove_old_logs(keep.log_dir, keep.logs_days, now) if keep.log_dir is not None else 0
        if tickets or questions or purged or audit or logs:
            logger.info("Retention: %s tickets and %s questions anonymised, %s sent messages, %s audit entries "
                        "and %s log files removed", tickets, questions, purged, audit, logs)  # fmt: skip
        return UpkeepReport(anonymised_tickets=tickets, anonymised_questions=questions, purged_outbox=purged,
                            purged_audit=audit, removed_log_files=logs)  # fmt: skip


def remove_old_logs(directory: Path, days: int, now: datetime) -> int:
    """Delete log files (``*.log``, rotated ``*.log.*``) last written more than ``days`` ago."""
    cutoff = (now - timedelta(days=days)).timestamp()
    removed = 0
    for path in directory.glob("*.log*") if directory.is_dir() else ():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
