"""The command line's one error boundary: every failure an operator can cause is one line.

Modelled on httpx's ``map_httpcore_exceptions``: third-party exceptions are caught once, here,
and turned into one English line on stderr with exit status 1 (usage problems: 2). A bad
setting names the key and the value, a malformed ``vraagbaak.toml`` names the file and the
line, an unreachable database or Telegram says so. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import typer
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc
from telegram import error as tg_error

from bot.errors import BotError, UsageProblem
from bot.storage import StorageError
from index import VraagbaakIndexError
from knowledge import KnowledgeError

TOML_FILE = "vraagbaak.toml"


def describe_validation(error: ValidationError) -> str:
    """The first problem of a settings validation, with the key and the value it got."""
    problem = error.errors()[0]
    key = ".".join(str(part) for part in problem.get("loc", ())) or "settings"
    if problem.get("type") == "extra_forbidden":
        return f"unknown setting {key!r} in {TOML_FILE} (or given as a keyword)"
    value = problem.get("input")
    shown = f" = {value!r}" if value is not None and not isinstance(value, dict) else ""
    message = str(problem.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"invalid setting {key}{shown}: {message}"


def describe(exc: BaseException) -> str | None:
    """One line for an expected failure; ``None`` for anything else (a bug)."""
    if isinstance(exc, BotError | VraagbaakIndexError | KnowledgeError | StorageError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return describe_validation(exc)
    if isinstance(exc, tomllib.TOMLDecodeError):
        return f"{TOML_FILE} is not valid TOML: {exc}"
    if isinstance(exc, sa_exc.ArgumentError):
        return f"the database URL is not valid: {exc}"
    if isinstance(exc, tg_error.InvalidToken):
        return "Telegram refused the bot token (VRAAGBAAK_TELEGRAM_TOKEN): check it with @BotFather"
    if isinstance(exc, tg_error.NetworkError):
        return f"Telegram is not reachable: {exc}"
    if isinstance(exc, PermissionError | FileNotFoundError | NotADirectoryError | IsADirectoryError):
        return f"cannot use {exc.filename or 'a path'}: {exc.strerror or exc}"
    if isinstance(exc, OSError) and exc.filename:
        return f"cannot use {exc.filename}: {exc.strerror or exc}"
    return None


@contextmanager
def boundary() -> Iterator[None]:
    """Run a command line: usage problems exit 2, expected failures exit 1, each as one line."""
    try:
        yield
    except UsageProblem as exc:
        typer.echo(f"Usage error: {exc}. See 'vraagbaak --help'.", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:
        line = describe(exc)
        if line is None:
            raise
        typer.echo(f"vraagbaak: {' '.join(line.split())}", err=True)
        sys.exit(1)


def run_guarded(app: Callable[[], object]) -> None:
    """Call the Typer app inside the boundary (the console script's entry point uses this)."""
    with boundary():
        app()
