"""FAQ drafts: a staff answer turned into a reusable entry, published only after approval."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.storage._sql import locked, require_row
from bot.storage.db import Database
from bot.storage.enums import DraftStatus
from bot.storage.errors import InvalidTransition
from bot.storage.models import FaqDraft
from bot.storage.records import FaqDraftRecord, from_row
from bot.storage.types import Clock, utcnow


class FaqDraftRepository:
    """Drafts move draft -> approved (written to ``file_path``) or draft -> rejected."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    def create_draft(
        self, ticket_id: int, question: str, answer: str, *, edited_by: int | None = None
    ) -> FaqDraftRecord:
        """Start a draft from a ticket's question and staff answer."""
        row = FaqDraft(
            ticket_id=ticket_id,
            question=question,
            answer=answer,
            status=DraftStatus.DRAFT,
            edited_by=edited_by,
            created_at=self._clock(),
        )
        with self._db.session() as session:
            session.add(row)
            session.flush()
            return from_row(FaqDraftRecord, row)

    def get(self, draft_id: int) -> FaqDraftRecord | None:
        """One draft, if it exists."""
        with self._db.session() as session:
            row = session.get(FaqDraft, draft_id)
            return None if row is None else from_row(FaqDraftRecord, row)

    def list_drafts(self, status: DraftStatus = DraftStatus.DRAFT) -> list[FaqDraftRecord]:
        """Drafts in ``status``, oldest first (the review queue by default)."""
        with self._db.session() as session:
            rows = session.scalars(select(FaqDraft).where(FaqDraft.status == status).order_by(FaqDraft.id))
            return [from_row(FaqDraftRecord, row) for row in rows]

    def update_draft_text(self, draft_id: int, question: str, answer: str, edited_by: int | None) -> FaqDraftRecord:
        """Replace the wording of a draft still under review."""
        with self._db.session() as session:
            row = self._pending(session, draft_id, "edit")
            row.question, row.answer, row.edited_by = question, answer, edited_by
            return from_row(FaqDraftRecord, row)

    def approve(self, draft_id: int, approved_by: int, file_path: str) -> FaqDraftRecord:
        """Mark the draft approved and where it was written in the staff FAQ folder."""
        with self._db.session() as session:
            row = self._pending(session, draft_id, "approve")
            row.status, row.approved_by, row.file_path = DraftStatus.APPROVED, approved_by, file_path
            row.approved_at = self._clock()
            return from_row(FaqDraftRecord, row)

    def reject(self, draft_id: int) -> FaqDraftRecord:
        """Drop the draft from the review queue (kept for the record)."""
        with self._db.session() as session:
            row = self._pending(session, draft_id, "reject")
            row.status = DraftStatus.REJECTED
            return from_row(FaqDraftRecord, row)

    @staticmethod
    def _pending(session: Session, draft_id: int, verb: str) -> FaqDraft:
        row: FaqDraft = require_row(session, locked(FaqDraft, draft_id), "FAQ draft", draft_id)
        if row.status != DraftStatus.DRAFT:
            raise InvalidTransition(f"cannot {verb} FAQ draft {draft_id}: it is {row.status}")
        return row
