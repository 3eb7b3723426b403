"""Informing officials: themes they follow, digests of new publications, announcements.

following      /volg, /volgend, /stopvolgen as a service (``FollowService``)
digests        one digest per published index version, one message per follower per day
announcements  staff announcements with "ik kom" / "interesse" responses
surveys        short surveys: polls and text replies, once per official, one reminder
render         the pushed messages as Telegram HTML
messages       every Dutch string of this package

Services over ``bot.storage``; no ``telegram`` import (handlers live in ``bot.telegram.themes``).
"""

from bot.themes.announcements import Announced, AnnouncementReport, AnnouncementService
from bot.themes.digests import DigestAdmin, DigestPlanner, DigestSender
from bot.themes.errors import EmptyAnnouncement, ThemesError, UnknownAnnouncement, UnknownDigest, UnknownTheme
from bot.themes.following import FollowService, ThemeChoice
from bot.themes.surveys import QuestionSpec, Step, StepKind, SurveyService

__all__ = [
    "Announced",
    "AnnouncementReport",
    "AnnouncementService",
    "DigestAdmin",
    "DigestPlanner",
    "DigestSender",
    "EmptyAnnouncement",
    "FollowService",
    "QuestionSpec",
    "Step",
    "StepKind",
    "SurveyService",
    "ThemeChoice",
    "ThemesError",
    "UnknownAnnouncement",
    "UnknownDigest",
    "UnknownTheme",
]
