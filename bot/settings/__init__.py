"""Configuration read once, passed down: ``Settings`` and the knowledge sources it names.

core     ``Settings``: environment (``VRAAGBAAK_*``), then ``vraagbaak.toml``, then defaults
sources  the ``[[sources]]`` entries of the TOML file (folders, websites)
retention how long each class of data is kept (``Retention``), for the purge and /privacy
"""

from bot.settings.core import DEFAULT_TELEGRAM_BASE_URL, Settings, shipped_corpus
from bot.settings.retention import Retention
from bot.settings.sources import FolderSourceSettings, SourceSettings, WebsiteSourceSettings, check_sources

__all__ = [
    "DEFAULT_TELEGRAM_BASE_URL",
    "FolderSourceSettings",
    "Retention",
    "Settings",
    "SourceSettings",
    "WebsiteSourceSettings",
    "check_sources",
    "shipped_corpus",
]
