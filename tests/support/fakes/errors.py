"""Errors the fake Bot API answers with, shaped like Telegram's own.

Exception tree::

    Exception
     └── BotApiError      an error response: HTTP status, description, optional parameters

Why one class: Telegram answers every failure with the same JSON envelope
(``{"ok": false, "error_code": ..., "description": ...}``) and PTB maps it to its own
exceptions by HTTP status and ``parameters``; the fake only has to produce that envelope.
"""

from __future__ import annotations

from typing import Any


class BotApiError(Exception):
    """An error answer of the Bot API; raised by method implementations, sent as JSON."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON envelope Telegram sends, so PTB parses it exactly as in production."""
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> BotApiError:
    """A 400 with Telegram's ``Bad Request:`` prefix, which PTB surfaces as ``BadRequest``."""
    return BotApiError(400, f"Bad Request: {reason}")
