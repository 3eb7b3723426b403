"""Officials' theme handlers (/volg, /volgend, /stopvolgen, the toggle and RSVP buttons) and the digest job.

Thin handlers over ``bot.themes``; the services are built per call over the storage the
composition root opened (they only hold the ``Database``). ``theme_handlers`` and
``theme_jobs`` are what ``bot.telegram.app.wire`` registers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.settings import Settings
from bot.storage.digests import DigestRepository
from bot.storage.follows import FollowRepository
from bot.telegram.context import BotContext
from bot.telegram.surveys import survey_handlers
from bot.themes import (
    AnnouncementService,
    DigestPlanner,
    DigestSender,
    FollowService,
    SurveyService,
    ThemeChoice,
    ThemesError,
)
from bot.themes import messages as text
from index import VersionStore

logger = logging.getLogger(__name__)

FOLLOW_PATTERN = r"^th:[a-z0-9-]{1,60}$"
RSVP_PATTERN = r"^an:\d+:(kom|interesse)$"
THEME_COMMANDS = (
    BotCommand("volg", text.COMMAND_VOLG),
    BotCommand("volgend", text.COMMAND_VOLGEND),
    BotCommand("stopvolgen", text.COMMAND_STOPVOLGEN),
)


def _follows(context: BotContext) -> FollowService:
    return FollowService.over(context.services.storage.database)


def follow_keyboard(choices: list[ThemeChoice]) -> InlineKeyboardMarkup:
    """One toggle button per theme, its text holding the theme's name."""
    rows = []
    for choice in choices:
        label = text.FOLLOW_BUTTON_ON if choice.following else text.FOLLOW_BUTTON_OFF
        rows.append([InlineKeyboardButton(label.format(name=choice.name), callback_data=f"th:{choice.slug}")])
    return InlineKeyboardMarkup(rows)


async def volg(update: Update, context: BotContext) -> None:
    """/volg: the themes as toggle buttons."""
    message = update.effective_message
    assert message is not None
    choices = await asyncio.to_thread(_follows(context).choices, message.chat_id)
    await message.reply_text(text.FOLLOW_PROMPT, reply_markup=follow_keyboard(choices))


async def on_follow(update: Update, context: BotContext) -> None:
    """A theme button: follow it or stop following it, and redraw the buttons."""
    query = update.callback_query
    assert query is not None and query.data is not None
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    service, user = _follows(context), query.from_user
    # Known as an official from now on, so /vergeetmij finds (and removes) the follows too.
    officials = context.services.storage.officials
    await asyncio.to_thread(officials.upsert_official, user.id, user.full_name, user.username, user.language_code)
    try:
        theme, following = await asyncio.to_thread(service.toggle, chat_id, query.data.removeprefix("th:"))
    except ThemesError:
        await query.answer(text.FOLLOW_UNKNOWN)
        return
    await query.answer((text.FOLLOW_TOAST_ON if following else text.FOLLOW_TOAST_OFF).format(name=theme.name))
    if isinstance(query.message, Message):
        choices = await asyncio.to_thread(service.choices, chat_id)
        try:
            await query.message.edit_reply_markup(follow_keyboard(choices))
        except BadRequest as exc:  # "message is not modified" after a double press
            logger.debug("Theme buttons not redrawn: %s", exc)


async def offer_follow(message: Message, context: BotContext, chat_id: int, answer_id: int) -> None:
    """After a 👍: offer, once per official, to follow the answer's theme."""
    answer = await asyncio.to_thread(context.services.storage.conversation.get_answer, answer_id)
    if answer is None:
        return
    theme = await asyncio.to_thread(_follows(context).offer_for, chat_id, answer.sources)
    if theme is not None:
        button = InlineKeyboardButton(
            text.FOLLOW_OFFER_BUTTON.format(name=theme.name), callback_data=f"th:{theme.slug}"
        )
        await message.reply_text(
            text.FOLLOW_OFFER.format(name=theme.name), reply_markup=InlineKeyboardMarkup([[button]])
        )


async def volgend(update: Update, context: BotContext) -> None:
    """/volgend: the themes this official follows."""
    message = update.effective_message
    assert message is not None
    themes = await asyncio.to_thread(_follows(context).following, message.chat_id)
    if not themes:
        await message.reply_text(text.FOLLOWING_NONE)
        return
    lines = [text.FOLLOWING_HEADER, *(f"• {theme.name}" for theme in themes), "", text.FOLLOWING_FOOTER]
    await message.reply_text("\n".join(lines))


async def stopvolgen(update: Update, context: BotContext) -> None:
    """/stopvolgen: stop every follow."""
    message = update.effective_message
    assert message is not None
    stopped = await asyncio.to_thread(_follows(context).stop, message.chat_id)
    await message.reply_text(text.STOPPED if stopped else text.STOPPED_NONE)


async def on_rsvp(update: Update, context: BotContext) -> None:
    """ "Ik kom" / "interesse" under an announcement."""
    query = update.callback_query
    assert query is not None and query.data is not None
    _, number, response = query.data.split(":")
    service = AnnouncementService.over(context.services.storage.database, cap_per_week=1)
    name = query.from_user.full_name
    try:
        await asyncio.to_thread(service.respond, int(number), query.from_user.id, response, name)
    except ThemesError:
        await query.answer(text.RSVP_GONE)
        return
    await query.answer(text.RSVP_TOAST[response])


def theme_handlers(settings: Settings) -> list[BaseHandler[Any, Any, Any]]:
    """The officials' theme commands (outside the staff chat) and buttons."""
    staff = settings.staff_chat_id
    outside = ~filters.Chat(chat_id=staff) if staff is not None else filters.ALL
    outside = outside & filters.ChatType.PRIVATE  # follows are per official, pushed to their private chat
    return [
        CommandHandler("volg", volg, filters=outside),
        CommandHandler("volgend", volgend, filters=outside),
        CommandHandler("stopvolgen", stopvolgen, filters=outside),
        CallbackQueryHandler(on_follow, pattern=FOLLOW_PATTERN),
        CallbackQueryHandler(on_rsvp, pattern=RSVP_PATTERN),
        *survey_handlers(settings),
    ]


def digest_job(settings: Settings) -> Callable[[BotContext], Any]:
    """Job: plan the digest of a newly served index version, queue the due digests and survey reminders."""
    store = VersionStore(settings.index_dir)
    planners: list[DigestPlanner] = []  # one per Application, made once the storage is open

    async def run(context: BotContext) -> None:
        database = context.services.storage.database
        digests = DigestRepository(database)
        if not planners:
            planners.append(DigestPlanner(digests, store))
        planner = planners[0]
        sender = DigestSender(digests, FollowRepository(database), settings.send_window,
                              cap_per_week=settings.push_cap_per_week, per_second=settings.push_per_second)  # fmt: skip
        surveys = SurveyService.over(database, cap_per_week=settings.push_cap_per_week, timezone=settings.timezone)
        await asyncio.to_thread(FollowRepository(database).repace_backlog, settings.push_per_second)
        await asyncio.to_thread(planner.observe)
        await asyncio.to_thread(sender.dispatch)
        await asyncio.to_thread(surveys.remind_due)

    return run


def theme_jobs(settings: Settings) -> list[tuple[Callable[[BotContext], Any], timedelta, float, str]]:
    """(callback, interval, first run, name) for ``wire``."""
    every = timedelta(seconds=settings.digest_check_seconds)
    # The first run comes before the outbox pump's first tick: a backlog left by a restart is re-paced first.
    return [(digest_job(settings), every, 0.25, "theme-digests")]
