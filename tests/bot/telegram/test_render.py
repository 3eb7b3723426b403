"""Rendering and wiring without a server: HTML escaping, splitting, buttons, settings."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import SecretStr

from bot import messages
from bot.answer.results import AnswerResult, Decision, EscalationReason, Source
from bot.chat import HandoverTrigger, Reply, ReplyKind
from bot.errors import ConfigurationError
from bot.settings import Settings
from bot.telegram import build_application, render_reply, webhook_options
from bot.telegram.errors import BadCallbackData
from bot.telegram.keyboards import keyboard_for, parse_handover, parse_vote
from bot.telegram.render import dutch_date, text_units
from bot.text import pack
from tests.support.fakes import html_to_text
from tests.support.fakes.telegram_html import MAX_MESSAGE_LENGTH

TRICKY = "Titel met <b>tags</b>, A & B, *sterren* en &amp; al ge-escaped"


def source(n: int, title: str = TRICKY, url: str | None = None) -> Source:
    return Source(f"doc-{n}.md", f"doc-{n}.md::{n}", title, "Sectie <1>", url, 0.7, date(2024, 12, 31))


def answer(text: str, sources: list[Source]) -> Reply:
    result = AnswerResult("vraag", Decision.ANSWER, 0.8, text, sources)
    return Reply(ReplyKind.ANSWER, text, result, answer_id=7)


def test_every_value_is_escaped_and_renders_literally() -> None:
    reply = answer("Tekst <script> & 3 * 4", [source(1, url="https://x.be/?a=1&b=<2>"), source(2)])

    (part,) = render_reply(reply)

    shown = html_to_text(part)
    assert "Tekst <script> & 3 * 4" in shown
    assert f"• {TRICKY} — Sectie <1>, 31 december 2024" in shown
    assert 'href="https://x.be/?a=1&amp;b=&lt;2&gt;"' in part


def test_sources_are_listed_once_per_document_and_unsafe_links_dropped() -> None:
    sources = [source(1), source(1), source(2, url="javascript:alert(1)")]

    (part,) = render_reply(answer("x", sources))

    assert html_to_text(part).count(TRICKY) == 2
    assert "javascript" not in part


@pytest.mark.parametrize("limit", [4000, 500, 64])
def test_long_text_splits_into_valid_parts_never_inside_an_entity(limit: int) -> None:
    text = "\n\n".join(["Woord & <ander> woord " * 60] * 4 + ["&<>" * 700])

    parts = pack(text_units(text, limit), limit)

    assert len(parts) > 1
    for part in parts:
        assert len(part) <= limit <= MAX_MESSAGE_LENGTH
        html_to_text(part)  # raises on a cut entity or tag
    joined = "".join(html_to_text(p) for p in parts)
    assert joined.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


def test_pii_warning_leads_unless_the_case_text_already_warns() -> None:
    result = AnswerResult("vraag", Decision.ESCALATE, 0.3, messages.ESCALATE_PERSON, [],
                          EscalationReason.ASKED_FOR_PERSON, ("telefoonnummer",))  # fmt: skip
    reply = Reply(ReplyKind.ESCALATE, result.answer, result, 3)
    case = Reply(ReplyKind.ESCALATE, messages.ESCALATE_CASE,
                 AnswerResult("v", Decision.ESCALATE, 0.3, messages.ESCALATE_CASE, [],
                              EscalationReason.CASE_QUESTION, ("naam",)), 4)  # fmt: skip

    assert html_to_text(render_reply(reply)[0]).startswith("⚠️ Ik heb persoonsgegevens")
    assert html_to_text(render_reply(case)[0]) == messages.ESCALATE_CASE
    keyboard = keyboard_for(case)
    assert keyboard is not None
    assert parse_handover(str(keyboard.inline_keyboard[0][0].callback_data)).trigger == "case_question"


def test_callback_data_round_trips_and_rejects_foreign_data() -> None:
    keyboard = keyboard_for(answer("x", []))
    assert keyboard is not None
    data = [b.callback_data for row in keyboard.inline_keyboard for b in row]

    assert parse_vote(str(data[0])) == parse_vote("fb:1:7") and parse_vote(str(data[1])).helpful is False
    assert parse_handover(str(data[2])).trigger is HandoverTrigger.ASKED_FOR_PERSON
    assert parse_handover("hv-no:7").accepted is False
    for bad in ("fb:2:7", "fb:1:x", "hv:onzin:7", "hv-no:", None):
        with pytest.raises(BadCallbackData):
            (parse_vote if bad and bad.startswith("fb") else parse_handover)(bad)
    assert all(len(str(d).encode()) <= 64 for d in data)


def test_dutch_dates() -> None:
    assert dutch_date(date(2025, 3, 1)) == "1 maart 2025"
    assert dutch_date(date(2024, 12, 31)) == "31 december 2024"


def test_webhook_options_use_the_path_and_make_a_secret_when_none_is_set() -> None:
    settings = Settings(VRAAGBAAK_TELEGRAM_TOKEN="1:a", webhook_url="https://bot.vvsg.be/hook/abc",  # type: ignore[call-arg]
                        webhook_port=8443)  # fmt: skip

    first, second = webhook_options(settings), webhook_options(settings)
    configured = webhook_options(settings.model_copy(update={"webhook_secret": SecretStr("vast")}))

    assert first["url_path"] == "hook/abc" and first["webhook_url"] == "https://bot.vvsg.be/hook/abc"
    assert len(first["secret_token"]) >= 32 and first["secret_token"] != second["secret_token"]
    assert configured["secret_token"] == "vast"


def test_the_application_needs_a_token() -> None:
    with pytest.raises(ConfigurationError, match="TELEGRAM_TOKEN"):
        build_application(Settings())
