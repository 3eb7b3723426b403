"""The workspace pages over a real database: inbox, ticket work through the outbox, FAQ review, reports."""

from __future__ import annotations

import csv
import io
from datetime import date
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.storage import OutboxKind, TicketStatus
from bot.workspace import Workspace
from tests.support.workspace import answer_ticket, outbox_rows, seed_ticket

from .conftest import Login, token

QUESTION = "Mag onze preventiewerker info over een jongere delen op de LIVC R?"


def test_healthz_answers_without_login(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.text == "ok"


def test_inbox_lists_open_tickets_with_their_number_and_link(client: TestClient, login: Login,
                                                             queue: StaffQueue) -> None:  # fmt: skip
    first = seed_ticket(queue, 4242, QUESTION)
    second = seed_ticket(queue, 4343, "Hoe melden we online haat?", government="Gent", source="online")
    answered = seed_ticket(queue, 4444, "Wie zit er in de LIVC R?", government="Leuven")
    answer_ticket(queue, answered.id, "De burgemeester en de lokale diensten.")
    login()
    page = client.get("/").text
    assert f'data-ticket-id="{first.id}"' in page and f'data-ticket-id="{second.id}"' in page
    assert f'data-ticket-id="{answered.id}"' not in page  # answered: not waiting any more
    assert f'href="/tickets/{first.id}"' in page and "2 vragen" in page
    assert "Opstart en werking van een LIVC R" in page  # the theme from the FAQ source


def test_inbox_filters(client: TestClient, login: Login, queue: StaffQueue) -> None:
    genk = seed_ticket(queue, 4242, QUESTION)
    gent = seed_ticket(queue, 4343, "Hoe melden we online haat?", government="Gent", source="online")
    login()
    by_government = client.get("/", params={"gemeente": "Gent"}).text
    by_theme = client.get("/", params={"theme": "Polarisatie, desinformatie en online haat"}).text
    by_words = client.get("/", params={"q": "preventiewerker jongere"}).text
    by_age = client.get("/", params={"ouder": "24"}).text
    for page, expected, other in ((by_government, gent, genk), (by_theme, gent, genk), (by_words, genk, gent)):
        assert f'data-ticket-id="{expected.id}"' in page and f'data-ticket-id="{other.id}"' not in page
    assert "data-ticket-id" not in by_age  # both were opened seconds ago


def test_claim_reassign_unclaim_from_the_inbox(client: TestClient, login: Login, queue: StaffQueue) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    login()
    csrf = token(client)
    claimed = client.post(f"/tickets/{ticket.id}/claim", data={"csrf_token": csrf, "from": "inbox"})
    assert claimed.status_code == 200 and "De vraag is nu van u." in claimed.text
    record = queue.storage.tickets.get_ticket(ticket.id)
    assert record is not None and record.status is TicketStatus.CLAIMED and record.assignee_name == "Sara Peeters"
    client.post(f"/tickets/{ticket.id}/assign", data={"csrf_token": csrf, "assignee": "Tom Janssens"})
    assert queue.storage.tickets.get_ticket(ticket.id).assignee_name == "Tom Janssens"  # type: ignore[union-attr]
    client.post(f"/tickets/{ticket.id}/assign", data={"csrf_token": csrf, "assignee": ""})
    back = queue.storage.tickets.get_ticket(ticket.id)
    assert back is not None and back.status is TicketStatus.OPEN and back.assignee_name is None
    actions = [e.action for e in queue.storage.audit.list_for_ticket(ticket.id)]
    assert actions[-3:] == ["ticket.claimed", "ticket.reassigned", "ticket.unclaimed"]
    answer_ticket(queue, ticket.id, "Ja.")
    answered = client.get("/", params={"status": "answered"}).text
    assert f'aria-label="Vraag {ticket.id} afsluiten als beantwoord"' in answered
    closed = client.post(
        f"/tickets/{ticket.id}/close", data={"csrf_token": csrf, "from": "inbox", "outcome": "answered"}
    )
    assert closed.status_code == 200 and closed.url.path == "/" and "De vraag is afgesloten." in closed.text
    record = queue.storage.tickets.get_ticket(ticket.id)
    assert record is not None and record.status is TicketStatus.CLOSED and record.outcome == "answered"


def test_answer_goes_into_the_outbox_for_the_official(client: TestClient, login: Login, queue: StaffQueue) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    login()
    page = client.get(f"/tickets/{ticket.id}").text
    assert QUESTION in page and 'name="answer"' in page and 'name="send"' in page
    assert "Wie zit er in een LIVC R?" in page  # the bot's source
    brussels = ticket.created_at.astimezone(ZoneInfo("Europe/Brussels")).strftime("%d/%m/%Y %H:%M")
    assert brussels in page and ticket.created_at.strftime("%d/%m/%Y %H:%M") not in page  # times in Brussels
    data = {"csrf_token": token(client), "answer": "Ja, binnen het gedeeld beroepsgeheim."}
    response = client.post(f"/tickets/{ticket.id}/answer", data=data)
    assert response.status_code == 200 and "bezorgt" in response.text
    relays = [row for row in outbox_rows(queue.storage) if row[1] == OutboxKind.RELAY_TO_OFFICIAL]
    assert [row[2] for row in relays] == [4242] and "gedeeld beroepsgeheim" in relays[0][3]
    record = queue.storage.tickets.get_ticket(ticket.id)
    assert record is not None and record.status is TicketStatus.ANSWERED


def test_close_with_an_outcome_and_notes_stay_internal(client: TestClient, login: Login, queue: StaffQueue) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    login()
    csrf = token(client)
    client.post(f"/tickets/{ticket.id}/note", data={"csrf_token": csrf, "note": "Bel eerst de LIVC R-coördinator."})
    before = {row[0] for row in outbox_rows(queue.storage)}
    client.post(f"/tickets/{ticket.id}/close", data={"csrf_token": csrf, "outcome": "referred"})
    record = queue.storage.tickets.get_ticket(ticket.id)
    assert record is not None and record.status is TicketStatus.CLOSED and record.outcome == "referred"
    page = client.get(f"/tickets/{ticket.id}").text
    assert "Bel eerst de LIVC R-coördinator." in page and "Doorverwezen naar elders" in page
    sent_texts = [row[3] for row in outbox_rows(queue.storage) if row[0] not in before]
    assert sent_texts and not any("coördinator" in text for text in sent_texts)  # the note is never relayed


def test_faq_review_needs_an_admin_and_publishes(client: TestClient, login: Login, queue: StaffQueue,
                                                 workspace: Workspace, reindexed: list[int]) -> None:  # fmt: skip
    ticket = seed_ticket(queue, 4242, QUESTION)
    answer_ticket(queue, ticket.id, "Ja, met gedeeld beroepsgeheim. Bel gerust 0470 12 34 56.")
    login()
    csrf = token(client)
    drafted = client.post(f"/tickets/{ticket.id}/faq", data={"csrf_token": csrf})
    assert drafted.status_code == 200 and "Concept" in drafted.text
    assert '<mark class="redacted">[telefoonnummer]</mark>' in drafted.text and "0470" not in drafted.text
    [draft] = workspace.drafts()
    refused = client.post(f"/faq/{draft.id}/approve", data={"csrf_token": csrf})
    assert refused.status_code == 403 and "beheerder" in refused.text
    client.cookies.clear()
    login("tom@vvsg.be")
    form = {"csrf_token": token(client, "/faq"), "question": "Mag een preventiewerker info delen?",
            "faq_answer": "Ja, binnen het gedeeld beroepsgeheim.", "approve": "1"}  # fmt: skip
    edited = client.post(f"/faq/{draft.id}/edit", data=form)
    assert edited.status_code == 200 and "binnen een minuut" in edited.text
    approved = queue.storage.faq_drafts.get(draft.id)
    assert approved is not None and approved.status.value == "approved" and approved.question.startswith("Mag een")
    assert workspace.publisher is not None and workspace.publisher.idle.wait(5) and reindexed == [1]
    assert (queue.config.staff_faq_dir / str(approved.file_path)).is_file()


def test_canned_replies_admins_keep_them_everyone_uses_them(client: TestClient, login: Login,
                                                            queue: StaffQueue) -> None:  # fmt: skip
    ticket = seed_ticket(queue, 4242, QUESTION)
    login("tom@vvsg.be")
    client.post("/standaardantwoorden", data={"csrf_token": token(client), "title": "Doorverwijzen naar CAW",
                                              "text": "Neem contact op met het CAW in uw regio."})  # fmt: skip
    client.cookies.clear()
    login()
    page = client.get(f"/tickets/{ticket.id}").text
    assert "Doorverwijzen naar CAW" in page
    reply_id = page.split("standaard=")[1].split("#")[0]
    prefilled = client.get(f"/tickets/{ticket.id}", params={"standaard": reply_id}).text
    assert ">Neem contact op met het CAW in uw regio.</textarea>" in prefilled
    refused = client.post("/standaardantwoorden", data={"csrf_token": token(client), "title": "x", "text": "y"})
    assert refused.status_code == 403


def test_report_page_api_and_downloads(client: TestClient, login: Login, queue: StaffQueue) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    seed_ticket(queue, 4343, "Hoe melden we online haat?", government="Gent", source="online")
    answer_ticket(queue, ticket.id, "Ja.")
    year = date.today().year
    login()
    page = client.get("/reports", params={"year": year})
    assert page.status_code == 200 and page.text.count("<svg") >= 2 and "Cijfers" in page.text
    data = client.get("/api/report", params={"year": year}).json()
    assert {"year", "questions", "answered_by_bot", "escalated", "local_governments", "tickets",
            "median_first_response_hours", "by_theme", "by_local_government"} <= set(data)  # fmt: skip
    assert (data["year"], data["questions"], data["tickets"], data["local_governments"]) == (year, 2, 2, 2)
    assert data["by_local_government"] == {"Genk": 1, "Gent": 1} and data["median_first_response_hours"] is not None
    rows = list(csv.reader(io.StringIO(client.get(f"/reports/{year}.csv").text)))
    assert ["Vragen gesteld", "2"] in rows and ["Gent", "1", "1"] in rows
    book = load_workbook(io.BytesIO(client.get(f"/reports/{year}.xlsx").content))
    assert book.sheetnames == ["Cijfers", "Thema's", "Lokale besturen"]
    assert client.get("/api/report", params={"year": "abc"}).status_code == 400
    seed_ticket(queue, 4444, "Nog een vraag", government="Leuven")  # the cached figures follow the data
    assert client.get("/api/report", params={"year": year}).json()["tickets"] == 3


def test_knowledge_page_without_an_index_and_reindex_for_admins(
    client: TestClient, login: Login, reindexed: list[int], workspace: Workspace
) -> None:
    login()
    page = client.get("/kennis")
    assert page.status_code == 200 and "nog geen index" in page.text and "Nu herindexeren" not in page.text
    assert client.post("/kennis/reindex", data={"csrf_token": token(client)}).status_code == 403
    client.cookies.clear()
    login("tom@vvsg.be")
    started = client.post("/kennis/reindex", data={"csrf_token": token(client, "/kennis")})
    assert started.status_code == 200 and "De herindexering loopt" in started.text
    assert workspace.publisher is not None and workspace.publisher.idle.wait(5) and reindexed == [1]
    assert workspace.queue.storage.audit.recent(1)[0].action == "index.reindex_started"
