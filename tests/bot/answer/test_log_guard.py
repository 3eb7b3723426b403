"""Library log records are redacted, message and traceback; our own loggers are left alone."""

from __future__ import annotations

import logging

import pytest

from bot.answer import log_guard

CASE = "vraag van Lotte Vermeulen, tel 0470 12 34 56, rijksregisternummer 85.07.30-033.28"


def test_a_library_record_and_its_traceback_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    log_guard.install()
    log_guard.install()  # idempotent
    library = logging.getLogger("telegram.ext.Updater")
    try:
        raise ValueError(f"cannot parse update {{'text': {CASE!r}}}")
    except ValueError:
        library.critical("Update %s could not be handled: %r", 77, CASE, exc_info=True)

    record = caplog.records[-1]
    shown = caplog.text
    assert "Vermeulen" not in shown and "0470" not in shown and "033.28" not in shown
    assert "[telefoonnummer]" in record.getMessage() and "ValueError" in shown


def test_records_of_our_own_loggers_are_not_touched(caplog: pytest.LogCaptureFixture) -> None:
    log_guard.install()
    logging.getLogger("bot.telegram.handlers").warning("Update %s: %s", 5, "0470 12 34 56")

    assert caplog.records[-1].getMessage() == "Update 5: 0470 12 34 56"
