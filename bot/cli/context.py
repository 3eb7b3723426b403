"""What every command shares through ``ctx.obj``: the settings, built once per command line."""

from __future__ import annotations

import typer

from bot.ops import apply_settings
from bot.settings import Settings


class CliState:
    """Built by the root callback; ``settings`` is read on first use (``--help`` never reads it)."""

    def __init__(self) -> None:
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = Settings()
            apply_settings(self._settings.log_level, json_lines=self._settings.log_json)
        return self._settings


def state(ctx: typer.Context) -> CliState:
    """The state of the running command line (one per process, made by the root callback)."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
