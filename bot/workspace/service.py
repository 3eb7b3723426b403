"""``Workspace``: what the web pages and the CLI call; every change goes through the queue's desks
or the workspace's own repositories, and lands in the audit trail.

Synchronous, like the queue (the web layer runs it in a worker thread). Queue and storage
errors become ``ActionFailed`` with the Dutch line staff read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from bot.messages import STAFF_WEB_ANSWER
from bot.queue import (
    Actor,
    DraftNotFound,
    NothingToDraft,
    NotPossible,
    QueueError,
    StaffQueue,
    ThirdPartyData,
    TicketNotFound,
)
from bot.queue.faq import scrub
from bot.settings import Settings
from bot.storage import DraftStatus, FaqDraftRecord, HandoverTrigger, StorageError, TicketStatus
from bot.storage.reporting import ReportingRepository
from bot.storage.workdesk import CannedReplyRecord, InboxQuery, WorkdeskRepository
from bot.workspace import messages
from bot.workspace.accounts import Accounts
from bot.workspace.errors import ActionFailed, Forbidden, NeedsRedaction
from bot.workspace.knowledge import KnowledgeDesk
from bot.workspace.models import InboxFilter, InboxItem, Outcome, Sla, Staff, TicketPage
from bot.workspace.publishing import FaqPublisher
from bot.workspace.reports import YearReport, build_report
from bot.workspace.themes import ThemeCatalog

STATUS_FILTERS = {
    "active": (TicketStatus.OPEN, TicketStatus.CLAIMED),
    "open": (TicketStatus.OPEN,),
    "claimed": (TicketStatus.CLAIMED,),
    "answered": (TicketStatus.ANSWERED,),
    "closed": (TicketStatus.CLOSED, TicketStatus.WITHDRAWN),
    "all": (),
}


class Workspace:
    """The staff workspace over one ``StaffQueue``."""

    def __init__(self, settings: Settings, queue: StaffQueue, *, accounts: Accounts | None = None,
                 themes: ThemeCatalog | None = None, reindex: Callable[[], object] | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:  # fmt: skip
        self.settings = settings
        self.queue = queue
        self.accounts = accounts or Accounts(queue.storage)
        self.themes = themes or ThemeCatalog.from_knowledge_dir(settings.knowledge_dir)
        self.publisher = FaqPublisher(reindex) if reindex is not None else None
        self.knowledge = KnowledgeDesk(settings, self.publisher, queue.storage.audit)
        self._desk = WorkdeskRepository(queue.storage.database)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._reports: dict[int, tuple[tuple[object, ...], YearReport]] = {}

    # Inbox and ticket page ----------------------------------------------------------------

    def inbox(self, chosen: InboxFilter) -> list[InboxItem]:
        """Tickets matching the filter, oldest first."""
        now = self._clock()
        query = InboxQuery(
            statuses=STATUS_FILTERS.get(chosen.status, STATUS_FILTERS["active"]),
            trigger=HandoverTrigger(chosen.trigger) if chosen.trigger in set(HandoverTrigger) else None,
            assignee=chosen.assignee or None,
            local_government=chosen.local_government or None,
            created_before=now - timedelta(hours=chosen.older_than_hours) if chosen.older_than_hours > 0 else None,
            search=chosen.search or None,
        )
        items = []
        for row in self._desk.inbox(query):
            theme = self.themes.theme_for(str(source.get("doc_id", "")) for source in row.ticket.bot_sources)
            if chosen.theme and theme != chosen.theme:
                continue
            age = (now - row.ticket.created_at).total_seconds() / 3600
            items.append(InboxItem(row.ticket, row.local_government, theme, age, self._sla(row.ticket.status, age)))
        return items

    def filter_choices(self) -> dict[str, list[str]]:
        """Values for the inbox's select boxes."""
        return {"local_governments": self._desk.known_local_governments(), "assignees": self._desk.assignees(),
                "themes": self.themes.names}  # fmt: skip

    def ticket_page(self, ticket_id: int) -> TicketPage:
        """The ticket, its conversation, notes, canned replies, drafts and audit trail."""
        with self._failures():
            view = self.queue.staff.view(ticket_id)
        ticket = view.ticket
        age = (self._clock() - ticket.created_at).total_seconds() / 3600
        drafts = [d for d in self.queue.storage.faq_drafts.list_drafts() if d.ticket_id == ticket_id]
        return TicketPage(
            view=view,
            theme=self.themes.theme_for(str(s.get("doc_id", "")) for s in ticket.bot_sources),
            sla=self._sla(ticket.status, age),
            notes=tuple(self._desk.notes(ticket_id)),
            canned=tuple(self._desk.canned()),
            drafts=tuple(drafts),
            audit=tuple(self.queue.storage.audit.list_for_ticket(ticket_id)),
        )

    # Ticket actions -----------------------------------------------------------------------

    def claim(self, staff: Staff, ticket_id: int) -> bool:
        """Take the ticket; false when someone else holds it already."""
        with self._failures():
            return self.queue.staff.claim(ticket_id, _actor(staff)).won

    def assign(self, staff: Staff, ticket_id: int, name: str | None) -> None:
        """Reassign to ``name`` (an account's name), or put back in the open queue with ``None``."""
        with self._failures():
            self._desk.assign(ticket_id, name or None)
        action = "ticket.reassigned" if name else "ticket.unclaimed"
        self._audit(staff, action, ticket_id, {"to": name} if name else {})

    def answer(self, staff: Staff, ticket_id: int, text: str, *, redacted_ok: bool = False) -> None:
        """Relay an answer to the official through the outbox (the running bot sends it).

        An answer naming a third person raises ``NeedsRedaction`` with the redacted version to
        show; sent again with ``redacted_ok``, that redacted version is what goes out.
        """
        if not text.strip():
            raise ActionFailed(messages.EMPTY_TEXT)
        try:
            with self._failures():
                self.queue.staff.answer(ticket_id, _actor(staff), text.strip(), copy_header=STAFF_WEB_ANSWER,
                                        redacted_ok=redacted_ok)  # fmt: skip
        except ThirdPartyData as exc:
            raise NeedsRedaction(exc.redacted, exc.kinds) from exc

    def close(self, staff: Staff, ticket_id: int, outcome: Outcome) -> None:
        """Close the ticket with how it ended (the official is told, and may reply to reopen)."""
        with self._failures():
            self.queue.staff.close(ticket_id, _actor(staff))
            self._desk.set_outcome(ticket_id, Outcome(outcome).value)
        self._audit(staff, "ticket.outcome", ticket_id, {"outcome": Outcome(outcome).value})

    def note(self, staff: Staff, ticket_id: int, text: str) -> None:
        """Keep an internal note (never relayed); personal identifiers are scrubbed first."""
        if not text.strip():
            raise ActionFailed(messages.EMPTY_TEXT)
        with self._failures():
            note = self._desk.add_note(ticket_id, staff.name, scrub(text))
        self._audit(staff, "ticket.noted", ticket_id, {"note": note.id})

    # Canned replies (admins keep them, everyone uses them) ----------------------------------

    def canned(self) -> list[CannedReplyRecord]:
        return self._desk.canned()

    def add_canned(self, staff: Staff, title: str, text: str) -> None:
        _require_admin(staff)
        if not title.strip() or not text.strip():
            raise ActionFailed(messages.EMPTY_TEXT)
        reply = self._desk.add_canned(title.strip(), scrub(text))
        self._audit(staff, "canned.added", None, {"canned": reply.id})

    def delete_canned(self, staff: Staff, reply_id: int) -> None:
        _require_admin(staff)
        self._desk.delete_canned([reply_id])
        self._audit(staff, "canned.deleted", None, {"canned": reply_id})

    # FAQ review ---------------------------------------------------------------------------

    def drafts(self) -> list[FaqDraftRecord]:
        """Drafts waiting for review."""
        return self.queue.storage.faq_drafts.list_drafts(DraftStatus.DRAFT)

    def make_faq(self, staff: Staff, ticket_id: int) -> FaqDraftRecord:
        """A draft from the ticket's staff answers, personal data scrubbed."""
        with self._failures():
            return self.queue.faq.draft(ticket_id, _actor(staff))

    def edit_draft(self, staff: Staff, draft_id: int, question: str, answer: str) -> FaqDraftRecord:
        """New wording for a draft (scrubbed again)."""
        if not question.strip() or not answer.strip():
            raise ActionFailed(messages.EMPTY_TEXT)
        with self._failures():
            draft = self.queue.storage.faq_drafts.get(draft_id)
            if draft is None:
                raise DraftNotFound(draft_id)
            edited = self.queue.storage.faq_drafts.update_draft_text(draft_id, scrub(question), scrub(answer), None)
        self._audit(staff, "faq.edited", draft.ticket_id, {"draft_id": draft_id})
        return edited

    def approve_draft(self, staff: Staff, draft_id: int) -> FaqDraftRecord:
        """Admins: write the FAQ file and publish it with an incremental reindex in the background."""
        _require_admin(staff)
        with self._failures():
            approved = self.queue.faq.approve(draft_id, _actor(staff))
        if self.publisher is not None:
            self.publisher.publish_soon()
        return approved

    def reject_draft(self, staff: Staff, draft_id: int) -> None:
        """Admins: drop a draft from the review queue."""
        _require_admin(staff)
        with self._failures():
            draft = self.queue.storage.faq_drafts.reject(draft_id)
        self._audit(staff, "faq.rejected", draft.ticket_id, {"draft_id": draft_id})

    # Reports ------------------------------------------------------------------------------

    def report(self, year: int) -> YearReport:
        """The figures of a Brussels calendar year, recomputed only when the data changed.

        A fingerprint query (a few ms) decides; computing 10,000 questions' figures takes a few
        hundred ms on 2 cores (BENCHMARKS.md), which staff paging through reports need not wait for.
        """
        version = (year, ReportingRepository(self.queue.storage.database).version())
        cached = self._reports.get(year)
        if cached is not None and cached[0] == version:
            return cached[1]
        report = build_report(self.queue.storage, year, self.themes, zone=self.settings.timezone,
                              response_target_hours=self.settings.response_target_hours)  # fmt: skip
        self._reports[year] = (version, report)
        return report

    def forget_reports(self) -> None:
        """Drop the cached figures (the benchmark times the cold path with this)."""
        self._reports.clear()

    # Helpers ------------------------------------------------------------------------------

    def _sla(self, status: TicketStatus, age_hours: float) -> Sla:
        if status not in (TicketStatus.OPEN, TicketStatus.CLAIMED):
            return Sla.DONE
        target = self.settings.response_target_hours
        return Sla.LATE if age_hours > target else Sla.SOON if age_hours > 0.75 * target else Sla.OK

    def _audit(self, staff: Staff, action: str, ticket_id: int | None, detail: dict[str, object]) -> None:
        self.queue.storage.audit.record(None, staff.name, action, ticket_id,
                                        {**detail, "via": "web", "account": staff.account_id})  # fmt: skip

    @contextlib.contextmanager
    def _failures(self) -> Iterator[None]:
        """Queue and storage errors as one Dutch line."""
        try:
            yield
        except TicketNotFound as exc:
            raise ActionFailed(messages.TICKET_NOT_FOUND.format(ticket_id=exc.ticket_id)) from exc
        except DraftNotFound as exc:
            raise ActionFailed(messages.DRAFT_NOT_FOUND.format(draft_id=exc.draft_id)) from exc
        except NothingToDraft as exc:
            raise ActionFailed(messages.NOTHING_TO_DRAFT) from exc
        except NotPossible as exc:
            raise ActionFailed(messages.NOT_POSSIBLE.format(status=exc.status or "-")) from exc
        except ThirdPartyData:
            raise
        except (QueueError, StorageError) as exc:
            raise ActionFailed(messages.NOT_POSSIBLE.format(status=type(exc).__name__)) from exc


def _actor(staff: Staff) -> Actor:
    return Actor(None, staff.name)


def _require_admin(staff: Staff) -> None:
    if not staff.admin:
        raise Forbidden(messages.ADMIN_ONLY)
