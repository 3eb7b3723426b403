"""Announcements: staff tell the followers of some themes (or all followers) about an event.

Pushed at once (staff choose the moment), through the outbox, within the weekly cap, never
to a chat that blocked the bot; with ``rsvp`` the message carries "ik kom" / "interesse"
buttons, and staff read the responses as counts and a list for the event's organisers.
Followers only: nobody gets an announcement without having opted in to a theme.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from bot.storage import Database
from bot.storage.follows import FollowRepository, Push, ResponseRecord
from bot.storage.types import Clock, utcnow
from bot.themes.errors import EmptyAnnouncement, UnknownAnnouncement, UnknownTheme
from bot.themes.render import render_announcement, rsvp_markup
from knowledge.themes import BY_SLUG

logger = logging.getLogger(__name__)

RESPONSES = ("kom", "interesse")
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Announced:
    announcement_id: int
    queued: int
    skipped_cap: int


@dataclass(frozen=True, slots=True)
class AnnouncementReport:
    announcement_id: int
    text: str
    counts: dict[str, int]
    responses: list[ResponseRecord]


class AnnouncementService:
    """Create and push announcements; record and report responses."""

    def __init__(self, follows: FollowRepository, *, cap_per_week: int, clock: Clock = utcnow) -> None:
        self._follows = follows
        self._cap = cap_per_week
        self._clock = clock

    @classmethod
    def over(cls, database: Database, *, cap_per_week: int) -> AnnouncementService:
        return cls(FollowRepository(database), cap_per_week=cap_per_week)

    def announce(self, text: str, themes: list[str], *, rsvp: bool, created_by: str | None = None) -> Announced:
        """Store and queue an announcement for the followers of ``themes`` (all followers when empty)."""
        if not text.strip():
            raise EmptyAnnouncement()
        for slug in themes:
            if slug not in BY_SLUG:
                raise UnknownTheme(slug)
        announcement_id = self._follows.create_announcement(text.strip(), themes, rsvp=rsvp, created_by=created_by)
        recipients = sorted(self._follows.followers(themes or None))
        pushed = self._follows.pushes_since(self._clock() - WEEK)
        allowed = [chat for chat in recipients if pushed.get(chat, 0) < self._cap]
        body, markup = render_announcement(text.strip()), rsvp_markup(announcement_id) if rsvp else None
        queued = self._follows.queue_pushes(
            Push(chat, body, f"announcement:{announcement_id}:{chat}", "announcement", markup) for chat in allowed
        )
        logger.info("Announcement %s queued for %d followers (%d over the weekly cap)", announcement_id, queued,
                    len(recipients) - len(allowed))  # fmt: skip
        return Announced(announcement_id, queued, len(recipients) - len(allowed))

    def respond(self, announcement_id: int, chat_id: int, response: str, display_name: str) -> None:
        """An official pressed "ik kom" or "interesse"."""
        if response not in RESPONSES:
            raise ValueError(f"response must be one of {RESPONSES}, got {response!r}")
        if self._follows.announcement(announcement_id) is None:
            raise UnknownAnnouncement(announcement_id)
        self._follows.respond(announcement_id, chat_id, response, display_name)

    def report(self, announcement_id: int) -> AnnouncementReport:
        """Counts per response and the list staff may export for the organisers."""
        announcement = self._follows.announcement(announcement_id)
        if announcement is None:
            raise UnknownAnnouncement(announcement_id)
        responses = self._follows.responses(announcement_id)
        counts = Counter(response.response for response in responses)
        return AnnouncementReport(announcement_id, announcement.text, {key: counts.get(key, 0) for key in RESPONSES},
                                  responses)  # fmt: skip
