"""Inline keyboards under replies, and the callback data their buttons carry.

Callback data (at most 64 bytes) names the stored answer, so a press still works after a
restart:

    fb:1:<answer_id>             👍 nuttig
    fb:0:<answer_id>             👎 niet nuttig
    hv:<trigger>:<answer_id>     🙋 spreek een medewerker / ✅ ja, doorgeven  (Handover.request)
    hv-no:<answer_id>            ❌ nee
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import messages
from bot.answer.results import EscalationReason
from bot.chat import HandoverTrigger, Reply, ReplyKind
from bot.inputs import parse_id, split_data
from bot.telegram.errors import BadCallbackData

FEEDBACK_PATTERN = r"^fb:"
HANDOVER_PATTERN = r"^hv"
_TRIGGERS = frozenset(trigger.value for trigger in HandoverTrigger)


@dataclass(frozen=True, slots=True)
class Vote:
    """👍 or 👎 on an answer."""

    answer_id: int
    helpful: bool


@dataclass(frozen=True, slots=True)
class HandoverChoice:
    """A press that asks for staff (``trigger`` set) or declines the offer (``trigger`` None)."""

    answer_id: int
    trigger: HandoverTrigger | None

    @property
    def accepted(self) -> bool:
        return self.trigger is not None


def answer_keyboard(answer_id: int, language: str = "nl") -> InlineKeyboardMarkup:
    """👍 / 👎 on the first row, 🙋 below (in the official's language)."""
    text = functools.partial(messages.localized, language=language)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text("BUTTON_HELPFUL"), callback_data=f"fb:1:{answer_id}"),
                InlineKeyboardButton(text("BUTTON_NOT_HELPFUL"), callback_data=f"fb:0:{answer_id}"),
            ],
            [InlineKeyboardButton(text("BUTTON_PERSON"), callback_data=_handover(answer_id))],
        ]
    )


def escalation_keyboard(answer_id: int, trigger: HandoverTrigger, language: str = "nl") -> InlineKeyboardMarkup:
    """✅ pass the question to staff / ❌ do not."""
    text = functools.partial(messages.localized, language=language)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text("BUTTON_HANDOVER_YES"), callback_data=_handover(answer_id, trigger)),
                InlineKeyboardButton(text("BUTTON_HANDOVER_NO"), callback_data=f"hv-no:{answer_id}"),
            ]
        ]
    )


def keyboard_for(reply: Reply) -> InlineKeyboardMarkup | None:
    """Feedback buttons under an answer, the handover offer under an escalation, else none."""
    if reply.answer_id is None or reply.result is None:
        return None
    if reply.kind is ReplyKind.ANSWER:
        return answer_keyboard(reply.answer_id, reply.language)
    reason = reply.result.reason
    if reason is EscalationReason.ASKED_FOR_PERSON:
        return None  # the handover happens at once, no consent button needed
    trigger = reason if reason is not None else HandoverTrigger.LOW_CONFIDENCE
    return escalation_keyboard(reply.answer_id, trigger, reply.language)


def parse_vote(data: str | None) -> Vote:
    """``fb:<0|1>:<answer_id>``; anything else is ``BadCallbackData``."""
    parts = split_data(data, "fb", 3)
    answer_id = parse_id(parts[2]) if parts else None
    if parts is None or parts[1] not in ("0", "1") or answer_id is None:
        raise BadCallbackData("not a feedback button")
    return Vote(answer_id, parts[1] == "1")


def parse_handover(data: str | None) -> HandoverChoice:
    """``hv:<trigger>:<answer_id>`` or ``hv-no:<answer_id>``; anything else is ``BadCallbackData``."""
    declined = split_data(data, "hv-no", 2)
    if declined is not None and (answer_id := parse_id(declined[1])) is not None:
        return HandoverChoice(answer_id, None)
    parts = split_data(data, "hv", 3)
    answer_id = parse_id(parts[2]) if parts else None
    if parts is None or answer_id is None or parts[1] not in _TRIGGERS:
        raise BadCallbackData("not a handover button")
    return HandoverChoice(answer_id, HandoverTrigger(parts[1]))


def _handover(answer_id: int, trigger: HandoverTrigger = HandoverTrigger.ASKED_FOR_PERSON) -> str:
    return f"hv:{trigger.value}:{answer_id}"
