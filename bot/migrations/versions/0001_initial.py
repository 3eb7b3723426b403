"""Initial schema: officials and their questions, the staff queue, the outbox, the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Written out in full rather than imported from ``bot.storage.models``: a revision is a frozen
step, and must create the same tables in a year whatever the models look like by then.
Enum columns are plain ``VARCHAR(32)`` (no native PostgreSQL enum types to migrate later).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _tag(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=False)


def _big(name: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger(), nullable=nullable)


def _fk(column: str, target: str, table: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{referred}"), ondelete=ondelete)


def _pk(table: str, column: str = "id") -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(column, name=op.f(f"pk_{table}"))


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def _create_people_and_conversation() -> None:
    op.create_table(
        "officials",
        _id(),
        _big("telegram_user_id", nullable=False),
        sa.Column("display_name", sa.String(255), nullable=False),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("local_government", sa.String(255), nullable=True),
        _when("created_at"),
        _when("last_seen_at"),
        _pk("officials"),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_officials_telegram_user_id")),
    )
    op.create_table(
        "questions",
        _id(),
        sa.Column("official_id", sa.Integer(), nullable=False),
        _big("chat_id", nullable=False),
        _big("message_id"),
        _big("update_id"),
        sa.Column("text_redacted", sa.Text(), nullable=False),
        sa.Column("redaction_kinds", sa.JSON(), nullable=False),
        _when("created_at"),
        _fk("official_id", "officials.id", "questions"),
        _pk("questions"),
    )
    _index("questions", "official_id", "created_at")
    op.create_table(
        "answers",
        _id(),
        sa.Column("question_id", sa.Integer(), nullable=False),
        _tag("decision"),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        _big("bot_message_id"),
        _when("created_at"),
        _fk("question_id", "questions.id", "answers", ondelete="CASCADE"),
        _pk("answers"),
    )
    _index("answers", "question_id")
    op.create_table(
        "feedback",
        _id(),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        _when("created_at"),
        _fk("answer_id", "answers.id", "feedback", ondelete="CASCADE"),
        _fk("official_id", "officials.id", "feedback"),
        _pk("feedback"),
        sa.UniqueConstraint("answer_id", "official_id", name=op.f("uq_feedback_answer_id_official_id")),
    )


def _create_polling_state() -> None:
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        _when("processed_at"),
        _pk("processed_updates", "update_id"),
    )
    _index("processed_updates", "processed_at")
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _when("updated_at"),
        _pk("bot_state", "key"),
    )


def _create_staff_queue() -> None:
    op.create_table(
        "tickets",
        _id(),
        sa.Column("official_id", sa.Integer(), nullable=False),
        _big("chat_id", nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("question_text", sa.Text(), nullable=False),
        sa.Column("bot_answer", sa.Text(), nullable=True),
        sa.Column("bot_sources", sa.JSON(), nullable=False),
        sa.Column("bot_confidence", sa.Float(), nullable=True),
        _tag("trigger"),
        _tag("status"),
        _big("assignee_user_id"),
        sa.Column("assignee_name", sa.String(255), nullable=True),
        _big("staff_chat_id"),
        _big("staff_thread_id"),
        _big("staff_message_id"),
        _when("created_at"),
        _when("updated_at"),
        _when("claimed_at", nullable=True),
        _when("answered_at", nullable=True),
        _when("closed_at", nullable=True),
        _when("last_reminded_at", nullable=True),
        sa.Column("anonymised", sa.Boolean(), nullable=False),
        _fk("official_id", "officials.id", "tickets"),
        _fk("question_id", "questions.id", "tickets", ondelete="SET NULL"),
        _pk("tickets"),
    )
    _index("tickets", "official_id")
    _index("tickets", "status")
    _index("tickets", "updated_at")
    _index("tickets", "staff_chat_id", "staff_thread_id")
    _index("tickets", "staff_chat_id", "staff_message_id")
    op.create_table(
        "ticket_messages",
        _id(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        _tag("author_kind"),
        _big("author_user_id"),
        sa.Column("author_name", sa.String(255), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        _big("telegram_chat_id"),
        _big("telegram_message_id"),
        _when("created_at"),
        _fk("ticket_id", "tickets.id", "ticket_messages", ondelete="CASCADE"),
        _pk("ticket_messages"),
    )
    _index("ticket_messages", "ticket_id")
    _index("ticket_messages", "telegram_chat_id", "telegram_message_id")
    op.create_table(
        "faq_drafts",
        _id(),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        _tag("status"),
        _big("edited_by"),
        _big("approved_by"),
        sa.Column("file_path", sa.String(500), nullable=True),
        _when("created_at"),
        _when("approved_at", nullable=True),
        _fk("ticket_id", "tickets.id", "faq_drafts"),
        _pk("faq_drafts"),
    )
    _index("faq_drafts", "ticket_id")


def _create_outbox_and_audit() -> None:
    op.create_table(
        "outbox",
        _id(),
        _tag("kind"),
        _big("chat_id", nullable=False),
        _big("message_thread_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parse_mode", sa.String(16), nullable=True),
        sa.Column("reply_markup", sa.JSON(), nullable=True),
        _big("reply_to_message_id"),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        _tag("status"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("locked_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _when("created_at"),
        _when("sent_at", nullable=True),
        _big("telegram_message_id"),
        _fk("ticket_id", "tickets.id", "outbox", ondelete="SET NULL"),
        _pk("outbox"),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_dedupe_key")),
    )
    _index("outbox", "status", "next_attempt_at")
    _index("outbox", "chat_id", "telegram_message_id")
    _index("outbox", "ticket_id")
    op.create_table(
        "audit_log",
        _id(),
        _big("actor_user_id"),
        sa.Column("actor_name", sa.String(255), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        _when("created_at"),
        _pk("audit_log"),
    )
    _index("audit_log", "ticket_id")


def upgrade() -> None:
    """Create every table, parents before children."""
    _create_people_and_conversation()
    _create_polling_state()
    _create_staff_queue()
    _create_outbox_and_audit()


def downgrade() -> None:
    """Drop every table, children before parents (indexes go with their tables)."""
    for table in (
        "audit_log",
        "outbox",
        "faq_drafts",
        "ticket_messages",
        "tickets",
        "bot_state",
        "processed_updates",
        "feedback",
        "answers",
        "questions",
        "officials",
    ):
        op.drop_table(table)
