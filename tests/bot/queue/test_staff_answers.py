"""Staff answers: checked for third persons' identifiers, held redacted, every failure told in the topic;
ticket posts retried until delivered; forgotten tickets leave only neutral texts in the staff forum."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import event, select, text, update

from bot.queue import Outcome, StaffQueue
from bot.queue.delivery import MAX_ATTEMPTS
from bot.settings import Settings
from bot.storage import HandoverTrigger, OutboxKind, OutboxStatus, Storage, TicketStatus
from bot.storage.models import HeldAnswer, OutboxMessage, TicketMessage
from tests.support.fakes import FakeBotAPI

from .conftest import (
    OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    answers,
    buttons,
    command,
    escalate,
    message_id,
    press,
    sends,
    settled,
    staff_reply,
    thread_of,
    ticket_of,
    wait_send,
)

RELAY = "Antwoord van Team Veiligheid"
NAMING = "Bel mevrouw De Smet op 0470 12 34 56, zij volgt dit op."


def _everything_stored(storage: Storage) -> str:
    """Every text column a staff answer could land in: ticket messages, the outbox, held answers."""
    with storage.database.session() as session:
        texts = list(session.scalars(select(TicketMessage.text)))
        texts += list(session.scalars(select(OutboxMessage.text)))
        texts += list(session.scalars(select(HeldAnswer.text)))
    return "\n".join(texts)


async def test_an_answer_naming_a_third_person_is_held_redacted_and_sent_redacted_once_confirmed(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        await staff_reply(fake_bot_api, post, NAMING)
        held = await wait_send(fake_bot_api, STAFF_CHAT, "niet doorgestuurd: het bevat gegevens van een derde")
        assert held.params["message_thread_id"] == thread_of(post)
        assert "[telefoonnummer]" in str(held.params["text"]) and "0470" not in str(held.params["text"])
        send, cancel = buttons(held)
        assert send.startswith("sq:held:") and cancel.startswith("sq:drop:")
        await settled(storage)
        assert sends(fake_bot_api, OFFICIAL, RELAY) == []  # nothing left before staff decided
        ticket = storage.tickets.get_ticket(number)
        assert ticket is not None and ticket.status is not TicketStatus.ANSWERED

        press(fake_bot_api, STAFF_CHAT, SARA, send, held)
        relay = await wait_send(fake_bot_api, OFFICIAL, RELAY)
        press(fake_bot_api, STAFF_CHAT, SARA, send, held)  # a second press sends nothing more
        await fake_bot_api.wait_for(lambda calls: bool(answers(fake_bot_api, "al verstuurd of geannuleerd")))
        await settled(storage)

    assert "[telefoonnummer]" in str(relay.params["text"]) and "0470" not in str(relay.params["text"])
    assert len(sends(fake_bot_api, OFFICIAL, RELAY)) == 1
    stored = _everything_stored(storage)
    assert "0470" not in stored and "De Smet" not in stored
    [answer] = storage.tickets.messages(number)
    assert "[telefoonnummer]" in answer.text
    actions = [entry.action for entry in storage.audit.list_for_ticket(number)]
    assert "answer.held" in actions and "ticket.answered" in actions


async def test_a_held_answer_cancelled_reaches_nobody(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        await staff_reply(fake_bot_api, post, "Mail fatima.b [at] hotmail [dot] com even.")
        held = await wait_send(fake_bot_api, STAFF_CHAT, "gegevens van een derde")
        press(fake_bot_api, STAFF_CHAT, SARA, buttons(held)[1], held)
        await fake_bot_api.wait_for(lambda calls: bool(answers(fake_bot_api, "geannuleerd; niets is verstuurd")))
        await settled(storage)
    assert sends(fake_bot_api, OFFICIAL, RELAY) == []
    assert "hotmail" not in _everything_stored(storage)


@contextmanager
def _fail_staff_answer_inserts(storage: Storage) -> Iterator[None]:
    """The database refuses the staff answer's write as a locked database does (driver-level error)."""
    engine = storage.database.engine
    postgres = engine.dialect.name == "postgresql"

    def refuse(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO TICKET_MESSAGES"):
            if postgres:
                raise psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
            raise sqlite3.OperationalError("database is locked")

    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


async def test_a_database_error_on_a_staff_answer_is_told_in_the_topic_and_a_retry_goes_through(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        await settled(storage)
        with _fail_staff_answer_inserts(storage):
            await staff_reply(fake_bot_api, post, "Antwoord tijdens een vergrendelde databank.")
            told = await wait_send(fake_bot_api, STAFF_CHAT, "Niet doorgestuurd")
        assert told.params["message_thread_id"] == thread_of(post)
        assert "databank" in str(told.params["text"]) and "Probeer opnieuw" in str(told.params["text"])
        assert sends(fake_bot_api, OFFICIAL, RELAY) == []
        await staff_reply(fake_bot_api, post, "Antwoord na het opnieuw proberen.")
        await wait_send(fake_bot_api, OFFICIAL, "na het opnieuw proberen")
        await settled(storage)
    assert len(sends(fake_bot_api, OFFICIAL, RELAY)) == 1


async def test_a_ticket_post_refused_by_the_staff_group_is_retried_until_delivered(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    fake_bot_api.block_chat(STAFF_CHAT)  # the bot was removed from the staff group
    async with launch():
        update = fake_bot_api.make.text_message(OFFICIAL, OFFICIAL, "Een vraag terwijl de bot uit de groep is.")
        fake_bot_api.enqueue(update)
        offer = await wait_send(fake_bot_api, OFFICIAL, "doorgeven")
        press(fake_bot_api, OFFICIAL, OFFICIAL, next(d for d in buttons(offer) if d.startswith("hv:")), offer)
        await wait_send(fake_bot_api, OFFICIAL, "doorgegeven")
        await fake_bot_api.wait_for(
            lambda calls: sum(1 for c in calls if c.method == "sendMessage" and c.fault == "blocked") >= 2
        )
        fake_bot_api.faults.unblock_chat(STAFF_CHAT)  # let back in: the post gets there without anyone asking
        post = await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ", timeout=15)
        await settled(storage)
    ticket = storage.tickets.get_ticket(ticket_of(post))
    assert ticket is not None and ticket.staff_message_id == message_id(post)


def test_a_post_given_up_tells_staff_in_the_staff_chat_and_upkeep_tries_again(
    storage: Storage, queue_settings: Settings
) -> None:
    queue = StaffQueue.over(storage, queue_settings)
    official = storage.officials.upsert_official(OFFICIAL, "An")
    ticket = queue.officials.escalate(official.id, OFFICIAL, OFFICIAL, "Een vraag", HandoverTrigger.LOW_CONFIDENCE,
                                      ask_local_government=False).ticket  # fmt: skip
    with storage.database.session() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.dedupe_key == f"post:{ticket.id}")
                        .values(attempts=MAX_ATTEMPTS - 1))  # fmt: skip
    [item] = queue.delivery.claim()
    queue.delivery.record(item, Outcome.BLOCKED, error="Forbidden: bot was kicked from the supergroup chat")

    post = storage.outbox.get(item.id)
    assert post is not None and post.status is OutboxStatus.FAILED
    [notice] = [row for row in queue.delivery.claim() if row.dedupe_key == f"post-undeliverable:{ticket.id}"]
    assert notice.chat_id == STAFF_CHAT and notice.kind is OutboxKind.NOTIFY_STAFF
    assert f"Vraag {ticket.id} kon na {MAX_ATTEMPTS} pogingen niet" in notice.text

    queue.upkeep.remind()
    revived = storage.outbox.get(item.id)
    assert revived is not None and revived.status is OutboxStatus.PENDING and revived.attempts == 0


async def test_forgetting_renames_the_topic_and_rewrites_the_posts_to_a_neutral_text(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        post = await escalate(fake_bot_api, question="Hoe meld ik een zorg over radicalisering in Gent?")
        number = ticket_of(post)
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/vergeetmij")
        question = await wait_send(fake_bot_api, OFFICIAL, "Wilt u dat we uw gegevens verwijderen?")
        press(fake_bot_api, OFFICIAL, OFFICIAL, "vg:ja", question)
        neutral = f"Vraag {number} — verwijderd op verzoek"
        await fake_bot_api.wait_for(lambda calls: any(c.params.get("name") == neutral for c in calls))
        await settled(storage)

    assert fake_bot_api.chats.topic(STAFF_CHAT, thread_of(post)).name == neutral
    rewritten = fake_bot_api.message(STAFF_CHAT, message_id(post))
    assert rewritten is not None and rewritten["text"] == neutral and "reply_markup" not in rewritten
    with storage.database.session() as session:
        edits = session.scalars(select(OutboxMessage).where(OutboxMessage.kind.in_(
            [OutboxKind.EDIT_STAFF_MESSAGE, OutboxKind.RENAME_STAFF_TOPIC]))).all()  # fmt: skip
        assert edits and all(row.status is OutboxStatus.SENT and row.text == neutral for row in edits)
        assert session.execute(text("select count(*) from held_answers")).scalar() == 0
