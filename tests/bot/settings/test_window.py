"""``VRAAGBAAK_DIGEST_WINDOW``: when pushed messages may go out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.settings.window import parse_window

FRIDAY_10_BRUSSELS = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # 10:00 in Brussels (CET)
FRIDAY_17_30_BRUSSELS = datetime(2026, 12, 4, 16, 30, tzinfo=UTC)
SATURDAY_10_BRUSSELS = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
FRIDAY_08_30_UTC_09_30_BRUSSELS = datetime(2026, 12, 4, 8, 30, tzinfo=UTC)


def test_default_is_weekdays_nine_to_five_in_brussels() -> None:
    window = Settings().send_window  # type: ignore[call-arg]
    assert window.allows(FRIDAY_10_BRUSSELS) and window.allows(FRIDAY_08_30_UTC_09_30_BRUSSELS)
    assert not window.allows(FRIDAY_17_30_BRUSSELS) and not window.allows(SATURDAY_10_BRUSSELS)
    assert window.local_day(datetime(2026, 12, 4, 23, 30, tzinfo=UTC)).isoformat() == "2026-12-05"


def test_always_sends_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VRAAGBAAK_DIGEST_WINDOW", "always")
    window = Settings().send_window  # type: ignore[call-arg]
    assert window.allows(SATURDAY_10_BRUSSELS) and window.allows(FRIDAY_17_30_BRUSSELS)


@pytest.mark.parametrize(
    ("spec", "allowed"),
    [("sat-sun 08:00-12:00", True), ("mon,wed,fri 09:00-10:00 UTC", True), ("daily 11:00-24:00", False)],
)
def test_days_ranges_and_zones(spec: str, allowed: bool) -> None:
    moment = SATURDAY_10_BRUSSELS if spec.startswith("sat") else FRIDAY_10_BRUSSELS
    assert parse_window(spec).allows(moment) is allowed


@pytest.mark.parametrize(
    "spec", ["weekdays", "weekdays 17:00-09:00", "funday 09:00-17:00", "daily 9-17", "daily 09:00-17:00 Mars/Olympus"]
)
def test_a_bad_window_names_itself(spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VRAAGBAAK_DIGEST_WINDOW", spec)
    with pytest.raises(ValidationError, match="digest window"):
        Settings()  # type: ignore[call-arg]
