"""Themes: follows, follow offers, blocked chats, the push log, digests per index version, announcements, surveys.

Revision ID: 0004_themes
Revises: 0002_workspace
Create Date: 2026-12-04

Written out in full (see 0001): a revision is a frozen step.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_themes"
down_revision: str | None = "0002_workspace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _chat() -> sa.Column[int]:
    return sa.Column("chat_id", sa.BigInteger(), nullable=False, autoincrement=False)


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{referred}"), ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "theme_follows", _chat(), sa.Column("theme_slug", sa.String(64), nullable=False), _when("created_at"),
        _pk("theme_follows", "chat_id", "theme_slug"),
    )  # fmt: skip
    op.create_table("push_blocks", _chat(), _when("blocked_at"), _pk("push_blocks", "chat_id"))
    op.create_table(
        "follow_offers", _chat(), sa.Column("theme_slug", sa.String(64), nullable=False), _when("offered_at"),
        _pk("follow_offers", "chat_id"),
    )  # fmt: skip
    op.create_table(
        "push_log", sa.Column("dedupe_key", sa.String(200), nullable=False), _chat(),
        sa.Column("kind", sa.String(32), nullable=False), _when("created_at"), _pk("push_log", "dedupe_key"),
    )  # fmt: skip
    op.create_index(op.f("ix_push_log_chat_id_created_at"), "push_log", ["chat_id", "created_at"], unique=False)
    op.create_table(
        "digests", sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.String(100), nullable=False),
        sa.Column("previous_version_id", sa.String(100), nullable=True),
        sa.Column("status", sa.String(16), nullable=False), _when("created_at"), _pk("digests", "id"),
        sa.UniqueConstraint("version_id", name=op.f("uq_digests_version_id")),
    )  # fmt: skip
    op.create_index(op.f("ix_digests_status"), "digests", ["status"], unique=False)
    op.create_table(
        "digest_items", sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest_id", sa.Integer(), nullable=False), sa.Column("doc_id", sa.String(500), nullable=False),
        sa.Column("title", sa.Text(), nullable=False), sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True), sa.Column("themes", sa.JSON(), nullable=False),
        _fk("digest_items", "digest_id", "digests.id"), _pk("digest_items", "id"),
    )  # fmt: skip
    op.create_index(op.f("ix_digest_items_digest_id"), "digest_items", ["digest_id"], unique=False)
    op.create_table(
        "digest_deliveries", sa.Column("item_id", sa.Integer(), nullable=False), _chat(),
        sa.Column("dedupe_key", sa.String(200), nullable=False),
        _fk("digest_deliveries", "item_id", "digest_items.id"), _pk("digest_deliveries", "item_id", "chat_id"),
    )  # fmt: skip
    op.create_table(
        "announcements", sa.Column("id", sa.Integer(), nullable=False), sa.Column("text", sa.Text(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False), sa.Column("rsvp", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(255), nullable=True), _when("created_at"), _pk("announcements", "id"),
    )  # fmt: skip
    op.create_table(
        "announcement_responses", sa.Column("announcement_id", sa.Integer(), nullable=False), _chat(),
        sa.Column("response", sa.String(16), nullable=False),
        sa.Column("display_name", sa.String(255), nullable=False), _when("created_at"),
        _fk("announcement_responses", "announcement_id", "announcements.id"),
        _pk("announcement_responses", "announcement_id", "chat_id"),
    )  # fmt: skip

    _create_surveys()


def _create_surveys() -> None:
    op.create_table(
        "surveys", sa.Column("id", sa.Integer(), nullable=False), sa.Column("title", sa.Text(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False), _when("deadline"), _when("reminder_at"),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(255), nullable=True), _when("created_at"), _pk("surveys", "id"),
    )  # fmt: skip
    op.create_table(
        "survey_questions", sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False), sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False), sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False), _fk("survey_questions", "survey_id", "surveys.id"),
        _pk("survey_questions", "id"),
    )  # fmt: skip
    op.create_index(op.f("ix_survey_questions_survey_id"), "survey_questions", ["survey_id"], unique=False)
    op.create_table(
        "survey_participants", sa.Column("survey_id", sa.Integer(), nullable=False), _chat(),
        sa.Column("asked_question_id", sa.Integer(), nullable=True),
        sa.Column("asked_message_id", sa.BigInteger(), nullable=True),
        sa.Column("asked_poll_id", sa.String(64), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True), _when("invited_at"),
        _fk("survey_participants", "survey_id", "surveys.id"), _pk("survey_participants", "survey_id", "chat_id"),
    )  # fmt: skip
    op.create_index(op.f("ix_survey_participants_asked_poll_id"), "survey_participants", ["asked_poll_id"],
                    unique=False)  # fmt: skip
    op.create_table(
        "survey_answers", sa.Column("question_id", sa.Integer(), nullable=False), _chat(),
        sa.Column("survey_id", sa.Integer(), nullable=False), sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True), _when("created_at"),
        _fk("survey_answers", "question_id", "survey_questions.id"), _pk("survey_answers", "question_id", "chat_id"),
    )  # fmt: skip
    op.create_index(op.f("ix_survey_answers_survey_id"), "survey_answers", ["survey_id"], unique=False)


def downgrade() -> None:
    tables = (
        "survey_answers", "survey_participants", "survey_questions", "surveys", "announcement_responses",
        "announcements", "digest_deliveries", "digest_items", "digests", "push_log", "follow_offers", "push_blocks",
        "theme_follows",
    )  # fmt: skip
    for table in tables:
        op.drop_table(table)
