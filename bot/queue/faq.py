"""The learning loop: a staff answer becomes an FAQ draft, and an approved draft an FAQ file.

Drafts are scrubbed of personal data (``bot.answer.privacy.redact``) when made and when edited. An
approved draft is written as a one-entry FAQ YAML file (the corpus schema: ``theme``,
``entries: [{id, question, answer, tags, updated}]``) in the staff FAQ folder, which the
reindex includes under the doc-id prefix ``staff-faq/``. The file is written atomically
(temporary file beside it, fsync, ``os.replace``), so a reindex never reads half a file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml

from bot import messages
from bot.answer.privacy import redact
from bot.queue.config import QueueConfig
from bot.queue.errors import DraftNotFound, NothingToDraft, NotPossible, TicketNotFound
from bot.queue.models import Actor
from bot.storage import AuthorKind, DraftStatus, FaqDraftRecord, InvalidTransition, Storage

logger = logging.getLogger(__name__)

TAGS = ("team-veiligheid",)


class FaqDesk:
    """Draft, edit and approve FAQ entries made from answered tickets."""

    def __init__(self, storage: Storage, config: QueueConfig) -> None:
        self._storage = storage
        self._config = config

    def draft(self, ticket_id: int, actor: Actor) -> FaqDraftRecord:
        """A draft from the ticket's question and its staff answers, personal data scrubbed."""
        ticket = self._storage.tickets.get_ticket(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        answers = [m.text for m in self._storage.tickets.messages(ticket_id) if m.author_kind == AuthorKind.STAFF]
        if not answers or ticket.anonymised:
            raise NothingToDraft(messages.FAQ_NO_ANSWER.format(ticket_id=ticket_id))
        question, answer = scrub(ticket.question_text), scrub("\n\n".join(answers))
        draft = self._storage.faq_drafts.create_draft(ticket_id, question, answer, edited_by=actor.user_id)
        self._storage.audit.record(actor.user_id, actor.name, "faq.drafted", ticket_id, {"draft_id": draft.id})
        return draft

    def edit(self, draft_id: int, actor: Actor, text: str) -> FaqDraftRecord:
        """New wording: ``vraag <text>`` replaces the question, any other text the answer."""
        draft = self._pending(draft_id)
        keyword, _, rest = text.strip().partition(" ")
        question, answer = draft.question, draft.answer
        if keyword.lower().rstrip(":") == messages.FAQ_QUESTION_KEYWORD and rest.strip():
            question = scrub(rest)
        else:
            answer = scrub(text)
        with _as_not_possible(draft_id):
            edited = self._storage.faq_drafts.update_draft_text(draft_id, question, answer, actor.user_id)
        self._storage.audit.record(actor.user_id, actor.name, "faq.edited", draft.ticket_id, {"draft_id": draft_id})
        return edited

    def approve(self, draft_id: int, actor: Actor, *, today: date | None = None) -> FaqDraftRecord:
        """Write the draft as an FAQ file for the next reindex and mark it approved."""
        draft = self._pending(draft_id)
        path = write_faq_file(self._config.staff_faq_dir, draft, today or date.today())
        with _as_not_possible(draft_id):
            approved = self._storage.faq_drafts.approve(draft_id, actor.user_id or 0, path.name)
        self._storage.audit.record(actor.user_id, actor.name, "faq.approved", draft.ticket_id,
                                   {"draft_id": draft_id, "file": path.name})  # fmt: skip
        logger.info("FAQ draft %s approved and written to %s", draft_id, path)
        return approved

    def _pending(self, draft_id: int) -> FaqDraftRecord:
        draft = self._storage.faq_drafts.get(draft_id)
        if draft is None:
            raise DraftNotFound(draft_id)
        if draft.status != DraftStatus.DRAFT:
            raise NotPossible(f"FAQ draft {draft_id} is {draft.status}", draft.status.value)
        return draft


def scrub(text: str) -> str:
    """Text without personal identifiers, trimmed."""
    return redact(text.strip()).text


def entry_id(draft: FaqDraftRecord) -> str:
    return f"team-veiligheid-{draft.id:04d}"


def faq_file_name(draft: FaqDraftRecord) -> str:
    return f"vraag-{draft.ticket_id}-faq-{draft.id}.yaml"


def faq_document(draft: FaqDraftRecord, updated: date) -> dict[str, object]:
    """The draft in the corpus FAQ schema."""
    entry = {"id": entry_id(draft), "question": draft.question, "answer": draft.answer,
             "tags": list(TAGS), "updated": updated}  # fmt: skip
    return {"theme": messages.FAQ_THEME, "entries": [entry]}


def write_faq_file(folder: Path, draft: FaqDraftRecord, updated: date) -> Path:
    """Write the draft's FAQ file atomically; returns its path (doc id ``staff-faq/<name>``)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / faq_file_name(draft)
    text = yaml.safe_dump(faq_document(draft, updated), allow_unicode=True, sort_keys=False, width=100)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)
    return target


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def _as_not_possible(draft_id: int) -> Iterator[None]:
    try:
        yield
    except InvalidTransition as exc:
        raise NotPossible(f"FAQ draft {draft_id}: {exc}", DraftStatus.APPROVED.value) from exc
