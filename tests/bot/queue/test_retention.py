"""Retention per data class, proven with a moved clock; /privacy states the same periods.

The purge runs with ``now`` moved past each period in turn, on SQLite and PostgreSQL: questions
never handed over go first, tickets (and their questions) later, audit entries and log files by
their own settings. The /privacy text is generated from the same settings.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from bot.queue import StaffQueue
from bot.settings import Retention, Settings
from bot.storage import REMOVED, HandoverTrigger, Storage, utcnow
from bot.storage.models import Question
from bot.telegram.privacy_notice import load_privacy_notice
from knowledge import DEFAULT_CORPUS
from tests.support.fakes import html_to_text

from .conftest import OFFICIAL


def _settings(queue_settings: Settings, log_dir: Path) -> Settings:
    return queue_settings.model_copy(
        update={"retention_questions_days": 90, "retention_days": 365, "retention_audit_days": 200,
                "retention_logs_days": 30, "log_dir": log_dir}
    )  # fmt: skip


def test_each_data_class_is_purged_after_its_own_period(
    storage: Storage, queue_settings: Settings, tmp_path: Path
) -> None:
    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    settings = _settings(queue_settings, log_dir)
    queue = StaffQueue.over(storage, settings)
    official = storage.officials.upsert_official(OFFICIAL, "An")
    conversation = storage.conversation
    plain = conversation.record_question(official.id, OFFICIAL, "Wat is een LIVC R?")
    handed = conversation.record_question(official.id, OFFICIAL, "Casus over [naam], wat nu?")
    ticket = storage.tickets.create_ticket(official.id, OFFICIAL, "Casus over [naam], wat nu?",
                                           HandoverTrigger.CASE_QUESTION, question_id=handed)  # fmt: skip
    storage.audit.record(701, "Sara", "ticket.claimed", ticket.id)
    start = utcnow()
    old_log, fresh_log = log_dir / "vraagbaak.log.2026-01-01", log_dir / "vraagbaak.log"
    for path in (old_log, fresh_log):
        path.write_text("log\n", encoding="utf-8")
    for path, age in ((old_log, -31), (fresh_log, 80)):  # days after start it was last written
        moment = (start + timedelta(days=age)).timestamp()
        os.utime(path, (moment, moment))

    at_91 = queue.upkeep.purge(start + timedelta(days=91))
    texts_91 = _question_texts(storage, plain, handed)
    logs_91 = (old_log.exists(), fresh_log.exists())
    at_201 = queue.upkeep.purge(start + timedelta(days=201))
    at_366 = queue.upkeep.purge(start + timedelta(days=366))

    assert texts_91 == (REMOVED, "Casus over [naam], wat nu?")  # not handed over: gone after 90 days
    assert at_91.anonymised_questions == 1 and at_91.anonymised_tickets == 0 and at_91.purged_audit == 0
    assert at_91.removed_log_files == 1 and logs_91 == (False, True)
    assert at_201.purged_audit == 1 and at_201.anonymised_tickets == 0
    assert at_366.anonymised_tickets == 1 and at_366.anonymised_questions == 1
    assert _question_texts(storage, plain, handed) == (REMOVED, REMOVED)
    kept = storage.tickets.get_ticket(ticket.id)
    assert kept is not None and kept.question_text == REMOVED  # the row stays for statistics


def _question_texts(storage: Storage, *ids: int) -> tuple[str, ...]:
    with storage.database.session() as session:
        return tuple(session.get(Question, question_id).text_redacted for question_id in ids)  # type: ignore[union-attr]


def test_privacy_notice_states_the_configured_periods(queue_settings: Settings, tmp_path: Path) -> None:
    settings = _settings(queue_settings, tmp_path).model_copy(
        update={"retention_questions_days": 45, "retention_logs_days": 7}
    )

    text = html_to_text("".join(load_privacy_notice(DEFAULT_CORPUS, Retention.from_settings(settings))))

    assert "Gesprekken zonder doorverwijzing: 45 dagen" in text
    assert "Technische logbestanden: 7 dagen" in text
    assert "Vragen doorgegeven aan een medewerker: 365 dagen" in text
    assert "90 dagen" not in text and "30 dagen" not in text  # the file's own figures are not shown
