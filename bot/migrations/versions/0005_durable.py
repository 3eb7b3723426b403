"""Durable updates: every Telegram update stored (redacted) before it is confirmed, done once handled.

Revision ID: 0005_durable
Revises: 0004_themes
Create Date: 2026-12-05

Written out in full (see 0001): a revision is a frozen step.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_durable"
down_revision: str | None = "0004_themes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "incoming_updates"


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "done",
                "set_aside",
                name="updatestatus",
                native_enum=False,
                create_constraint=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("received_at"),
        _when("updated_at"),
        _when("not_before", nullable=True),
        sa.Column("deferred", sa.Boolean(), nullable=False),
        sa.Column("lease_owner", sa.String(64), nullable=True),
        _when("lease_until", nullable=True),
        sa.Column("error", sa.String(300), nullable=True),
        sa.Column("plan", sa.JSON(), nullable=True),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_incoming_updates")),
    )
    op.create_index(op.f("ix_incoming_updates_status_not_before_update_id"), TABLE,
                    ["status", "not_before", "update_id"], unique=False)  # fmt: skip
    op.create_index(op.f("ix_incoming_updates_user_id_status"), TABLE, ["user_id", "status"], unique=False)
    op.create_index(op.f("ix_incoming_updates_updated_at"), TABLE, ["updated_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_incoming_updates_updated_at"), table_name=TABLE)
    op.drop_index(op.f("ix_incoming_updates_user_id_status"), table_name=TABLE)
    op.drop_index(op.f("ix_incoming_updates_status_not_before_update_id"), table_name=TABLE)
    op.drop_table(TABLE)
