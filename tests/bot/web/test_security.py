"""Security of the workspace: sessions, CSRF, removed accounts, throttled logins, inert markup."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.web import create_app
from bot.workspace import Workspace
from tests.support.workspace import PASSWORD, csrf_of, seed_ticket

from .conftest import ADMIN_EMAIL, SECRET, STAFF_EMAIL, Login, token

PAGES = [
    "/",
    "/tickets/1",
    "/faq",
    "/standaardantwoorden",
    "/kennis",
    "/reports",
    "/reports/2026.csv",
    "/reports/2026.xlsx",
]
FORMS = ["/tickets/1/claim", "/tickets/1/assign", "/tickets/1/answer", "/tickets/1/close", "/tickets/1/note",
         "/tickets/1/faq", "/faq/1/edit", "/faq/1/approve", "/faq/1/reject", "/standaardantwoorden",
         "/standaardantwoorden/1/delete", "/kennis/reindex", "/kennis/rollback"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_no_page_without_a_session(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


@pytest.mark.parametrize("path", FORMS)
def test_no_form_without_a_session(client: TestClient, queue: StaffQueue, path: str) -> None:
    seed_ticket(queue, 4242, "Een vraag")
    response = client.post(path, data={"answer": "x", "csrf_token": "guess"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert [e.action for e in queue.storage.audit.list_for_ticket(1)] == ["ticket.created"]


def test_api_answers_401_without_a_session_and_accepts_the_cookie_elsewhere(client: TestClient, login: Login,
                                                                          workspace: Workspace) -> None:  # fmt: skip
    assert client.get("/api/report?year=2026").status_code == 401
    login()
    cookie = client.cookies.get("vraagbaak_session")
    assert cookie
    with TestClient(create_app(workspace, SECRET)) as other:
        other.cookies.set("vraagbaak_session", cookie)
        assert other.get("/api/report?year=2026").status_code == 200
        other.cookies.set("vraagbaak_session", cookie[:-3] + "abc")
        assert other.get("/api/report?year=2026").status_code == 401


def test_session_cookie_flags(client: TestClient) -> None:
    header = client.get("/login").headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" not in header
    with TestClient(client.app, base_url="https://testserver") as secure:
        assert "secure" in secure.get("/login").headers["set-cookie"].lower()


def test_csrf_refused(client: TestClient, login: Login, queue: StaffQueue) -> None:
    ticket = seed_ticket(queue, 4242, "Een vraag")
    login()
    for data in ({"answer": "Gesmeed antwoord"}, {"answer": "Gesmeed antwoord", "csrf_token": "not-the-token"}):
        response = client.post(f"/tickets/{ticket.id}/answer", data=data)
        assert response.status_code == 403 and "verlopen" in response.text
    assert all(m.text != "Gesmeed antwoord" for m in queue.storage.tickets.messages(ticket.id))


def test_login_form_has_csrf_too(client: TestClient) -> None:
    response = client.post("/login", data={"email": STAFF_EMAIL, "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403


def test_forged_form_for_a_removed_account_is_refused(client: TestClient, login: Login, queue: StaffQueue,
                                                       workspace: Workspace) -> None:  # fmt: skip
    ticket = seed_ticket(queue, 4242, "Een vraag")
    login()
    csrf = token(client)
    workspace.accounts.remove(STAFF_EMAIL)
    response = client.post(f"/tickets/{ticket.id}/answer", data={"csrf_token": csrf, "answer": "Na verwijdering"},
                           follow_redirects=False)  # fmt: skip
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303
    assert queue.storage.tickets.messages(ticket.id) == []


def test_a_password_change_ends_older_sessions(client: TestClient, login: Login, workspace: Workspace) -> None:
    login()
    assert client.get("/", follow_redirects=False).status_code == 200
    workspace.accounts.set_password(STAFF_EMAIL, "a brand new password")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logins_are_throttled(client: TestClient, login: Login) -> None:
    csrf = csrf_of(client.get("/login").text)
    attempts = [{"email": STAFF_EMAIL, "password": f"wrong {n}", "csrf_token": csrf} for n in range(6)]
    statuses = [client.post("/login", data=data).status_code for data in attempts]
    assert statuses == [400] * 5 + [429]
    blocked = client.post("/login", data={"email": STAFF_EMAIL, "password": PASSWORD, "csrf_token": csrf})
    assert blocked.status_code == 429 and "Te veel mislukte pogingen" in blocked.text


def test_markup_in_a_question_or_a_note_is_inert(client: TestClient, login: Login, queue: StaffQueue) -> None:
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ticket = seed_ticket(queue, 4242, f"Vraag {attack}")
    login()
    client.post(f"/tickets/{ticket.id}/note", data={"csrf_token": token(client), "note": f"Notitie {attack}"})
    for page in (client.get("/").text, client.get(f"/tickets/{ticket.id}").text):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_admin_actions_need_the_admin_role(client: TestClient, login: Login) -> None:
    login(STAFF_EMAIL)
    assert client.post("/faq/1/approve", data={"csrf_token": token(client)}).status_code == 403
    client.cookies.clear()
    login(ADMIN_EMAIL)
    assert client.post("/faq/1/approve", data={"csrf_token": token(client)}).status_code == 409  # no such draft
