"""The workspace's own storage: inbox query, (re)assignment, notes and their anonymisation."""

from __future__ import annotations

from datetime import timedelta

from bot.queue import StaffQueue
from bot.storage import REMOVED, HandoverTrigger, Storage, TicketStatus
from bot.storage.workdesk import InboxQuery, WorkdeskRepository
from tests.bot.storage.conftest import FakeClock
from tests.support.workspace import seed_ticket


def test_inbox_query_filters_in_sql(storage: Storage, queue: StaffQueue, clock: FakeClock) -> None:
    desk = WorkdeskRepository(storage.database)
    old = seed_ticket(queue, 1, "Werkt 100% van de LIVC R_leden mee?", government="Genk")
    clock.advance(hours=30)
    new = seed_ticket(queue, 2, "Hoe zit het met beroepsgeheim?", government="Gent",
                      trigger=HandoverTrigger.CASE_QUESTION)  # fmt: skip

    def ids(**query: object) -> list[int]:
        return [row.ticket.id for row in desk.inbox(InboxQuery(**query))]  # type: ignore[arg-type]

    assert ids() == [old.id, new.id]
    assert (
        ids(search="100%") == [old.id]
        and ids(search="R_leden") == [old.id]
        and ids(search="1_0") == []
        and ids(search="%") == [old.id]
    )
    assert ids(search="BEROEPSGEHEIM") == [new.id]
    assert ids(local_government="Gent") == [new.id] and ids(trigger=HandoverTrigger.CASE_QUESTION) == [new.id]
    assert ids(created_before=clock.now - timedelta(hours=24)) == [old.id]
    assert desk.known_local_governments() == ["Genk", "Gent"]
    desk.assign(old.id, "Sara")
    assert ids(assignee="Sara") == [old.id] and desk.assignees() == ["Sara"]
    assert ids(statuses=(TicketStatus.OPEN,)) == [new.id]
    unclaimed = desk.assign(old.id, None)
    assert unclaimed.status is TicketStatus.OPEN and unclaimed.assignee_name is None


def test_notes_are_blanked_with_their_ticket(storage: Storage, queue: StaffQueue, clock: FakeClock) -> None:
    desk = WorkdeskRepository(storage.database)
    ticket = seed_ticket(queue, 1, "Een vraag")
    desk.add_note(ticket.id, "Sara", "Bel mevrouw Janssens terug")
    clock.advance(days=400)
    assert storage.tickets.anonymise_older_than(365) == 1
    assert [note.text for note in desk.notes(ticket.id)] == [REMOVED]
