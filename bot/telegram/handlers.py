"""Thin handlers: read the update, call one service, reply. Registered in ``app.wire``."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot import messages
from bot.chat import HandoverTrigger
from bot.telegram.answering import answer_or_defer, hand_over, question_of, refuse_press, sender_of
from bot.telegram.context import BotContext
from bot.telegram.delivery import reply_parts, send_parts
from bot.telegram.durable import current
from bot.telegram.errors import BadCallbackData
from bot.telegram.keyboards import escalation_keyboard, parse_handover, parse_vote
from bot.telegram.render import escape, render_text
from bot.telegram.themes import offer_follow

logger = logging.getLogger(__name__)


async def start(update: Update, context: BotContext) -> None:
    """/start: what the bot does and does not do, and the privacy rule."""
    assert update.effective_message is not None
    await reply_parts(update.effective_message, render_text(messages.START))


async def help_command(update: Update, context: BotContext) -> None:
    """/help: how to ask, the buttons and the commands."""
    assert update.effective_message is not None
    await reply_parts(update.effective_message, render_text(messages.HELP))


async def privacy(update: Update, context: BotContext) -> None:
    """/privacy: the key points of the privacy statement."""
    assert update.effective_message is not None
    await reply_parts(update.effective_message, context.services.privacy_notice)


async def mens(update: Update, context: BotContext) -> None:
    """/mens [vraag]: hand the given or the latest question to a staff member."""
    assert update.effective_message is not None
    services = context.services
    text = " ".join(context.args or ())
    subject = await asyncio.to_thread(services.conversation.subject, sender_of(update), text=text)
    trigger = HandoverTrigger.ASKED_FOR_PERSON
    reply = await services.handover.request(subject.official, subject.question, trigger, subject.answer)
    await reply_parts(update.effective_message, render_text(reply))


async def on_text(update: Update, context: BotContext) -> None:
    """A text question, new or edited: answered with sources, or deferred when sent too fast."""
    assert update.effective_message is not None
    question = question_of(update, context.bot.username)
    await answer_or_defer(update.effective_message, question, context, update)


async def on_attachment(update: Update, context: BotContext) -> None:
    """Photos, files, voice, stickers, locations, contacts: only text is handled; nothing is downloaded."""
    assert update.effective_message is not None
    await reply_parts(update.effective_message, render_text(messages.NON_TEXT))


async def on_vote(update: Update, context: BotContext) -> None:
    """👍 / 👎 under an answer: store the vote of the answer's owner and thank them; refuse others."""
    query = update.callback_query
    assert query is not None
    try:
        vote, sender = parse_vote(query.data), sender_of(update)
    except (BadCallbackData, ValueError):
        await refuse_press(query, context, None, "feedback")
        return
    conversation = context.services.conversation
    if not await asyncio.to_thread(conversation.feedback, sender, vote.answer_id, vote.helpful):
        await refuse_press(query, context, sender, "feedback")
        return
    await query.answer(messages.FEEDBACK_THANKS if vote.helpful else messages.FEEDBACK_SORRY)
    if vote.helpful and isinstance(query.message, Message):  # once: follow this theme? (bot.themes)
        await offer_follow(query.message, context, sender.chat_id, vote.answer_id)
    if not vote.helpful and isinstance(query.message, Message):
        offer = escalation_keyboard(vote.answer_id, HandoverTrigger.NOT_HELPFUL)
        await reply_parts(query.message, render_text(messages.NOT_HELPFUL_OFFER), offer)


async def on_handover(update: Update, context: BotContext) -> None:
    """🙋, ✅ or ❌: pass the asker's question to staff through the Handover, or keep it here."""
    query = update.callback_query
    assert query is not None
    try:
        choice, sender = parse_handover(query.data), sender_of(update)
    except (BadCallbackData, ValueError):
        await refuse_press(query, context, None, "handover")
        return
    text = await hand_over(query, choice, context, sender)
    if text is None:
        await refuse_press(query, context, sender, "handover")
        return
    if isinstance(query.message, Message):
        await send_parts(query.message, render_text(text))


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure with its traceback; tell the official in Dutch only when nothing will retry it.

    A stored update that failed is tried again (``bot.telegram.durable``), and after its last try
    the official gets one polite notice from there: no "something went wrong" for a message that
    will still be handled.
    """
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("Handling update %s failed", update_id, exc_info=context.error)
    if current() is not None:
        return
    chat = update.effective_chat if isinstance(update, Update) else None
    services = context.bot_data.services
    if chat is None or chat.type == ChatType.CHANNEL or (services is not None and chat.id == services.staff_chat_id):
        return
    with contextlib.suppress(TelegramError):
        await context.bot.send_message(chat.id, escape(messages.INTERNAL_ERROR), parse_mode=ParseMode.HTML)
