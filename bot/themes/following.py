"""Following themes: the choices with their state, toggling one, listing, stopping all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.storage import Database
from bot.storage.follows import FollowRepository
from bot.themes.errors import UnknownTheme
from knowledge.themes import BY_SLUG, THEMES, Theme


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    """A theme as one button under /volg."""

    slug: str
    name: str
    following: bool


class FollowService:
    """What /volg, /volgend and /stopvolgen do; counts for staff, never names."""

    def __init__(self, follows: FollowRepository) -> None:
        self._follows = follows

    @classmethod
    def over(cls, database: Database) -> FollowService:
        return cls(FollowRepository(database))

    def choices(self, chat_id: int) -> list[ThemeChoice]:
        followed = set(self._follows.follows(chat_id))
        return [ThemeChoice(theme.slug, theme.name, theme.slug in followed) for theme in THEMES]

    def toggle(self, chat_id: int, slug: str) -> tuple[Theme, bool]:
        """Follow ``slug`` or stop following it; the theme and whether it is followed now."""
        theme = BY_SLUG.get(slug)
        if theme is None:
            raise UnknownTheme(slug)
        return theme, self._follows.toggle(chat_id, slug)

    def following(self, chat_id: int) -> list[Theme]:
        followed = set(self._follows.follows(chat_id))
        return [theme for theme in THEMES if theme.slug in followed]

    def stop(self, chat_id: int) -> int:
        """Stop every follow; how many there were."""
        return self._follows.unfollow_all(chat_id)

    def offer_for(self, chat_id: int, sources: Sequence[Mapping[str, Any]]) -> Theme | None:
        """The theme of a helpful answer's best source to offer following, once per official; None: no offer."""
        slugs = [slug for source in sources[:1] for slug in source.get("themes") or ()]
        theme = BY_SLUG.get(slugs[0]) if slugs else None
        if theme is None or theme.slug in self._follows.follows(chat_id):
            return None
        return theme if self._follows.offer_once(chat_id, theme.slug) else None

    def counts(self) -> dict[str, int]:
        """Followers per theme slug, every theme listed."""
        found = self._follows.follower_counts()
        return {theme.slug: found.get(theme.slug, 0) for theme in THEMES}
