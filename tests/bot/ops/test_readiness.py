"""Readiness: each failed check is a named reason; Telegram must have answered within the window."""

from __future__ import annotations

from bot.ops import Readiness


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_nothing_registered_is_not_ready() -> None:
    report = Readiness().report()
    assert not report.ready and report.reasons


def test_reasons_name_the_failed_checks_and_an_exception_counts_as_failed() -> None:
    readiness = Readiness()
    readiness.add("index", lambda: None)
    readiness.add("database", lambda: (_ for _ in ()).throw(ConnectionError("refused")))
    report = readiness.report()
    assert not report.ready
    assert report.reasons == {"database": "ConnectionError: refused"}
    assert report.to_json() == {"ready": False, "reasons": {"database": "ConnectionError: refused"}}


def test_telegram_must_have_answered_within_the_window() -> None:
    clock = Clock()
    readiness = Readiness(telegram_window_s=60, clock=clock)
    readiness.add("telegram", readiness.telegram_check)
    assert not readiness.report().ready
    readiness.telegram_answered()
    clock.now += 59
    assert readiness.report().ready
    clock.now += 2
    report = readiness.report()
    assert not report.ready and "61 s ago" in report.reasons["telegram"]
