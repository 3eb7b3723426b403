"""A theme for every question and ticket, from the corpus's own FAQ categories.

Each ``faq/*.yaml`` of the knowledge root names its ``theme``. A question's theme is the
theme of the best-ranked FAQ file among its sources (the bot's best source when that is an
FAQ entry, else the nearest FAQ further down); without any FAQ source it is "Overig".
``ThemeCatalog.theme_for`` is the one function reports and the inbox call, so the
derivation can be switched later (for example to ``knowledge.themes``) in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.workspace import messages

logger = logging.getLogger(__name__)


class ThemeCatalog:
    """FAQ file doc id -> theme name, read once from the knowledge root."""

    def __init__(self, themes: dict[str, str]) -> None:
        self._themes = dict(themes)

    @classmethod
    def from_knowledge_dir(cls, root: Path) -> ThemeCatalog:
        """Read the ``theme`` of every ``faq/*.yaml`` under ``root`` (unreadable files are skipped)."""
        themes: dict[str, str] = {}
        for path in sorted((root / "faq").glob("*.yaml")):
            try:
                document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                logger.warning("Cannot read the theme of %s: %s", path, exc)
                continue
            theme = document.get("theme") if isinstance(document, dict) else None
            if isinstance(theme, str) and theme.strip():
                themes[f"faq/{path.name}"] = theme.strip()
        return cls(themes)

    @property
    def names(self) -> list[str]:
        """Every theme, sorted, then "Overig"."""
        return [*sorted(set(self._themes.values())), messages.OTHER_THEME]

    def theme_for(self, doc_ids: Iterable[str]) -> str:
        """The theme of the best-ranked FAQ source, else "Overig"."""
        for doc_id in doc_ids:
            theme = self._themes.get(doc_id.split("#", 1)[0])
            if theme is not None:
                return theme
        return messages.OTHER_THEME
