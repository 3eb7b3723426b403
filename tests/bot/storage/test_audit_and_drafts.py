"""Audit trail and FAQ drafts."""

from __future__ import annotations

import pytest

from bot.storage import DraftStatus, HandoverTrigger, InvalidTransition, OfficialRecord, Storage


def test_audit_trail_per_ticket(storage: Storage, official: OfficialRecord) -> None:
    ticket = storage.tickets.create_ticket(official.id, 1001, "vraag", HandoverTrigger.ASKED_FOR_PERSON)
    storage.audit.record(77, "Sara", "ticket.claimed", ticket.id)
    storage.audit.record(77, "Sara", "ticket.answered", ticket.id, {"chars": 120})
    storage.audit.record(None, None, "index.published", None, {"version": "v3"})

    entries = storage.audit.list_for_ticket(ticket.id)
    assert [(e.action, e.detail) for e in entries] == [
        ("ticket.claimed", {}),
        ("ticket.answered", {"chars": 120}),
    ]
    assert storage.audit.recent(1)[0].action == "index.published"


def test_faq_draft_flow(storage: Storage, official: OfficialRecord) -> None:
    ticket = storage.tickets.create_ticket(official.id, 1001, "vraag", HandoverTrigger.OUT_OF_DOMAIN)
    draft = storage.faq_drafts.create_draft(ticket.id, "Vraag?", "Antwoord.", edited_by=77)
    assert draft.status == DraftStatus.DRAFT
    assert storage.faq_drafts.list_drafts() == [draft]

    edited = storage.faq_drafts.update_draft_text(draft.id, "Betere vraag?", "Beter antwoord.", 78)
    assert (edited.question, edited.answer, edited.edited_by) == ("Betere vraag?", "Beter antwoord.", 78)

    approved = storage.faq_drafts.approve(draft.id, 79, "staff-faq/vraag-1.yaml")
    assert (approved.status, approved.approved_by, approved.file_path) == (
        DraftStatus.APPROVED,
        79,
        "staff-faq/vraag-1.yaml",
    )
    assert approved.approved_at is not None
    assert storage.faq_drafts.get(draft.id) == approved
    with pytest.raises(InvalidTransition):
        storage.faq_drafts.update_draft_text(draft.id, "x", "y", 1)

    other = storage.faq_drafts.create_draft(ticket.id, "Q", "A")
    assert storage.faq_drafts.reject(other.id).status == DraftStatus.REJECTED
    assert storage.faq_drafts.list_drafts() == []
