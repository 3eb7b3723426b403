"""Approving an FAQ draft in the workspace makes the bot answer with it: the real model, the real
incremental reindex in the publisher's background thread, then the served index; the knowledge
page shows the new version and rolls back to the previous one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.services import build_assistant, reindex
from bot.settings import Settings
from bot.storage import Storage
from bot.web import create_app
from bot.workspace import Role, Workspace
from index import SentenceTransformerEmbedder, VersionStore
from tests.support.workspace import PASSWORD, answer_ticket, csrf_of, fast_accounts, seed_ticket

from .conftest import ADMIN_EMAIL, SECRET

QUESTION = "Hebben de gemeenten van politiezone Carma een gezamenlijke LIVC R?"
ANSWER = ("Ja. De gemeenten van politiezone Carma (Genk, As, Zutendaal en Oudsbergen) werken met één gezamenlijke "
          "LIVC R die viermaal per jaar samenkomt onder voorzitterschap van de burgemeester van Genk.")  # fmt: skip
PARAPHRASE = "Werken de gemeenten van de politiezone Carma samen in één LIVC R?"


@pytest.fixture
def live_storage(sqlite_url: str) -> Iterator[Storage]:
    opened = Storage.open(sqlite_url)
    yield opened
    opened.database.dispose()


@pytest.mark.model
def test_an_faq_approved_in_the_browser_is_answered_by_the_bot(
    make_settings: Callable[..., Settings], embedder: SentenceTransformerEmbedder, live_storage: Storage,
    sqlite_url: str,
) -> None:  # fmt: skip
    settings = make_settings(database_url=sqlite_url)
    queue = StaffQueue.over(live_storage, settings)
    workspace = Workspace(settings, queue, accounts=fast_accounts(live_storage),
                          reindex=lambda: reindex(settings, embedder))  # fmt: skip
    workspace.accounts.add(ADMIN_EMAIL, "Tom Janssens", PASSWORD, Role.ADMIN)
    ticket = seed_ticket(queue, 4242, QUESTION)
    answer_ticket(queue, ticket.id, ANSWER)
    with TestClient(create_app(workspace, SECRET)) as client:
        token = csrf_of(client.get("/login").text)
        client.post("/login", data={"email": ADMIN_EMAIL, "password": PASSWORD, "csrf_token": token})
        client.post(f"/tickets/{ticket.id}/faq", data={"csrf_token": token_of(client)})
        [draft] = workspace.drafts()
        before = VersionStore(settings.index_dir).current_id()
        approved = client.post(f"/faq/{draft.id}/approve", data={"csrf_token": token_of(client)})
        assert approved.status_code == 200 and "binnen een minuut" in approved.text
        assert workspace.publisher is not None and workspace.publisher.idle.wait(60) and workspace.publisher.runs == 1
        top = build_assistant(settings, embedder=embedder).ask(PARAPHRASE).sources[0]
        assert top.doc_id.startswith("staff-faq/vraag-") and top.doc_id.endswith(f"#team-veiligheid-{draft.id:04d}")

        page = client.get("/kennis").text
        after = VersionStore(settings.index_dir).current_id()
        assert after != before and f"{after} <strong>(in gebruik)</strong>" in page and "staff-faq" in page
        unknown = client.post("/kennis/rollback", data={"csrf_token": token_of(client), "version": "nope"})
        assert unknown.status_code == 409 and "bestaat niet" in unknown.text
        back = client.post("/kennis/rollback", data={"csrf_token": token_of(client), "version": str(before)})
        assert back.status_code == 200 and VersionStore(settings.index_dir).current_id() == before


def token_of(client: TestClient) -> str:
    return csrf_of(client.get("/faq").text)
