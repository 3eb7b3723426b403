"""A ticket's whole life through Telegram: consent, topic, claim, answer, follow-up, close, reopen.

Ticket numbers come from the posts (PostgreSQL keeps its sequences between tests).
"""

from __future__ import annotations

from bot.storage import AuthorKind, HandoverTrigger, Storage, TicketRecord, TicketStatus
from tests.support.fakes import FakeBotAPI, html_to_text

from .conftest import (
    LOW,
    OFFICIAL,
    OTHER_OFFICIAL,
    SARA,
    STAFF_CHAT,
    Launch,
    StubAssistant,
    buttons,
    command,
    escalate,
    message_id,
    press,
    say,
    sends,
    settled,
    staff_reply,
    thread_of,
    ticket_of,
    wait_send,
)


def _ticket(storage: Storage, ticket_id: int) -> TicketRecord:
    ticket = storage.tickets.get_ticket(ticket_id)
    assert ticket is not None
    return ticket


async def test_escalation_needs_consent_and_tells_number_and_timing(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage
) -> None:
    async with launch():
        say(fake_bot_api, OFFICIAL, OFFICIAL, LOW)
        offer = await wait_send(fake_bot_api, OFFICIAL, "doorgeven")
        assert storage.tickets.list_open() == []  # nothing passed on before the official's yes
        press(fake_bot_api, OFFICIAL, OFFICIAL, next(b for b in buttons(offer) if b.startswith("hv:")), offer)
        post = await wait_send(fake_bot_api, STAFF_CHAT, "<b>Vraag ")
        number = ticket_of(post)
        confirmation = await wait_send(fake_bot_api, OFFICIAL, f"vraag nr. {number})")
        ask = await wait_send(fake_bot_api, OFFICIAL, "lokaal bestuur")
        await settled(storage)

    assert "normaal binnen 48 uur" in confirmation.params["text"]
    assert f"/annuleer {number}" in confirmation.params["text"]
    ticket = _ticket(storage, number)
    assert ticket.trigger is HandoverTrigger.LOW_CONFIDENCE and ticket.question_text == LOW
    assert ticket.bot_confidence == 0.22 and ticket.bot_sources[0]["doc_id"].startswith("faq/")
    topic = fake_bot_api.calls("createForumTopic")[0]
    assert topic.params["name"].startswith(f"Vraag {number}: Hoeveel subsidie")
    assert post.params["message_thread_id"] == thread_of(post) == ticket.staff_thread_id
    assert ticket.staff_message_id == message_id(post)
    shown = html_to_text(post.params["text"])
    for part in (LOW, "onvoldoende zekerheid", "nog niet opgegeven", "Wat is een LIVC R?", "0,22"):
        assert part in shown
    assert buttons(post) == [f"sq:claim:{number}", f"sq:close:{number}", f"sq:faq:{number}"]
    labels = [b["text"] for row in post.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["🙋 Oppakken", "✅ Afsluiten", "📝 Maak FAQ"]
    assert ask.params["reply_markup"]["force_reply"] is True


async def test_claim_answer_follow_up_close_reopen(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, stub: StubAssistant
) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        ask = await wait_send(fake_bot_api, OFFICIAL, "lokaal bestuur")
        await settled(storage)  # a reply can only be matched once its message is booked as sent
        question = fake_bot_api.message(OFFICIAL, message_id(ask))
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Stad Mechelen", reply_to_message=question)
        await wait_send(fake_bot_api, OFFICIAL, "genoteerd: Stad Mechelen")
        await wait_send(fake_bot_api, STAFF_CHAT, f"Lokaal bestuur bij vraag {number}: Stad Mechelen")

        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:claim:{number}", post)
        await wait_send(fake_bot_api, STAFF_CHAT, f"heeft vraag {number} opgepakt")
        await staff_reply(fake_bot_api, post, "Dat hangt af van het <budget> & de raming van 2027.")
        relay = await wait_send(fake_bot_api, OFFICIAL, "Antwoord van Team Veiligheid")
        await settled(storage)
        assert "&lt;budget&gt; &amp; de raming" in relay.params["text"]
        assert _ticket(storage, number).status is TicketStatus.ANSWERED

        answer = fake_bot_api.message(OFFICIAL, message_id(relay))
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Dank! En in 2028?", reply_to_message=answer)
        follow = await wait_send(fake_bot_api, STAFF_CHAT, f"Reactie van de ambtenaar op vraag {number}")
        assert follow.params["message_thread_id"] == thread_of(post) and "En in 2028?" in follow.params["text"]
        await wait_send(fake_bot_api, OFFICIAL, "weer open")
        assert _ticket(storage, number).status is TicketStatus.CLAIMED

        await staff_reply(fake_bot_api, post, "In 2028 ook.")
        await wait_send(fake_bot_api, OFFICIAL, "In 2028 ook.")
        press(fake_bot_api, STAFF_CHAT, SARA, f"sq:close:{number}", post)
        notice = await wait_send(fake_bot_api, OFFICIAL, "afgesloten")
        await wait_send(fake_bot_api, STAFF_CHAT, f"heeft vraag {number} afgesloten")
        await settled(storage)
        assert _ticket(storage, number).status is TicketStatus.CLOSED

        closing = fake_bot_api.message(OFFICIAL, message_id(notice))
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Toch nog iets.", reply_to_message=closing)
        await wait_send(fake_bot_api, STAFF_CHAT, "Toch nog iets.")
        await wait_send(fake_bot_api, STAFF_CHAT, "staat weer open")

    ticket = _ticket(storage, number)
    assert ticket.status is TicketStatus.CLAIMED and ticket.assignee_name == "Gebruiker 701"
    kinds = [m.author_kind for m in storage.tickets.messages(number)]
    assert kinds == [AuthorKind.STAFF, AuthorKind.OFFICIAL, AuthorKind.STAFF, AuthorKind.OFFICIAL]
    actions = [entry.action for entry in storage.audit.list_for_ticket(number)]
    assert actions == [
        "ticket.created",
        "ticket.claimed",
        "ticket.answered",
        "ticket.answered",
        "ticket.closed",
    ]
    official = storage.officials.get(OFFICIAL)
    assert official is not None and official.local_government == "Stad Mechelen"
    assert stub.calls == [LOW]  # replies to queue messages never reach the answer pipeline


async def test_local_government_is_asked_once(launch: Launch, fake_bot_api: FakeBotAPI) -> None:
    async with launch():
        await escalate(fake_bot_api)
        await escalate(fake_bot_api, question="Een tweede vraag over de subsidies van 2027, graag?")
    assert len(sends(fake_bot_api, OFFICIAL, "lokaal bestuur")) == 1
    assert len(sends(fake_bot_api, OFFICIAL, "Uw vraag is doorgegeven")) == 2


async def test_same_question_twice_is_one_ticket(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        post = await escalate(fake_bot_api)
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/mens")  # hands over the latest question again
        await wait_send(fake_bot_api, OFFICIAL, f"al doorgegeven aan Team Veiligheid (vraag nr. {ticket_of(post)}")
    assert len(storage.tickets.list_open()) == 1


async def test_mens_opens_a_ticket_at_once(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/mens Mag de LIVC R met de school praten?")
        post = await wait_send(fake_bot_api, STAFF_CHAT, "vroeg om een medewerker")
        reply = await wait_send(fake_bot_api, OFFICIAL, f"vraag nr. {ticket_of(post)})")
    assert "binnen 48 uur" in reply.params["text"]
    [ticket] = storage.tickets.list_open()
    assert ticket.trigger is HandoverTrigger.ASKED_FOR_PERSON and ticket.question_text.startswith("Mag de LIVC R")


async def test_official_lists_and_withdraws_tickets(launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage) -> None:
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        command(fake_bot_api, OFFICIAL, OFFICIAL, "/mijnvragen")
        listing = await wait_send(fake_bot_api, OFFICIAL, "Uw vragen aan Team Veiligheid")
        command(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, f"/annuleer {number}")
        await wait_send(fake_bot_api, OTHER_OFFICIAL, f"Ik vind geen vraag nr. {number} van u")
        command(fake_bot_api, OFFICIAL, OFFICIAL, f"/annuleer {number}")
        await wait_send(fake_bot_api, OFFICIAL, f"Vraag nr. {number} is ingetrokken")
        await wait_send(fake_bot_api, STAFF_CHAT, f"heeft vraag {number} ingetrokken")
        command(fake_bot_api, OFFICIAL, OFFICIAL, f"/annuleer {number}")
        await wait_send(fake_bot_api, OFFICIAL, "is ingetrokken; intrekken kan niet meer")
    assert f"nr. {number} · wacht op een medewerker" in html_to_text(listing.params["text"])
    assert _ticket(storage, number).status is TicketStatus.WITHDRAWN


async def test_not_helpful_answer_goes_to_staff_with_the_bot_s_answer(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, stub: StubAssistant
) -> None:
    stub.answers["Wat is een LIVC R precies?"] = "Een lokale integrale veiligheidscel."
    async with launch():
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Wat is een LIVC R precies?")
        answer = await wait_send(fake_bot_api, OFFICIAL, "Een lokale integrale veiligheidscel.")
        answer_id = int(buttons(answer)[0].rsplit(":", 1)[1])
        press(fake_bot_api, OFFICIAL, OFFICIAL, f"hv:not_helpful:{answer_id}", answer)  # the 👎 offer's yes
        post = await wait_send(fake_bot_api, STAFF_CHAT, "antwoord niet nuttig")
    ticket = _ticket(storage, ticket_of(post))
    assert ticket.trigger is HandoverTrigger.NOT_HELPFUL and ticket.bot_answer == "Een lokale integrale veiligheidscel."
    assert ticket.question_text == "Wat is een LIVC R precies?" and ticket.question_id is not None
