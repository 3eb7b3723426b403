"""Daily log files for ``vraagbaak run`` when ``log_dir`` is set, kept ``retention_logs_days``.

Rotation at midnight drops files past the retention (``backupCount``); the purge job removes
any left behind (``bot.queue.upkeep.remove_old_logs``), so /privacy's promise holds either way.
"""

from __future__ import annotations

import logging
from logging.handlers import TimedRotatingFileHandler
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def add_log_file(directory: Path, days: int) -> Path:
    """Log INFO and up to ``directory/vraagbaak.log`` as well; returns the file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "vraagbaak.log"
    handler = TimedRotatingFileHandler(path, when="midnight", backupCount=days, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, logging.INFO))
    return path
