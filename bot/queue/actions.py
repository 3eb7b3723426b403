"""The callback data of the queue's inline buttons (at most 64 bytes, parsed back here).

    sq:claim:<ticket>   Oppakken          sq:close:<ticket>   Afsluiten
    sq:faq:<ticket>     Maak FAQ          sq:faqok:<draft>    FAQ goedkeuren
    sq:held:<held>      Verstuur geredigeerd   sq:drop:<held>  Annuleer (a held staff answer)
    vg:ja / vg:nee      /vergeetmij confirmation

The prefixes stay clear of the officials' buttons (``fb:``, ``hv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot import messages
from bot.inputs import parse_id, split_data

STAFF_BUTTON_PATTERN = r"^sq:"
FORGET_PATTERN = r"^vg:"
FORGET_YES = "vg:ja"
FORGET_NO = "vg:nee"


class StaffAction(StrEnum):
    """What a staff button does."""

    CLAIM = "claim"
    CLOSE = "close"
    MAKE_FAQ = "faq"
    APPROVE_FAQ = "faqok"
    SEND_HELD = "held"
    CANCEL_HELD = "drop"


_ACTIONS = frozenset(action.value for action in StaffAction)


@dataclass(frozen=True, slots=True)
class StaffButton:
    """A parsed staff button: the action and the ticket (or, for approval, draft) number."""

    action: StaffAction
    number: int


def staff_data(action: StaffAction, number: int) -> str:
    return f"sq:{action.value}:{number}"


def parse_staff_button(data: str | None) -> StaffButton | None:
    """The button behind ``data``, or ``None`` for data this bot never made."""
    parts = split_data(data, "sq", 3)
    number = parse_id(parts[2]) if parts else None
    if parts is None or number is None or parts[1] not in _ACTIONS:
        return None
    return StaffButton(StaffAction(parts[1]), number)


def ticket_keyboard(ticket_id: int) -> dict[str, Any]:
    """Oppakken / Afsluiten / Maak FAQ under a ticket post, as Bot API JSON (stored in the outbox)."""
    row = [
        _button(messages.BUTTON_CLAIM, staff_data(StaffAction.CLAIM, ticket_id)),
        _button(messages.BUTTON_CLOSE, staff_data(StaffAction.CLOSE, ticket_id)),
        _button(messages.BUTTON_MAKE_FAQ, staff_data(StaffAction.MAKE_FAQ, ticket_id)),
    ]
    return {"inline_keyboard": [row]}


def draft_keyboard(draft_id: int) -> dict[str, Any]:
    """The approve button under an FAQ draft."""
    return {"inline_keyboard": [[_button(messages.BUTTON_APPROVE_FAQ, staff_data(StaffAction.APPROVE_FAQ, draft_id))]]}


def held_keyboard(held_id: int) -> dict[str, Any]:
    """Verstuur geredigeerd / Annuleer under a held staff answer."""
    send = _button(messages.BUTTON_SEND_REDACTED, staff_data(StaffAction.SEND_HELD, held_id))
    cancel = _button(messages.BUTTON_CANCEL_HELD, staff_data(StaffAction.CANCEL_HELD, held_id))
    return {"inline_keyboard": [[send, cancel]]}


def forget_keyboard() -> dict[str, Any]:
    """Yes / no under the /vergeetmij question."""
    return {"inline_keyboard": [[_button(messages.BUTTON_FORGET_YES, FORGET_YES),
                                 _button(messages.BUTTON_FORGET_NO, FORGET_NO)]]}  # fmt: skip


def local_government_prompt() -> dict[str, Any]:
    """Force a reply, so the official's answer arrives as a reply to the question."""
    return {"force_reply": True, "input_field_placeholder": messages.LOCAL_GOVERNMENT_PLACEHOLDER}


def _button(text: str, data: str) -> dict[str, str]:
    return {"text": text, "callback_data": data}
