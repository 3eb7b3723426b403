"""Configuration read once, passed down: ``Settings`` and the knowledge sources it names.

core     ``Settings``: environment (``VRAAGBAAK_*``), then ``vraagbaak.toml``, then defaults
sources  the ``[[sources]]`` entries of the TOML file (folders, websites)
"""

from bot.settings.core import DEFAULT_TELEGRAM_BASE_URL, Settings, shipped_corpus
from bot.settings.sources import FolderSourceSettings, SourceSettings, WebsiteSourceSettings, check_sources

__all__ = [
    "DEFAULT_TELEGRAM_BASE_URL",
    "FolderSourceSettings",
    "Settings",
    "SourceSettings",
    "WebsiteSourceSettings",
    "check_sources",
    "shipped_corpus",
]
