"""An answer from the workspace that names a third person is shown redacted and sent only once confirmed."""

from __future__ import annotations

from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.storage import OutboxKind, TicketStatus
from tests.support.workspace import outbox_rows, seed_ticket

from .conftest import Login, token

QUESTION = "Mag onze preventiewerker info over een jongere delen op de LIVC R?"
NAMING = "Neem contact op met jan.peeters@gemeente.be of bel 0470 12 34 56."


def test_an_answer_naming_a_third_person_needs_the_redacted_version_confirmed(
    client: TestClient, login: Login, queue: StaffQueue
) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    login()
    csrf = token(client)
    shown = client.post(f"/tickets/{ticket.id}/answer", data={"csrf_token": csrf, "answer": NAMING})
    assert shown.status_code == 409 and "gegevens van een derde" in shown.text
    assert '<mark class="redacted">[telefoonnummer]</mark>' in shown.text
    assert "0470" not in shown.text and "peeters@" not in shown.text
    assert not [row for row in outbox_rows(queue.storage) if row[1] == OutboxKind.RELAY_TO_OFFICIAL]
    record = queue.storage.tickets.get_ticket(ticket.id)
    assert record is not None and record.status is TicketStatus.OPEN and not queue.storage.tickets.messages(ticket.id)

    redacted = "Neem contact op met [e-mailadres] of bel [telefoonnummer]."
    data = {"csrf_token": csrf, "answer": redacted, "confirm": "redacted"}
    sent = client.post(f"/tickets/{ticket.id}/answer", data=data)
    assert sent.status_code == 200 and "bezorgt" in sent.text
    relays = [row for row in outbox_rows(queue.storage) if row[1] == OutboxKind.RELAY_TO_OFFICIAL]
    assert len(relays) == 1 and "[telefoonnummer]" in relays[0][3]
    assert all("0470" not in row[3] and "peeters@" not in row[3] for row in outbox_rows(queue.storage))
    assert [message.text for message in queue.storage.tickets.messages(ticket.id)] == [redacted]


def test_a_confirmed_answer_is_redacted_again_whatever_the_form_says(
    client: TestClient, login: Login, queue: StaffQueue
) -> None:
    ticket = seed_ticket(queue, 4242, QUESTION)
    login()
    data = {"csrf_token": token(client), "answer": NAMING, "confirm": "redacted"}
    assert client.post(f"/tickets/{ticket.id}/answer", data=data).status_code == 200
    assert all("0470" not in row[3] and "peeters@" not in row[3] for row in outbox_rows(queue.storage))
    [message] = queue.storage.tickets.messages(ticket.id)
    assert "[telefoonnummer]" in message.text and "[e-mailadres]" in message.text
