"""What every command shares through ``ctx.obj``: the settings, built once per command line."""

from __future__ import annotations

import typer

from bot.ops import apply_settings
from bot.settings import Settings


class CliState:
    """Built by the root callback; ``settings`` is read on first use (``--help`` never reads it).

    One-shot commands (ask, reindex, queue, report, ...) log warnings only, so their stdout and
    stderr stay what scripts read; the long-running services call ``serve_logs`` to log at the
    configured level (INFO by default: "ready", answers, relays).
    """

    def __init__(self) -> None:
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings()
        return self._settings

    def serve_logs(self) -> Settings:
        """The settings, with logging at their level and format (for ``run`` and ``web``)."""
        settings = self.settings
        apply_settings(settings.log_level, json_lines=settings.log_json)
        return settings


def state(ctx: typer.Context) -> CliState:
    """The state of the running command line (one per process, made by the root callback)."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
