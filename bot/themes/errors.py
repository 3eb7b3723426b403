"""Errors of the themes package.

ThemesError
├── UnknownTheme          a slug that is not in knowledge.themes
├── UnknownDigest         no digest with that number
├── UnknownAnnouncement   no announcement with that number
└── EmptyAnnouncement     an announcement without text
"""

from __future__ import annotations

from bot.errors import BotError


class ThemesError(BotError):
    """Base of what the themes services refuse; the CLI prints its message on one line."""


class UnknownTheme(ThemesError):
    def __init__(self, slug: str) -> None:
        super().__init__(f"unknown theme {slug!r} (see 'vraagbaak themes list')")
        self.slug = slug


class UnknownDigest(ThemesError):
    def __init__(self, digest_id: int) -> None:
        super().__init__(f"no digest {digest_id}")


class UnknownAnnouncement(ThemesError):
    def __init__(self, announcement_id: int) -> None:
        super().__init__(f"no announcement {announcement_id}")


class EmptyAnnouncement(ThemesError):
    def __init__(self) -> None:
        super().__init__("the announcement text is empty")


class UnknownSurvey(ThemesError):
    def __init__(self, survey_id: int) -> None:
        super().__init__(f"no survey {survey_id}")


class BadSurvey(ThemesError):
    """A survey that cannot be created as given."""
