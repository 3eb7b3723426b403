"""``vraagbaak staff add|list|remove|password``: who may log in to the workspace.

Passwords are read from the first line of stdin, never from the command line (where other
users would see them in ``ps``); at a terminal the password is asked twice without echo.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bot.cli.context import state
from bot.storage import Storage
from bot.workspace import Accounts, InvalidAccount, Role

app = typer.Typer(help="Staff accounts of the web workspace: add, list, remove, change a password.",
                  no_args_is_help=True)  # fmt: skip

EmailArg = Annotated[str, typer.Argument(help="The staff member's e-mail address (their login).")]


@contextmanager
def _accounts(ctx: typer.Context) -> Iterator[Accounts]:
    """Accounts over the configured database (migrated first)."""
    storage = Storage.open(state(ctx).settings.resolved_database_url)
    try:
        storage.database.upgrade()
        yield Accounts(storage)
    finally:
        storage.database.dispose()


def read_password() -> str:
    """The first line of stdin; at a terminal, asked twice without echo."""
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise InvalidAccount("no password on stdin (give it as the first line)")
    return line


@app.command()
def add(
    ctx: typer.Context,
    email: EmailArg,
    name: Annotated[str, typer.Option("--name", help="Name shown to colleagues and in the audit trail.")],
    admin: Annotated[
        bool, typer.Option("--admin", help="Admin role: approve FAQ drafts, keep canned replies.")
    ] = False,
) -> None:
    """Add a staff account; the password is the first line of stdin."""
    password = read_password()
    with _accounts(ctx) as accounts:
        account = accounts.add(email, name, password, Role.ADMIN if admin else Role.STAFF)
    typer.echo(f"Staff account {account.email} added ({account.role}).")


@app.command("list")
def list_accounts(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Active staff accounts."""
    with _accounts(ctx) as accounts:
        found = accounts.list()
    if as_json:
        typer.echo(json.dumps([{"email": a.email, "name": a.name, "role": a.role} for a in found], ensure_ascii=False))
        return
    if not found:
        typer.echo("No staff accounts.")
    for account in found:
        typer.echo(f"{account.email:<40} {account.role:<6} {account.name}")


@app.command()
def remove(ctx: typer.Context, email: EmailArg) -> None:
    """Remove an account: its open sessions stop working at once."""
    with _accounts(ctx) as accounts:
        account = accounts.remove(email)
    typer.echo(f"Staff account {account.email} removed.")


@app.command()
def password(ctx: typer.Context, email: EmailArg) -> None:
    """Set a new password (first line of stdin); sessions made before it stop working."""
    new = read_password()
    with _accounts(ctx) as accounts:
        account = accounts.set_password(email, new)
    typer.echo(f"Password of {account.email} changed.")
