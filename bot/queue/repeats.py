"""A resend that may be a repeat is never silent: the reader is told, and so are staff.

The outbox flags a row ``possible_repeat`` when an earlier try may have reached Telegram (the
sender crashed between the Bot API call and booking it, or the call timed out). Telegram has no
idempotency key to ask, so the row is sent again, with one short line on top in the reader's
language, and for a message to an official a notice in the ticket's topic, so that staff know
the official may have the message twice.
"""

from __future__ import annotations

from bot import messages
from bot.queue.notices import HTML, Notices
from bot.storage import OutboxItem, OutboxKind, Storage
from bot.text import escape

TO_OFFICIALS = (OutboxKind.RELAY_TO_OFFICIAL, OutboxKind.NOTIFY_OFFICIAL, OutboxKind.PUSH_TO_OFFICIAL)
EDITS = (OutboxKind.EDIT_STAFF_MESSAGE, OutboxKind.RENAME_STAFF_TOPIC)  # doing these twice changes nothing


class Repeats:
    """Decides the text of a resend that may be a repeat."""

    def __init__(self, storage: Storage, notices: Notices) -> None:
        self._storage = storage
        self._notices = notices

    def text_for(self, item: OutboxItem) -> str:
        """What to send for ``item``: its text, behind a warning line when it may be a repeat."""
        if not item.possible_repeat or item.kind in EDITS:
            return item.text
        if item.kind in TO_OFFICIALS:
            line = messages.localized("POSSIBLE_REPEAT", self._language(item))
            if item.ticket_id is not None and item.kind is not OutboxKind.PUSH_TO_OFFICIAL:
                notice = messages.STAFF_RELAY_REPEATED.format(ticket_id=item.ticket_id)
                self._notices.to_staff(item.ticket_id, notice, f"repeat:{item.id}:{item.attempts}")
        else:
            line = messages.STAFF_POSSIBLE_REPEAT
        head = escape(line) if (item.parse_mode or "").upper() == HTML else line
        return f"{head}\n\n{item.text}"

    def _language(self, item: OutboxItem) -> str:
        """The official's language ("nl", "en", "fr"): the ticket's official, else the chat's."""
        officials = self._storage.officials
        official = None
        if item.ticket_id is not None:
            ticket = self._storage.tickets.get_ticket(item.ticket_id)
            official = officials.get_by_id(ticket.official_id) if ticket is not None else None
        official = official or officials.get(item.chat_id)
        return ((official.language if official else None) or "nl")[:2].lower()
