"""The ``vraagbaak`` command line (entry point ``bot.cli:main``).

app       the root Typer app: ask, reindex, chat, run; the sub-apps below
index     index status | versions | rollback
queue     the staff queue at a terminal
db        database upgrade
chat      the console chat (what ``run`` starts without a token)
output    how answers, reports and progress are shown
context   the settings, built once per command line
boundary  the one error boundary: one line, exit 1 or 2
"""

from bot.cli.app import app, main

__all__ = ["app", "main"]
