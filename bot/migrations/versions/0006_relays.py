"""Relays: the outbox's send marker and possible-repeat flag, edit targets, staff answers held for redaction.

Revision ID: 0006_relays
Revises: 0005_durable
Create Date: 2026-12-05

``outbox.send_started_at`` is written (and committed) just before the Bot API call, so a row
found ``sending`` with it set after a crash may already have reached Telegram: its resend is
flagged ``possible_repeat`` and never silent. ``outbox.edit_message_id`` names the message an
edit row rewrites (a forgotten or purged ticket's post). ``held_answers`` keeps the redacted
version of a staff answer that named a third person until staff confirm or cancel it.
Written out in full (see 0001): a revision is a frozen step.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_relays"
down_revision: str | None = "0005_durable"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("send_started_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("outbox", sa.Column("possible_repeat", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("outbox", sa.Column("edit_message_id", sa.BigInteger(), nullable=True))
    op.create_table(
        "held_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("staff_user_id", sa.BigInteger(), nullable=True),
        sa.Column("staff_name", sa.String(255), nullable=True),
        sa.Column("telegram_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_held_answers_ticket_id_tickets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_answers")),
        sa.UniqueConstraint(
            "telegram_chat_id", "telegram_message_id", name=op.f("uq_held_answers_telegram_chat_id_telegram_message_id")
        ),
    )
    op.create_index(op.f("ix_held_answers_ticket_id"), "held_answers", ["ticket_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_held_answers_ticket_id"), table_name="held_answers")
    op.drop_table("held_answers")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("edit_message_id")
        batch.drop_column("possible_repeat")
        batch.drop_column("send_started_at")
