"""What the bot asked of the fake Bot API, kept so tests can assert on it.

Why a log with ``wait_for`` instead of sleeps: the bot answers from its own tasks (polling,
the update queue, jobs), so a test cannot know when a reply has been sent. Waiting on the log
wakes the test on the very call it expects and fails with the list of calls that did arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

CallCondition = Callable[[Sequence["RecordedCall"]], bool]
_TEXT_METHODS = ("sendmessage", "editmessagetext")


@dataclass(frozen=True)
class RecordedCall:
    """One request to the fake, with the answer it got.

    ``time`` is ``time.monotonic()`` at arrival; ``status`` is the HTTP status sent back
    (0 when the connection was dropped); ``fault`` names the injected fault, if any
    (``"429"``, ``"500"``, ``"drop"``, ``"blocked"``, ...); ``delay`` the injected delay.
    """

    method: str
    params: dict[str, Any]
    time: float
    status: int = 200
    fault: str | None = None
    result: Any = None
    description: str | None = None
    delay: float = 0.0
    token: str = field(default="", repr=False)

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ``"ok": true``."""
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        """The target chat, with numeric strings read as ids like Telegram does."""
        return normalize_chat_id(self.params.get("chat_id"))


def normalize_chat_id(value: Any) -> int | str | None:
    """Read ``"-100123"`` and ``-100123`` as the same chat; keep ``@username`` strings."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value if isinstance(value, int | str) else None


class CallLog:
    """Append-only record of calls with an awaitable condition on it."""

    def __init__(self) -> None:
        self._calls: list[RecordedCall] = []
        self._changed = asyncio.Event()

    def record(self, call: RecordedCall) -> None:
        """Store ``call`` and wake every ``wait_for`` so it re-checks its condition."""
        self._calls.append(call)
        self._changed.set()
        self._changed = asyncio.Event()

    def clear(self) -> None:
        """Forget earlier calls, e.g. the start-up calls before the part a test is about."""
        self._calls.clear()

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """All calls, or those of one method (Bot API method names are case-insensitive)."""
        if method is None:
            return list(self._calls)
        wanted = method.lower()
        return [call for call in self._calls if call.method.lower() == wanted]

    def sent_messages(self, chat_id: int | str | None = None) -> list[str]:
        """Texts the user saw: successful sendMessage/editMessageText, in order, raw as sent."""
        wanted = normalize_chat_id(chat_id)
        return [
            str(call.params.get("text", ""))
            for call in self._calls
            if call.ok and call.method.lower() in _TEXT_METHODS and (wanted is None or call.chat_id == wanted)
        ]

    async def wait_for(
        self, condition: str | CallCondition, count: int = 1, *, timeout: float = 5.0
    ) -> list[RecordedCall]:
        """Wait until ``condition`` holds; return the matching calls (or all, for a predicate).

        ``condition`` is a method name (wait for ``count`` calls of it, failed ones included)
        or a predicate over all recorded calls. Raises ``AssertionError`` listing what was
        recorded when ``timeout`` seconds pass first.
        """
        method = condition if isinstance(condition, str) else None
        check: CallCondition = (
            condition if not isinstance(condition, str) else lambda calls: len(self.calls(method)) >= count
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not check(self._calls):
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = ", ".join(f"{c.method}:{c.status}" for c in self._calls) or "nothing"
                raise AssertionError(f"wait_for({condition!r}, count={count}) timed out; recorded: {seen}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return self.calls(method)
