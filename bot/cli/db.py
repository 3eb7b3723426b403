"""``vraagbaak db upgrade``: the database schema (Alembic migrations)."""

from __future__ import annotations

import typer

from bot.cli.context import state
from bot.storage import Database

app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database to the newest schema revision (safe to run again)."""
    database = Database(state(ctx).settings.resolved_database_url)
    try:
        database.upgrade()
        typer.echo(f"Database {database.url} is at revision {database.current_revision()}.")
    finally:
        database.dispose()
