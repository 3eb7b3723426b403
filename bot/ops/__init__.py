"""Operations: logs, metrics and readiness, framework-free, at the bottom of the layer contract.

logs       ``setup_logging`` (level, timestamps, optional JSON lines) and quiet libraries
metrics    the Prometheus registry (``vraagbaak_*``) and small ``record_*`` functions
readiness  ``Readiness``: named checks behind ``/readyz``
errors     ``OpsError`` and its tree
memory     ``release_large_buffers``: glibc hands freed large buffers back (a reindex's peak)
Every layer may record metrics; the HTTP side that serves them lives in ``bot.telegram.server``.
"""

from bot.ops.errors import BadLogLevel, OpsError
from bot.ops.logs import apply_settings, parse_level, quiet_libraries, setup_logging
from bot.ops.memory import release_large_buffers
from bot.ops.metrics import (
    record_escalation,
    record_index,
    record_question,
    record_queue,
    record_reindex,
    record_relay,
    render,
)
from bot.ops.readiness import Readiness, ReadinessReport

__all__ = [
    "BadLogLevel",
    "OpsError",
    "Readiness",
    "ReadinessReport",
    "apply_settings",
    "parse_level",
    "quiet_libraries",
    "record_escalation",
    "record_index",
    "record_question",
    "record_queue",
    "record_reindex",
    "record_relay",
    "release_large_buffers",
    "render",
    "setup_logging",
]
