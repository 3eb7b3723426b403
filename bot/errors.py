"""Errors of the bot package (the product's user-facing layer).

    BotError
    ├── EmptyQuestionError   nothing to search for
    ├── ConfigurationError   a setting is missing or wrong for the command at hand
    ├── BatchFileError       ``ask --batch`` got a file it cannot read
    └── UsageProblem         options that do not go together (exit 2, like Click's usage errors)
Index and knowledge errors pass through unchanged; the CLI maps all of them to exit 1.
"""

from __future__ import annotations


class BotError(Exception):
    """Base class for every error the bot package raises on purpose."""


class EmptyQuestionError(BotError):
    """The question is empty after trimming."""


class ConfigurationError(BotError):
    """A required setting is missing or has an unusable value."""


class BatchFileError(BotError):
    """A batch file is missing, unreadable or has a bad line."""


class UsageProblem(BotError):
    """A combination of arguments the command does not accept."""
