"""Which failed Bot API calls may still have reached Telegram, and where a blind resend is not allowed.

A call that got an HTTP answer (an error status) was not taken; one that failed before its
request went out (no connection, no free connection in the pool) was not sent. A call whose
request went out and then got no answer (read timeout, connection dropped) may have been
delivered. ``RetryingRateLimiter`` resends network failures on its own; the outbox pump runs
its sends inside ``no_blind_resend()``, so such a failure comes back to the pump instead, which
flags the row ``possible_repeat`` and resends it with a line saying so (``bot.queue.repeats``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx
from telegram.error import BadRequest, NetworkError

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NO_BLIND_RESEND: ContextVar[bool] = ContextVar("no_blind_resend", default=False)


def maybe_delivered(exc: BaseException) -> bool:
    """Whether a failed call may have reached Telegram: the request went out, no answer came."""
    if not isinstance(exc, NetworkError) or isinstance(exc, BadRequest):
        return False
    cause = exc.__cause__  # PTB raises from httpx's error; an HTTP error status has none
    return cause is not None and not isinstance(cause, _NOT_SENT)


def blind_resend_allowed() -> bool:
    """False inside ``no_blind_resend()``: the caller resends itself, and says so."""
    return not _NO_BLIND_RESEND.get()


@contextmanager
def no_blind_resend() -> Iterator[None]:
    """Calls made in this block are not resent by the limiter when they may have been delivered."""
    token = _NO_BLIND_RESEND.set(True)
    try:
        yield
    finally:
        _NO_BLIND_RESEND.reset(token)
