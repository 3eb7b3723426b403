"""Alembic environment for Vraagbaak; normally driven by ``bot.storage.migrate``.

``migrate.upgrade_engine`` hands over a connection already inside its transaction (and, on
PostgreSQL, holding the migration lock) through ``config.attributes["connection"]``. Without
one, as when a developer runs Alembic commands with ``migrate.alembic_config(url)``, an engine
is made from ``sqlalchemy.url``. SQLite gets ``render_as_batch`` so that column changes become
table rebuilds, the only way SQLite can alter most things.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade --sql``)."""
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    """Run the revisions on ``connection``, inside its transaction when it has one."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the caller's connection, or open one from the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection given and no sqlalchemy.url set; use bot.storage.migrate")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as new_connection:
            run_on(new_connection)
            new_connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
