"""Logging for operators: one handler on stderr, timestamps, optional JSON lines, quiet libraries.

Set up once, by the entry point (``bot.cli.app.main``). Business events are one INFO line each
(ready, question answered or escalated, ticket created, relay delivered, index published);
libraries are held at WARNING because their lines are noise to an operator (the transformers
load report, bm25s's per-build DEBUG lines, progress bars in a log file) or worse, carry
secrets or message text (httpx's request lines hold the bot token, PTB's DEBUG lines whole
updates, SQLAlchemy's INFO lines statement parameters).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import IO

from pythonjsonlogger.json import JsonFormatter

from bot.ops.errors import BadLogLevel

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Loggers kept at WARNING or above whatever the chosen level (see the module docstring).
QUIET_LIBRARIES = ("httpx", "httpcore", "telegram", "apscheduler", "sqlalchemy.engine", "transformers",
                   "sentence_transformers", "bm25s", "faiss", "urllib3", "filelock", "uvicorn.access",
                   "huggingface_hub", "torch", "onnxruntime", "alembic.runtime.migration")  # fmt: skip
_HANDLER_NAME = "vraagbaak"


def parse_level(name: str) -> int:
    """The ``logging`` level of ``name`` (any case); ``BadLogLevel`` names the bad value."""
    upper = name.strip().upper()
    if upper not in LEVELS:
        raise BadLogLevel(f"log_level {name!r} is not one of {', '.join(LEVELS)}")
    return int(logging.getLevelName(upper))


def setup_logging(level: str = "INFO", *, json_lines: bool = False, stream: IO[str] | None = None) -> None:
    """Route every log line to ``stream`` (stderr) at ``level``; idempotent (replaces our handler)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream) if stream is not None else CurrentStderrHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_json_formatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(LibraryFilter())
    root.addHandler(handler)
    root.setLevel(parse_level(level))
    quiet_libraries(handler_stream_is_terminal=_is_terminal(stream or sys.stderr))


def apply_settings(level: str, *, json_lines: bool) -> None:
    """Re-apply level and format once the settings are read, if ``setup_logging`` ran (the CLI).

    An embedding program (tests, a notebook) that never called ``setup_logging`` keeps its own
    logging untouched.
    """
    root = logging.getLogger()
    ours = [h for h in root.handlers if h.get_name() == _HANDLER_NAME]
    if ours and isinstance(ours[0], logging.StreamHandler):
        stream = None if isinstance(ours[0], CurrentStderrHandler) else ours[0].stream
        setup_logging(level, json_lines=json_lines, stream=stream)


def quiet_libraries(*, handler_stream_is_terminal: bool = False) -> None:
    """Hold library loggers at WARNING and turn off progress bars where nobody watches them."""
    for name in QUIET_LIBRARIES:
        library = logging.getLogger(name)
        library.setLevel(max(logging.WARNING, library.level))
    # transformers logs its weight "LOAD REPORT" as a WARNING through a handler of its own, set by
    # its verbosity switch (read when it is first imported); tqdm
    # bars (transformers, sentence-transformers, huggingface_hub) fill a log file with \r lines.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if not handler_stream_is_terminal:
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TQDM_DISABLE", "1")


class CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (as logging's last-resort handler does),
    so a replaced stderr (a test's capture, a redirect) is followed, never a closed one kept."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> IO[str]:
        return sys.stderr

    @stream.setter
    def stream(self, value: IO[str]) -> None:
        """Ignored: the stream is always the current ``sys.stderr``."""


class LibraryFilter(logging.Filter):
    """Drop library records below WARNING even when the library raises its own level later.

    bm25s sets its logger to DEBUG when it is imported, after our setup; a level set here
    would not hold, a filter on our handler does.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return not any(record.name == name or record.name.startswith(name + ".") for name in QUIET_LIBRARIES)


def _json_formatter() -> logging.Formatter:
    return JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"})


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
