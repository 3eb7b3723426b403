"""The human staff queue: escalation tickets, staff answers relayed through an outbox, FAQ drafts.

Nothing here imports ``telegram``: the Telegram layer (``bot/telegram/staff_*.py``,
``relay_jobs.py``) reads updates, calls these desks and sends what the outbox holds; the
``vraagbaak queue`` commands call the same desks from a terminal.
"""

from .actions import StaffAction, StaffButton, parse_staff_button
from .config import QueueConfig
from .delivery import DeliveryLog, Outcome, Placement, backoff
from .errors import DraftNotFound, NotAllowed, NothingToDraft, NotPossible, QueueError, TicketNotFound
from .faq import FaqDesk, write_faq_file
from .handover import QueueHandover
from .models import Actor, BotAttempt, Escalation, ReplyKind, ReplyTarget, TicketView, UpkeepReport
from .officials import OfficialDesk
from .service import StaffQueue
from .staff import StaffDesk
from .upkeep import Upkeep

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
    "TicketNotFound",
    "TicketView",
    "Upkeep",
    "UpkeepReport",
    "backoff",
    "parse_staff_button",
    "write_faq_file",
]
