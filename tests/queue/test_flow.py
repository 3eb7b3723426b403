"""A ticket's whole life through Telegram: consent, topic, claim, answer, follow-up, close, reopen."""

from __future__ import annotations

from bot.storage import AuthorKind, Storage, TicketStatus, TicketTrigger
from tests.fakes import FakeBotAPI, html_to_text

from .conftest import (
    LOW,
    OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    answers,
    buttons,
    escalate,
    message_id,
    press,
    say,
    sends,
    staff_reply,
    thread_of,
    wait_send,
)


async def test_escalation_needs_consent_and_tells_number_and_timing(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        say(fake_bot_api, OFFICIAL, OFFICIAL, LOW)
        offer = await wait_send(fake_bot_api, OFFICIAL, "doorgeven")
        assert storage.tickets.list_open() == []  # nothing passed on before the official's yes
        press(fake_bot_api, OFFICIAL, OFFICIAL, next(b for b in buttons(offer) if b.startswith("hv:")), offer)
        confirmation = await wait_send(fake_bot_api, OFFICIAL, "vraag nr. 1")
        post = await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag 1")
        ask = await wait_send(fake_bot_api, OFFICIAL, "lokaal bestuur")

    assert "48 uur" in confirmation.params["text"]
    [ticket] = storage.tickets.list_open()
    assert ticket.trigger is TicketTrigger.LOW_CONFIDENCE and ticket.question_text == LOW
    assert ticket.bot_confidence == 0.22 and ticket.bot_sources[0]["doc_id"].startswith("faq/")
    topic = fake_bot_api.calls("createForumTopic")[0]
    assert topic.params["name"].startswith("Vraag 1: Hoeveel subsidie")
    assert post.params["message_thread_id"] == thread_of(post) == ticket.staff_thread_id
    shown = html_to_text(post.params["text"])
    for part in (LOW, "onvoldoende zekerheid", "nog niet opgegeven", "Wat is een LIVC R?", "0,22"):
        assert part in shown
    assert buttons(post) == ["sq:claim:1", "sq:close:1", "sq:faq:1"]
    labels = [b["text"] for row in post.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["🙋 Oppakken", "✅ Afsluiten", "📝 Maak FAQ"]
    assert ask.params["reply_markup"]["force_reply"] is True
    assert ticket.staff_message_id == message_id(post)


async def test_claim_answer_follow_up_close_reopen(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        ask = await wait_send(fake_bot_api, OFFICIAL, "lokaal bestuur")
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Stad Mechelen", reply_to_message=fake_bot_api.message(OFFICIAL, message_id(ask)))
        await wait_send(fake_bot_api, OFFICIAL, "genoteerd: Stad Mechelen")
        await wait_send(fake_bot_api, STAFF_CHAT, "Lokaal bestuur bij vraag 1: Stad Mechelen")

        press(fake_bot_api, STAFF_CHAT, SARA, "sq:claim:1", post)
        await wait_send(fake_bot_api, STAFF_CHAT, "heeft vraag 1 opgepakt")
        await staff_reply(fake_bot_api, post, "Dat hangt af van het <budget> & de raming van 2027.")
        relay = await wait_send(fake_bot_api, OFFICIAL, "Antwoord van Team Veiligheid")
        assert "&lt;budget&gt; &amp; de raming" in relay.params["text"]
        assert storage.tickets.get_ticket(1).status is TicketStatus.ANSWERED  # type: ignore[union-attr]

        say(fake_bot_api, OFFICIAL, OFFICIAL, "Dank! En in 2028?", reply_to_message=fake_bot_api.message(OFFICIAL, message_id(relay)))
        follow = await wait_send(fake_bot_api, STAFF_CHAT, "Reactie van de ambtenaar op vraag 1")
        assert follow.params["message_thread_id"] == thread_of(post) and "En in 2028?" in follow.params["text"]
        await wait_send(fake_bot_api, OFFICIAL, "weer open")
        assert storage.tickets.get_ticket(1).status is TicketStatus.CLAIMED  # type: ignore[union-attr]

        await staff_reply(fake_bot_api, post, "In 2028 ook.")
        await wait_send(fake_bot_api, OFFICIAL, "In 2028 ook.")
        press(fake_bot_api, STAFF_CHAT, SARA, "sq:close:1", post)
        notice = await wait_send(fake_bot_api, OFFICIAL, "afgesloten")
        await wait_send(fake_bot_api, STAFF_CHAT, "heeft vraag 1 afgesloten")
        assert storage.tickets.get_ticket(1).status is TicketStatus.CLOSED  # type: ignore[union-attr]

        say(fake_bot_api, OFFICIAL, OFFICIAL, "Toch nog iets.", reply_to_message=fake_bot_api.message(OFFICIAL, message_id(notice)))
        await wait_send(fake_bot_api, STAFF_CHAT, "Toch nog iets.")
        await wait_send(fake_bot_api, STAFF_CHAT, "staat weer open")

    ticket = storage.tickets.get_ticket(1)
    assert ticket is not None and ticket.status is TicketStatus.CLAIMED and ticket.assignee_name == "Gebruiker 701"
    kinds = [m.author_kind for m in storage.tickets.messages(1)]
    assert kinds == [AuthorKind.STAFF, AuthorKind.OFFICIAL, AuthorKind.STAFF, AuthorKind.OFFICIAL]
    actions = [entry.action for entry in storage.audit.list_for_ticket(1)]
    assert actions == ["ticket.created", "ticket.claimed", "ticket.answered", "ticket.answered", "ticket.closed"]
    official = storage.officials.get(OFFICIAL)
    assert official is not None and official.local_government == "Stad Mechelen"
    assert "ik vraag het maar één keer" in sends(fake_bot_api, OFFICIAL, "lokaal bestuur")[0].params["text"]
    assert "Toch nog iets." not in " ".join(sends(fake_bot_api, OFFICIAL, "Toch"))  # not answered as a question


async def test_local_government_is_asked_once(launch: Launch, fake_bot_api: FakeBotAPI) -> None:
    async with launch():
        await escalate(fake_bot_api)
        await escalate(fake_bot_api, question="Een tweede vraag over de subsidies van 2027, graag?")
        await wait_send(fake_bot_api, OFFICIAL, "vraag nr. 2")
    assert len(sends(fake_bot_api, OFFICIAL, "lokaal bestuur")) == 1


async def test_mens_opens_a_ticket_at_once(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        fake_bot_api.enqueue(fake_bot_api.make.command(OFFICIAL, OFFICIAL, "/mens Mag de LIVC R met de school praten?"))
        reply = await wait_send(fake_bot_api, OFFICIAL, "vraag nr. 1")
        await wait_send(fake_bot_api, STAFF_CHAT, "vroeg om een medewerker")
    assert "binnen 48 uur" in reply.params["text"]
    [ticket] = storage.tickets.list_open()
    assert ticket.trigger is TicketTrigger.ASKED_FOR_PERSON


async def test_official_lists_and_withdraws_tickets(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        await escalate(fake_bot_api)
        fake_bot_api.enqueue(fake_bot_api.make.command(OFFICIAL, OFFICIAL, "/mijnvragen"))
        listing = await wait_send(fake_bot_api, OFFICIAL, "Je vragen aan Team Veiligheid")
        fake_bot_api.enqueue(fake_bot_api.make.command(5151, 5151, "/annuleer 1"))
        await wait_send(fake_bot_api, 5151, "Ik vind geen vraag nr. 1 van jou")
        fake_bot_api.enqueue(fake_bot_api.make.command(OFFICIAL, OFFICIAL, "/annuleer 1"))
        await wait_send(fake_bot_api, OFFICIAL, "Vraag nr. 1 is ingetrokken")
        await wait_send(fake_bot_api, STAFF_CHAT, "heeft vraag 1 ingetrokken")
        fake_bot_api.enqueue(fake_bot_api.make.command(OFFICIAL, OFFICIAL, "/annuleer 1"))
        await wait_send(fake_bot_api, OFFICIAL, "is ingetrokken; intrekken kan niet meer")
    assert "nr. 1 · wacht op een medewerker" in html_to_text(listing.params["text"])
    assert storage.tickets.get_ticket(1).status is TicketStatus.WITHDRAWN  # type: ignore[union-attr]
    assert answers(fake_bot_api) is not None
