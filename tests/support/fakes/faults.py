"""Scripted and random failures of the fake Bot API.

Why: the bot's retry, back-off and "user blocked us" paths only run when Telegram misbehaves.
A plan of faults makes those paths reachable on demand in tests (``fail_next``,
``drop_next``, ``block_chat``) and at a steady, seeded rate in benchmarks (``fail_rate``).
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from http import HTTPStatus
from typing import Any

from tests.support.fakes.errors import BotApiError
from tests.support.fakes.recording import normalize_chat_id

_CHAT_DELIVERY = ("send", "edit", "copymessage", "forwardmessage")


def is_send_method(method: str) -> bool:
    """Methods that put something in a chat: the ones rate limits and blocks apply to."""
    return method.lower().startswith(_CHAT_DELIVERY)


class FaultKind(Enum):
    """How the fake misbehaves: an error answer, or no answer at all."""

    ERROR = "error"
    DROP = "drop"


@dataclass(frozen=True)
class Fault:
    """One injected failure; ``label`` is what ``RecordedCall.fault`` shows."""

    kind: FaultKind
    label: str
    error: BotApiError | None = None


def error_fault(status: int, *, retry_after: int | None = None, description: str | None = None) -> Fault:
    """A Telegram-shaped error; 429 gets Telegram's ``retry after N`` wording and parameter."""
    if description is None:
        if status == 429:
            description = f"Too Many Requests: retry after {retry_after or 0}"
        else:
            description = HTTPStatus(status).phrase
    parameters = {"retry_after": retry_after} if retry_after else None
    return Fault(FaultKind.ERROR, str(status), BotApiError(status, description, parameters))


class FaultPlan:
    """Which upcoming calls fail, how, and how slowly the fake answers."""

    def __init__(self) -> None:
        self._scripted: dict[str, deque[Fault]] = {}
        self._delays: dict[str, tuple[float, int | None]] = {}
        self._blocked: set[int | str] = set()
        self._rate: tuple[float, random.Random, Callable[[str], bool], int] | None = None

    def fail_next(
        self,
        method: str,
        times: int = 1,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` get an error (queued after earlier scripts)."""
        fault = error_fault(status, retry_after=retry_after if status == 429 else None, description=description)
        self._scripted.setdefault(method.lower(), deque()).extend([fault] * times)

    def drop_next(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` get their connection closed, no response."""
        self._scripted.setdefault(method.lower(), deque()).extend([Fault(FaultKind.DROP, "drop")] * times)

    def delay(self, method: str, seconds: float, *, times: int | None = None) -> None:
        """Answer ``method`` ``seconds`` late, for ``times`` calls (``None``: until cleared)."""
        self._delays[method.lower()] = (seconds, times)

    def block_chat(self, chat_id: int | str) -> None:
        """Sends to ``chat_id`` fail with 403, as when the user blocked the bot."""
        self._blocked.add(normalize_chat_id(chat_id) or chat_id)

    def unblock_chat(self, chat_id: int | str) -> None:
        """Undo ``block_chat``."""
        self._blocked.discard(normalize_chat_id(chat_id) or chat_id)

    def fail_rate(
        self,
        p: float,
        seed: int = 0,
        *,
        methods: Iterable[str] | None = None,
        retry_after: int = 1,
    ) -> None:
        """Fail a seeded fraction ``p`` of send calls, half with 500 and half with 429.

        ``methods`` restricts it to those names; by default every send/edit/copy/forward call.
        ``p=0`` switches it off.
        """
        if not 0 <= p <= 1:
            raise ValueError(f"fail_rate p must be within [0, 1], got {p!r}")
        names = {m.lower() for m in methods} if methods is not None else None
        applies: Callable[[str], bool] = (lambda m: m.lower() in names) if names is not None else is_send_method
        self._rate = (p, random.Random(seed), applies, retry_after) if p else None

    def clear(self) -> None:
        """Remove every scripted fault, delay, block and rate."""
        self._scripted.clear()
        self._delays.clear()
        self._blocked.clear()
        self._rate = None

    def delay_for(self, method: str) -> float:
        """Seconds to hold this call back; counts down a limited delay."""
        key = method.lower()
        if key not in self._delays:
            return 0.0
        seconds, times = self._delays[key]
        if times is not None:
            if times <= 1:
                del self._delays[key]
            else:
                self._delays[key] = (seconds, times - 1)
        return seconds

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """The fault for this call, if any: scripted first, then a blocked chat, then the rate."""
        scripted = self._scripted.get(method.lower())
        if scripted:
            return scripted.popleft()
        if is_send_method(method) and normalize_chat_id(params.get("chat_id")) in self._blocked:
            chat_id = normalize_chat_id(params.get("chat_id"))
            reason = (
                "bot was kicked from the supergroup chat"
                if isinstance(chat_id, int) and chat_id < 0
                else ("bot was blocked by the user")
            )
            return Fault(FaultKind.ERROR, "blocked", BotApiError(403, f"Forbidden: {reason}"))
        if self._rate is not None:
            p, rng, applies, retry_after = self._rate
            if applies(method) and rng.random() < p:
                return error_fault(429, retry_after=retry_after) if rng.random() < 0.5 else error_fault(500)
        return None
