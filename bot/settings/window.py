"""When pushed messages may go out: ``VRAAGBAAK_DIGEST_WINDOW``.

Syntax: ``always`` (send at once), or ``DAYS HH:MM-HH:MM [ZONE]`` where DAYS is ``weekdays``,
``daily``, or English day abbreviations and ranges (``mon-fri``, ``mon,wed,fri``) and ZONE an
IANA time zone (default Europe/Brussels). The default, ``weekdays 09:00-17:00
Europe/Brussels``, keeps digests out of nights and weekends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DIGEST_WINDOW = "weekdays 09:00-17:00 Europe/Brussels"
DEFAULT_ZONE = "Europe/Brussels"
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAMED = {"weekdays": frozenset(range(5)), "daily": frozenset(range(7)), "everyday": frozenset(range(7))}
_SPEC = re.compile(r"^(?P<days>\S+)\s+(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})(?:\s+(?P<zone>\S+))?$")


@dataclass(frozen=True, slots=True)
class SendWindow:
    """Days of the week (0 = Monday) and a local time span; ``always`` when ``days`` is None."""

    days: frozenset[int] | None
    start: time = time(0)
    end: time = time(23, 59)
    zone: str = DEFAULT_ZONE

    def allows(self, moment: datetime) -> bool:
        """Whether a message may go out at ``moment`` (an aware datetime)."""
        if self.days is None:
            return True
        local = moment.astimezone(ZoneInfo(self.zone))
        return local.weekday() in self.days and self.start <= local.time().replace(tzinfo=None) < self.end

    def local_day(self, moment: datetime) -> date:
        """The calendar day of ``moment`` in the window's zone (one digest per follower per day)."""
        return moment.astimezone(ZoneInfo(self.zone)).date()


def parse_window(spec: str) -> SendWindow:
    """Parse a window; ``ValueError`` quoting ``spec`` when it is not one."""
    text = " ".join(spec.split()).lower() if spec.strip().lower() == "always" else " ".join(spec.split())
    if text == "always":
        return SendWindow(days=None)
    match = _SPEC.match(text)
    if match is None:
        raise ValueError(f"digest window {spec!r}: expected 'always' or 'DAYS HH:MM-HH:MM [ZONE]'")
    start, end = _clock(match["start"], spec), _clock(match["end"], spec)
    if end <= start:
        raise ValueError(f"digest window {spec!r}: the end must come after the start")
    zone = match["zone"] or DEFAULT_ZONE
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"digest window {spec!r}: unknown time zone {zone!r}") from exc
    return SendWindow(_days(match["days"].lower(), spec), start, end, zone)


def _clock(text: str, spec: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours == 24 and minutes == 0:
        return time(23, 59, 59, 999999)
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValueError(f"digest window {spec!r}: {text!r} is not a time of day")
    return time(hours, minutes)


def _days(text: str, spec: str) -> frozenset[int]:
    if text in _NAMED:
        return _NAMED[text]
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        if first not in _DAYS or (last and last not in _DAYS):
            raise ValueError(f"digest window {spec!r}: unknown days {part!r} (use weekdays, daily, mon-fri ...)")
        low, high = _DAYS.index(first), _DAYS.index(last or first)
        days.update(range(low, high + 1) if low <= high else [*range(low, 7), *range(0, high + 1)])
    return frozenset(days)
