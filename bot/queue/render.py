"""The queue's Telegram texts as HTML: every value escaped, each part within Telegram's limit.

No ``telegram`` import: texts are decided here and stored in the outbox, which sends them later.
A long text is cut between words *before* escaping, so no part ends inside an entity.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import messages
from bot.answer.privacy import redact
from bot.queue.models import TicketView
from bot.storage import AuthorKind, FaqDraftRecord, OfficialRecord, TicketMessageRecord, TicketRecord
from bot.text import PART_LIMIT, cut, escape

QUOTE_LIMIT = 1500
TOPIC_NAME_LIMIT = 128
TOPIC_QUESTION_WORDS = 8
LINE_SNIPPET = 80
MAX_SOURCES = 5


def snippet(text: str, limit: int = LINE_SNIPPET) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def framed(header: str, body: str, footer: str = "", *, limit: int = PART_LIMIT) -> list[str]:
    """``header`` (bold) and ``body`` (escaped), split into parts; ``footer`` (italic) on the last."""
    head, foot = f"<b>{escape(header)}</b>\n\n", f"\n\n<i>{escape(footer)}</i>" if footer else ""
    pieces = cut(body.strip(), limit - len(head) - len(foot)) or [""]
    parts = [escape(piece) for piece in pieces]
    parts[0] = head + parts[0]
    parts[-1] = parts[-1] + foot
    return parts


def relay_parts(ticket_id: int, text: str) -> list[str]:
    """A staff answer as the official sees it."""
    return framed(messages.RELAY_HEADER.format(ticket_id=ticket_id), text, messages.RELAY_FOOTER)


def follow_up_parts(ticket_id: int, text: str) -> list[str]:
    """An official's follow-up as staff see it in the topic."""
    return framed(messages.STAFF_FOLLOW_UP.format(ticket_id=ticket_id), text)


def notice(text: str) -> str:
    """A one-line notice (plain Dutch) as HTML."""
    return escape(text)


def trigger_label(ticket: TicketRecord) -> str:
    return messages.TRIGGER_LABELS.get(ticket.trigger.value, ticket.trigger.value)


def topic_name(ticket: TicketRecord) -> str:
    """The forum topic's title: the ticket number and the first words of the redacted question.

    A topic name shows in every staff member's chat list and notification, and stays when the
    post is edited, so it holds only a few words, passed through the guard once more.
    """
    words = redact(ticket.question_text).text.split()[:TOPIC_QUESTION_WORDS]
    name = messages.STAFF_TOPIC_NAME.format(ticket_id=ticket.id, question=" ".join(words))
    return snippet(name, TOPIC_NAME_LIMIT)


def staff_post(ticket: TicketRecord, official: OfficialRecord | None) -> str:
    """The ticket as posted in the staff chat: who, where from, why, the question, the bot's try."""
    name = official.display_name if official else "?"
    government = (official.local_government if official else None) or messages.STAFF_NO_LOCAL_GOVERNMENT
    title = messages.STAFF_POST_TITLE.format(ticket_id=ticket.id, trigger=trigger_label(ticket))
    lines = [
        f"<b>{escape(title)}</b>",
        escape(messages.STAFF_POST_FROM.format(name=name, local_government=government)),
        "",
        f"<b>{escape(messages.STAFF_POST_QUESTION)}</b>",
        f"<blockquote>{escape(snippet(ticket.question_text, QUOTE_LIMIT))}</blockquote>",
    ]
    if ticket.bot_answer:
        confidence = f"{ticket.bot_confidence or 0.0:.2f}".replace(".", ",")
        lines.append(f"<b>{escape(messages.STAFF_POST_ATTEMPT.format(confidence=confidence))}</b>")
        lines.append(f"<blockquote expandable>{escape(snippet(ticket.bot_answer, QUOTE_LIMIT))}</blockquote>")
    else:
        lines.append(escape(messages.STAFF_POST_NO_ATTEMPT))
    sources = list(source_lines(ticket.bot_sources))
    if sources:
        lines += [f"<b>{escape(messages.STAFF_POST_SOURCES)}</b>", *sources]
    lines += ["", f"<i>{escape(messages.STAFF_POST_HOWTO)}</i>"]
    return "\n".join(lines)


def source_lines(sources: Sequence[Mapping[str, Any]]) -> Iterable[str]:
    """One line per cited document: title (linked when it has a URL), doc id and score."""
    seen: set[str] = set()
    for source in sources:
        doc_id = str(source.get("doc_id") or "")
        if not doc_id or doc_id in seen or len(seen) >= MAX_SOURCES:
            continue
        seen.add(doc_id)
        title = escape(snippet(str(source.get("title") or doc_id), 120))
        url = str(source.get("url") or "")
        if url.startswith(("https://", "http://")):
            title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
        score = source.get("score")
        shown = f" · {float(score):.2f}".replace(".", ",") if isinstance(score, int | float) else ""
        yield f"• {title} — <code>{escape(doc_id)}</code>{shown}"


def age(delta: timedelta) -> str:
    """``45 min``, ``5 u``, ``3 d``."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 120:
        return messages.AGE_MINUTES.format(n=minutes)
    if minutes < 48 * 60:
        return messages.AGE_HOURS.format(n=minutes // 60)
    return messages.AGE_DAYS.format(n=minutes // 1440)


def assignee(ticket: TicketRecord) -> str:
    return ticket.assignee_name or messages.STAFF_NOBODY


def open_list(tickets: Sequence[TicketRecord], now: datetime) -> str:
    """/open: one line per open or claimed ticket with age and assignee."""
    if not tickets:
        return escape(messages.STAFF_OPEN_NONE)
    lines = [f"<b>{escape(messages.STAFF_OPEN_HEADER.format(count=len(tickets)))}</b>"]
    for ticket in tickets:
        line = messages.STAFF_OPEN_LINE.format(
            ticket_id=ticket.id, age=age(now - ticket.created_at), assignee=assignee(ticket),
            status=messages.STAFF_STATUS.get(ticket.status.value, ticket.status.value),
            question=snippet(ticket.question_text, 60),
        )  # fmt: skip
        lines.append(escape(line))
    return "\n".join(lines)


def ticket_detail(view: TicketView, zone: ZoneInfo) -> str:
    """/ticket N: the post's content, then the conversation so far."""
    ticket = view.ticket
    status = messages.STAFF_STATUS.get(ticket.status.value, ticket.status.value)
    lines = [staff_post(ticket, view.official).rsplit("\n\n", 1)[0], "",
             escape(f"Status: {status} · {assignee(ticket)}")]  # fmt: skip
    if view.messages:
        lines += ["", f"<b>{escape(messages.STAFF_HISTORY)}</b>"]
        lines += [escape(history_line(message, zone)) for message in view.messages]
    return "\n".join(lines)


def history_line(message: TicketMessageRecord, zone: ZoneInfo) -> str:
    author = {
        AuthorKind.OFFICIAL: messages.STAFF_AUTHOR_OFFICIAL,
        AuthorKind.STAFF: message.author_name or "VVSG",
    }.get(message.author_kind, messages.STAFF_AUTHOR_SYSTEM)
    when = message.created_at.astimezone(zone).strftime("%d/%m %H:%M")
    return messages.STAFF_HISTORY_LINE.format(when=when, author=author, text=snippet(message.text, 300))


def my_tickets(tickets: Sequence[TicketRecord], zone: ZoneInfo) -> str:
    """/mijnvragen: the official's tickets, newest first."""
    if not tickets:
        return escape(messages.MY_TICKETS_NONE)
    lines = [f"<b>{escape(messages.MY_TICKETS_HEADER)}</b>"]
    for ticket in sorted(tickets, key=lambda t: t.id, reverse=True)[:20]:
        line = messages.MY_TICKET_LINE.format(
            ticket_id=ticket.id, date=dutch_date(ticket.created_at.astimezone(zone)),
            status=messages.OFFICIAL_STATUS.get(ticket.status.value, ticket.status.value),
            question=snippet(ticket.question_text, 70),
        )  # fmt: skip
        lines.append(escape(line))
    return "\n".join(lines)


def dutch_date(moment: datetime) -> str:
    return f"{moment.day} {messages.DATE_FORMAT_MONTHS[moment.month - 1]} {moment.year}"


def faq_draft(draft: FaqDraftRecord) -> str:
    """An FAQ draft for review, with how to edit and approve it."""
    limit = (PART_LIMIT - 600) // 2
    return "\n".join(
        [
            f"<b>{escape(messages.FAQ_DRAFT_TITLE.format(draft_id=draft.id, ticket_id=draft.ticket_id))}</b>",
            f"<b>{escape(messages.FAQ_DRAFT_QUESTION)}</b> {escape(snippet(draft.question, limit))}",
            f"<b>{escape(messages.FAQ_DRAFT_ANSWER)}</b>",
            f"<blockquote>{escape(draft.answer[:limit])}</blockquote>",
            f"<i>{escape(messages.FAQ_DRAFT_HOWTO.format(draft_id=draft.id))}</i>",
        ]
    )
