"""Library log records pass the personal-data guard before any handler sees them.

Our own log lines never carry message text (STYLE.md, habit 14), but libraries do: PTB logs a
failing update with its whole payload, an HTTP error may quote a request body, a traceback may
hold a question. ``install`` wraps the log-record factory once per process so that every record
of a library logger (anything outside ``bot.``, ``index.`` and ``knowledge.``) is redacted, its
message and its traceback, whatever handler (console, file, pytest's caplog) receives it. Only
records that pass the level check are built, so quiet library loggers cost nothing here.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from bot.answer.privacy import redact

OWN_LOGGERS = ("bot.", "index.", "knowledge.", "bot", "index", "knowledge")
_lock = threading.Lock()
_installed = False


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Replace the record's message (and traceback text) by their redacted forms."""
    try:
        message = record.getMessage()
    except Exception:  # a library's bad format string: keep only what is safe
        message = str(record.msg)
    record.msg, record.args = redact(message).text, ()
    if record.exc_info and record.exc_info[1] is not None:
        text = "".join(traceback.format_exception(*record.exc_info))
        record.exc_text = redact(text).text.rstrip("\n")
        record.exc_info = None
    return record


def install() -> None:
    """Redact every library log record from now on (idempotent, thread-safe)."""
    global _installed
    with _lock:
        if _installed:
            return
        previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            if record.name.startswith(OWN_LOGGERS[:3]) or record.name in OWN_LOGGERS[3:]:
                return record
            return redact_record(record)

        logging.setLogRecordFactory(factory)
        _installed = True
