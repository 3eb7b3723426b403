"""The staff workspace's library: accounts, inbox, ticket work, FAQ review, reports and exports.

No web framework here: ``bot.web`` serves these pages, ``bot.cli`` the same figures at a
terminal. It sits beside ``bot.services`` above the queue; a staff answer goes out through the
queue's outbox like every other, so nothing here talks to Telegram either.
"""

from bot.workspace.accounts import Accounts, LoginThrottle, Role
from bot.workspace.errors import (
    AccountExists,
    AccountNotFound,
    ActionFailed,
    Forbidden,
    InvalidAccount,
    LoginRefused,
    LoginThrottled,
    NeedsRedaction,
    WorkspaceError,
)
from bot.workspace.models import InboxFilter, InboxItem, Outcome, Sla, Staff, TicketPage
from bot.workspace.publishing import FaqPublisher
from bot.workspace.reports import YearReport, build_report, year_bounds
from bot.workspace.service import Workspace
from bot.workspace.themes import ThemeCatalog

__all__ = [
    "AccountExists",
    "AccountNotFound",
    "Accounts",
    "ActionFailed",
    "FaqPublisher",
    "Forbidden",
    "InboxFilter",
    "InboxItem",
    "InvalidAccount",
    "LoginRefused",
    "LoginThrottle",
    "LoginThrottled",
    "NeedsRedaction",
    "Outcome",
    "Role",
    "Sla",
    "Staff",
    "ThemeCatalog",
    "TicketPage",
    "Workspace",
    "WorkspaceError",
    "YearReport",
    "build_report",
    "year_bounds",
]
