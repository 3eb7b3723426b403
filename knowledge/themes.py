"""The themes officials can follow, and the labels a document gets from its own text.

The list mirrors the VVSG corpus itself: one theme per FAQ category (``faq/<slug>.yaml``,
whose ``theme:`` line names it) and the publication tags that go with it. Slugs are a
contract (``vraagbaak themes list --json``, front matter ``themes: [slug, ...]``, stored
follows): never rename one; add a theme instead.

Where a document says nothing, ``index.themes`` labels it at index time with the theme
whose labelled chunks lie nearest in embedding space. This module only knows what the
sources say themselves:

- Markdown front matter ``themes: [slug, ...]`` (unknown slugs are dropped; an operator
  sees them in ``unknown_slugs``);
- an FAQ entry: its file's stem (``faq/livcr-werking.yaml``) or its ``theme:`` text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    """One followable theme: a stable ``slug`` and the Dutch ``name`` officials see."""

    slug: str
    name: str
    faq_files: tuple[str, ...] = ()


THEMES: tuple[Theme, ...] = (
    Theme("livcr-werking", "LIVC R-werking", ("livcr-basis", "livcr-werking")),
    Theme("beroepsgeheim-en-privacy", "Beroepsgeheim en privacy", ("beroepsgeheim-en-privacy",)),
    Theme("polarisatie-en-online-haat", "Polarisatie en online haat", ("polarisatie-en-online-haat",)),
    Theme("signalen-en-casussen", "Signalen en casussen", ("signalen-en-casussen",)),
    Theme("beleid-en-financiering", "Beleid en financiering", ("beleid-en-financiering",)),
    Theme("vvsg-ondersteuning", "VVSG-ondersteuning", ("vvsg-ondersteuning", "over-de-helpdesk")),
)

BY_SLUG: dict[str, Theme] = {theme.slug: theme for theme in THEMES}

# The words of an FAQ ``theme:`` line that point at one theme, for FAQ files named otherwise.
_THEME_WORDS: tuple[tuple[str, str], ...] = (
    ("beroepsgeheim", "beroepsgeheim-en-privacy"),
    ("privacy", "beroepsgeheim-en-privacy"),
    ("polarisatie", "polarisatie-en-online-haat"),
    ("online haat", "polarisatie-en-online-haat"),
    ("signalen", "signalen-en-casussen"),
    ("casus", "signalen-en-casussen"),
    ("financiering", "beleid-en-financiering"),
    ("beleid", "beleid-en-financiering"),
    ("ondersteuning", "vvsg-ondersteuning"),
    ("helpdesk", "vvsg-ondersteuning"),
    ("livc", "livcr-werking"),
)
_FAQ_STEM = re.compile(r"(?:^|/)([^/#]+)\.ya?ml#")


def theme_name(slug: str) -> str:
    """The Dutch name of ``slug``; the slug itself for one this version does not know."""
    theme = BY_SLUG.get(slug)
    return theme.name if theme else slug


def known_slugs(values: Iterable[str]) -> tuple[str, ...]:
    """The known slugs among ``values``, in list order, without duplicates."""
    wanted = {value.strip().lower() for value in values}
    return tuple(theme.slug for theme in THEMES if theme.slug in wanted)


def unknown_slugs(values: Iterable[str]) -> list[str]:
    """What in ``values`` is not a theme slug (for a warning to the operator)."""
    return [value for value in values if value.strip().lower() not in BY_SLUG]


def faq_themes(doc_id: str, theme_line: str) -> tuple[str, ...]:
    """The theme of an FAQ entry: by its file's stem, else by the words of its ``theme:`` line."""
    match = _FAQ_STEM.search(doc_id)
    stem = match.group(1) if match else ""
    for theme in THEMES:
        if stem in theme.faq_files:
            return (theme.slug,)
    lowered = theme_line.lower()
    for word, slug in _THEME_WORDS:
        if word in lowered:
            return (slug,)
    return ()
