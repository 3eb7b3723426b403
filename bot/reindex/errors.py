"""Errors of a reindex run.

    BotError (bot.errors)
    └── ReindexError
        └── NothingToIndex   no source yielded a readable document: nothing is published

A source that fails as a whole raises ``knowledge.KnowledgeError``, which passes through; the CLI
maps all of these to one line and exit status 1.
"""

from __future__ import annotations

from bot.errors import BotError


class ReindexError(BotError):
    """Base class for errors a reindex raises on purpose."""


class NothingToIndex(ReindexError):
    """The sources are empty or every file in them failed: publishing would serve nothing."""
