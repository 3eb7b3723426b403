"""The learning loop: Maak FAQ, edit, approve, a corpus-schema file, and the next official's answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.queue import Actor, NothingToDraft, NotPossible, StaffQueue
from bot.services import build_assistant, reindex
from bot.settings import Settings
from bot.storage import DraftStatus, HandoverTrigger, Storage
from index import SentenceTransformerEmbedder
from knowledge.loaders.faq import load_faq
from tests.support.fakes import FakeBotAPI, html_to_text

from .conftest import (
    SARA,
    STAFF_CHAT,
    Launch,
    buttons,
    command,
    escalate,
    press,
    settled,
    staff_reply,
    ticket_of,
    wait_send,
)

QUESTION = "Hebben de gemeenten van politiezone Carma een gezamenlijke LIVC R?"
ANSWER = (
    "Ja. De gemeenten van politiezone Carma (Genk, As, Zutendaal en Oudsbergen) werken met één "
    "gezamenlijke LIVC R die viermaal per jaar samenkomt onder voorzitterschap van de burgemeester van Genk. "
    "Contact: bel 089 65 44 33 of mail lien.claes@carma.be."
)
PARAPHRASE = "Werken de gemeenten van de politiezone Carma samen in één LIVC R?"


def _scrubbed(text: str) -> bool:
    return "089 65 44 33" not in text and "lien.claes@carma.be" not in text and "[telefoonnummer]" in text


async def test_make_faq_edit_and_approve_in_telegram(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    fake_bot_api.set_member_status(STAFF_CHAT, SARA, "administrator")  # approving needs an admin
    async with launch():
        post = await escalate(fake_bot_api, question=QUESTION)
        number = ticket_of(post)
        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:faq:{number}", post)  # too early: no answer yet
        await fake_bot_api.wait_for(lambda calls: any("nog geen antwoord" in str(c.params.get("text")) for c in calls))
        await staff_reply(fake_bot_api, post, ANSWER)  # it names a person: held until staff send it redacted
        held = await wait_send(fake_bot_api, STAFF_CHAT, "gegevens van een derde")
        press(fake_bot_api, STAFF_CHAT, SARA, buttons(held)[0], held)
        await wait_send(fake_bot_api, 4242, "Carma")
        await settled(storage)
        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:faq:{number}", post)
        draft_post = await wait_send(fake_bot_api, STAFF_CHAT, "FAQ-concept")
        [draft] = storage.faq_drafts.list_drafts()
        command(
            fake_bot_api,
            STAFF_CHAT,
            SARA,
            f"/faq {draft.id} vraag Werken de Carma-gemeenten samen in één LIVC R?",
        )
        edited = await wait_send(fake_bot_api, STAFF_CHAT, "Carma-gemeenten")
        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:faqok:{draft.id}", draft_post)
        await fake_bot_api.wait_for(lambda calls: any("goedgekeurd" in str(c.params.get("text")) for c in calls))
        command(fake_bot_api, STAFF_CHAT, SARA, f"/faqok {draft.id}")
        await wait_send(fake_bot_api, STAFF_CHAT, f"FAQ-concept {draft.id} is al goedgekeurd")

    shown = html_to_text(draft_post.params["text"])
    assert _scrubbed(shown) and QUESTION in shown
    assert buttons(draft_post) == [f"sq:faqok:{draft.id}"] and buttons(edited) == [f"sq:faqok:{draft.id}"]
    approved = storage.faq_drafts.get(draft.id)
    assert approved is not None and approved.status is DraftStatus.APPROVED and approved.approved_by == SARA
    path = queue_settings.staff_faq_dir / str(approved.file_path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["theme"] and list(document["entries"][0]) == [
        "id",
        "question",
        "answer",
        "tags",
        "updated",
    ]
    [entry] = load_faq(path.read_bytes(), f"staff-faq/{path.name}")
    assert entry.doc_id == f"staff-faq/{path.name}#team-veiligheid-{draft.id:04d}"
    assert entry.faq_question == "Werken de Carma-gemeenten samen in één LIVC R?" and _scrubbed(entry.faq_answer or "")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    actions = [e.action for e in storage.audit.list_for_ticket(number)]
    assert actions[-3:] == ["faq.drafted", "faq.edited", "faq.approved"]


def test_draft_rules(storage: Storage, queue_settings: Settings) -> None:
    queue = StaffQueue.over(storage, queue_settings)
    official = storage.officials.upsert_official(4242, "An")
    ticket = queue.officials.escalate(official.id, 4242, 4242, QUESTION, HandoverTrigger.SPECIFIC_FACTS).ticket
    with pytest.raises(NothingToDraft):
        queue.faq.draft(ticket.id, Actor(SARA, "Sara"))
    queue.staff.answer(ticket.id, Actor(SARA, "Sara"), ANSWER, redacted_ok=True)
    draft = queue.faq.draft(ticket.id, Actor(SARA, "Sara"))
    edited = queue.faq.edit(draft.id, Actor(SARA, "Sara"), "Ja, bel 0470 12 34 56 voor meer uitleg.")
    assert "[telefoonnummer]" in edited.answer and edited.question == QUESTION
    queue.faq.approve(draft.id, Actor(SARA, "Sara"), today=date(2026, 3, 2))
    with pytest.raises(NotPossible):
        queue.faq.edit(draft.id, Actor(SARA, "Sara"), "te laat")


@pytest.fixture
def model_storage(database_url: str) -> Iterator[Storage]:
    opened = Storage.open(database_url)
    yield opened
    opened.database.dispose()


@pytest.mark.model
def test_an_approved_faq_answers_the_next_official(
    make_settings: Callable[..., Settings], embedder: SentenceTransformerEmbedder, model_storage: Storage
) -> None:
    settings = make_settings()
    before = build_assistant(settings, embedder=embedder).ask(PARAPHRASE)
    assert not any(source.doc_id.startswith("staff-faq/") for source in before.sources)

    queue = StaffQueue.over(model_storage, settings)
    official = model_storage.officials.upsert_official(4242, "An")
    ticket = queue.officials.escalate(official.id, 4242, 4242, QUESTION, HandoverTrigger.SPECIFIC_FACTS).ticket
    queue.staff.answer(ticket.id, Actor(SARA, "Sara"), ANSWER, redacted_ok=True)
    draft = queue.faq.draft(ticket.id, Actor(SARA, "Sara"))
    queue.faq.approve(draft.id, Actor(SARA, "Sara"))

    report = reindex(settings, embedder)
    assert report is not None
    after = build_assistant(settings, embedder=embedder).ask(PARAPHRASE)
    top = after.sources[0]
    assert top.doc_id.startswith("staff-faq/vraag-") and top.doc_id.endswith(f"#team-veiligheid-{draft.id:04d}")
    assert "089 65 44 33" not in after.answer and "lien.claes" not in after.answer
    assert Path(settings.staff_faq_dir).is_dir()
