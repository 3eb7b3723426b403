"""The database schema as SQLAlchemy 2 typed declarative models.

Only repositories import these; callers get frozen records (``records.py``), so a session
never escapes and no lazy load can run after its transaction ended. Surrogate keys are
``Integer`` (SQLite only auto-increments ``INTEGER PRIMARY KEY``); Telegram ids are
``BigInteger`` because chat ids of supergroups exceed 32 bits. Constraint names follow one
convention so that Alembic revisions (and SQLite batch rebuilds) can address them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.storage.enums import (
    AuthorKind,
    Decision,
    DraftStatus,
    HandoverTrigger,
    OutboxKind,
    OutboxStatus,
    TicketStatus,
    UpdateStatus,
)
from bot.storage.types import UTCDateTime, str_enum, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base; its metadata is Alembic's ``target_metadata``."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(none_as_null=True),
        list[Any]: JSON,
    }


def _created() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


class Official(Base):
    """A local official who talks to the bot; names are blanked when they ask to be forgotten."""

    __tablename__ = "officials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16))
    local_government: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created()
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Question(Base):
    """One question as received, already redacted of personal identifiers by the caller."""

    __tablename__ = "questions"
    __table_args__ = (Index(None, "official_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    update_id: Mapped[int | None] = mapped_column(BigInteger)
    text_redacted: Mapped[str] = mapped_column(Text)
    redaction_kinds: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = _created()


class Answer(Base):
    """What the bot decided and said for a question."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    decision: Mapped[Decision] = mapped_column(str_enum(Decision))
    confidence: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[Any]] = mapped_column(default=list)
    bot_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = _created()


class Feedback(Base):
    """An official's thumbs up or down on an answer; one per answer and official, last wins."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("answer_id", "official_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = _created()


class ProcessedUpdate(Base):
    """A Telegram update id already handled; the primary key makes a redelivery a no-op."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class IncomingUpdate(Base):
    """A Telegram update stored (redacted) before Telegram is told it arrived; done only once handled.

    ``lease_*`` keeps two replicas from handling it at once; ``not_before`` holds a question
    the rate limit defers, or a retry after a failure; ``plan`` is the reply worked out for it
    and ``sent`` how many of its parts Telegram accepted, so a resume sends only the rest.
    """

    __tablename__ = "incoming_updates"
    __table_args__ = (Index(None, "status", "not_before", "update_id"), Index(None, "user_id", "status"))

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[UpdateStatus] = mapped_column(str_enum(UpdateStatus), default=UpdateStatus.RECEIVED)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deferred: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(String(300))
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    sent: Mapped[int] = mapped_column(Integer, default=0)


class BotState(Base):
    """Small named values that must survive a restart, such as the polling offset."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Ticket(Base):
    """A question handed to VVSG staff, with where it was posted in the staff group."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index(None, "staff_chat_id", "staff_thread_id"),
        Index(None, "staff_chat_id", "staff_message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
    question_text: Mapped[str] = mapped_column(Text)
    bot_answer: Mapped[str | None] = mapped_column(Text)
    bot_sources: Mapped[list[Any]] = mapped_column(default=list)
    bot_confidence: Mapped[float | None] = mapped_column(Float)
    trigger: Mapped[HandoverTrigger] = mapped_column(str_enum(HandoverTrigger))
    status: Mapped[TicketStatus] = mapped_column(str_enum(TicketStatus), default=TicketStatus.OPEN, index=True)
    assignee_user_id: Mapped[int | None] = mapped_column(BigInteger)
    assignee_name: Mapped[str | None] = mapped_column(String(255))
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(32))


class TicketMessage(Base):
    """One message in a ticket's conversation, with its Telegram copy when there is one."""

    __tablename__ = "ticket_messages"
    __table_args__ = (Index(None, "telegram_chat_id", "telegram_message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    author_kind: Mapped[AuthorKind] = mapped_column(str_enum(AuthorKind))
    author_user_id: Mapped[int | None] = mapped_column(BigInteger)
    author_name: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = _created()


class OutboxMessage(Base):
    """A Telegram message to send; the table is the hand-off between deciders and the sender."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index(None, "status", "next_attempt_at"),
        Index(None, "chat_id", "telegram_message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[OutboxKind] = mapped_column(str_enum(OutboxKind))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    parse_mode: Mapped[str | None] = mapped_column(String(16))
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column()
    reply_to_message_id: Mapped[int | None] = mapped_column(BigInteger)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"), index=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    send_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # committed before the API call
    possible_repeat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    edit_message_id: Mapped[int | None] = mapped_column(BigInteger)  # the message an edit row rewrites


class HeldAnswer(Base):
    """A staff answer that named a third person, kept (redacted) until staff send or cancel it."""

    __tablename__ = "held_answers"
    __table_args__ = (UniqueConstraint("telegram_chat_id", "telegram_message_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    staff_user_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_name: Mapped[str | None] = mapped_column(String(255))
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger)
    telegram_message_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = _created()


class AuditLogEntry(Base):
    """Who did what to which ticket; no foreign key, so the trail outlives what it describes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_user_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_name: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = _created()


class FaqDraft(Base):
    """An FAQ entry drafted from an answered ticket, waiting for a second pair of eyes."""

    __tablename__ = "faq_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[DraftStatus] = mapped_column(str_enum(DraftStatus), default=DraftStatus.DRAFT)
    edited_by: Mapped[int | None] = mapped_column(BigInteger)
    approved_by: Mapped[int | None] = mapped_column(BigInteger)
    file_path: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = _created()
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# Themes, digests and announcements (bot.themes; migration 0004_themes) ---------------------


class ThemeFollow(Base):
    """An official (by private chat id) follows a theme; the row is the opt-in."""

    __tablename__ = "theme_follows"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    theme_slug: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = _created()


class FollowOffer(Base):
    """After a helpful answer the bot offered once to follow its theme; never again for this chat."""

    __tablename__ = "follow_offers"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    theme_slug: Mapped[str] = mapped_column(String(64))
    offered_at: Mapped[datetime] = _created()


class PushBlock(Base):
    """A chat that answered a pushed message with 403 (blocked the bot): skipped until it writes again."""

    __tablename__ = "push_blocks"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    blocked_at: Mapped[datetime] = _created()


class PushLogEntry(Base):
    """One message pushed to an official (digest, announcement): what the weekly cap counts."""

    __tablename__ = "push_log"
    __table_args__ = (Index(None, "chat_id", "created_at"),)

    dedupe_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = _created()


class Digest(Base):
    """What one published index version brought that is worth telling followers; one per version."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[str] = mapped_column(String(100), unique=True)
    previous_version_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = _created()


class DigestItem(Base):
    """One new or substantially changed document of a digest."""

    __tablename__ = "digest_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(String(500))
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    themes: Mapped[list[Any]] = mapped_column(default=list)


class DigestDelivery(Base):
    """A digest item went to a follower (in the outbox row ``dedupe_key``): never again."""

    __tablename__ = "digest_deliveries"

    item_id: Mapped[int] = mapped_column(ForeignKey("digest_items.id", ondelete="CASCADE"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    dedupe_key: Mapped[str] = mapped_column(String(200))


class Announcement(Base):
    """A staff announcement (study day, info session) for some themes' followers or all of them."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[list[Any]] = mapped_column(default=list)
    rsvp: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created()


class AnnouncementResponse(Base):
    """An official's "ik kom" / "interesse" on an announcement; one per official, the last press wins."""

    __tablename__ = "announcement_responses"

    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    response: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created()


class Survey(Base):
    """A short survey ("bevraging") of one to five questions for some themes' followers or all of them."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    themes: Mapped[list[Any]] = mapped_column(default=list)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    reminder_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = _created()


class SurveyQuestion(Base):
    """One question: ``single`` or ``multiple`` choice (a Telegram poll) or ``text`` (a reply)."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any]] = mapped_column(default=list)


class SurveyParticipant(Base):
    """An invited official; ``asked`` is the question waiting for their answer, ``done`` once complete."""

    __tablename__ = "survey_participants"

    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    asked_question_id: Mapped[int | None] = mapped_column(Integer)
    asked_message_id: Mapped[int | None] = mapped_column(BigInteger)
    asked_poll_id: Mapped[str | None] = mapped_column(String(64), index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invited_at: Mapped[datetime] = _created()


class SurveyAnswer(Base):
    """One official's answer to one question: option indexes, or redacted free text."""

    __tablename__ = "survey_answers"

    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    survey_id: Mapped[int] = mapped_column(Integer, index=True)
    choices: Mapped[list[Any]] = mapped_column(default=list)
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


# Staff workspace (revision 0002_workspace) ---------------------------------------------------


class StaffAccount(Base):
    """A VVSG staff member who logs in to the web workspace; the password only as an argon2 hash."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = _created()
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TicketNote(Base):
    """An internal note on a ticket: stored for staff, never relayed to the official."""

    __tablename__ = "ticket_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    author_name: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class CannedReply(Base):
    """A reusable answer text that admins keep for staff."""

    __tablename__ = "canned_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()
