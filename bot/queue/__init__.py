"""The human staff queue: escalation tickets, staff answers relayed through an outbox, FAQ drafts.

Nothing here imports ``telegram``: the Telegram layer (``bot/telegram/staff_*.py``,
``relay_jobs.py``) reads updates, calls these desks and sends what the outbox holds; the
``vraagbaak queue`` commands call the same desks from a terminal.
"""

from bot.queue.actions import StaffAction, StaffButton, parse_staff_button
from bot.queue.config import QueueConfig
from bot.queue.delivery import DeliveryLog, Outcome, Placement, backoff
from bot.queue.errors import (
    DraftNotFound,
    NotAllowed,
    NothingToDraft,
    NotPossible,
    QueueError,
    ThirdPartyData,
    TicketNotFound,
)
from bot.queue.faq import FaqDesk, write_faq_file
from bot.queue.handover import QueueHandover
from bot.queue.models import Actor, BotAttempt, Escalation, ReplyKind, ReplyTarget, TicketView, UpkeepReport
from bot.queue.officials import OfficialDesk
from bot.queue.service import StaffQueue
from bot.queue.staff import StaffDesk
from bot.queue.upkeep import Upkeep

__all__ = [
    "Actor",
    "BotAttempt",
    "DeliveryLog",
    "DraftNotFound",
    "Escalation",
    "FaqDesk",
    "NotAllowed",
    "NotPossible",
    "NothingToDraft",
    "OfficialDesk",
    "Outcome",
    "Placement",
    "QueueConfig",
    "QueueError",
    "QueueHandover",
    "ReplyKind",
    "ReplyTarget",
    "StaffAction",
    "StaffButton",
    "StaffDesk",
    "StaffQueue",
    "ThirdPartyData",
    "TicketNotFound",
    "TicketView",
    "Upkeep",
    "UpkeepReport",
    "backoff",
    "parse_staff_button",
    "write_faq_file",
]
