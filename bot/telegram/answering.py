"""The steps behind the handlers: read who asked, answer off the event loop, defer when too fast.

Retrieval and the database are synchronous, so they run in worker threads
(``asyncio.to_thread``): one slow question never holds up the others.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from datetime import timedelta

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot import messages
from bot.answer.privacy import normalise
from bot.answer.results import EscalationReason
from bot.chat import HandoverTrigger, Question, Reply, ReplyKind, Sender
from bot.ops import record_question
from bot.storage import utcnow
from bot.telegram import planned
from bot.telegram.context import BotContext
from bot.telegram.delivery import reply_parts, show_typing
from bot.telegram.durable import Handling, current, defer, utc_in
from bot.telegram.filters import strip_mention
from bot.telegram.keyboards import HandoverChoice, keyboard_for
from bot.telegram.render import render_reply, render_text

logger = logging.getLogger(__name__)


def sender_of(update: Update) -> Sender:
    """The official and chat of any update that has both."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        raise ValueError(f"update {update.update_id} has no sender or chat")
    name, username = normalise(user.full_name), normalise(user.username) if user.username else None
    return Sender(user.id, chat.id, name, username, user.language_code)


def question_of(update: Update, bot_username: str) -> Question:
    """The question in a new or edited text message, without the bot's @mention."""
    message = update.effective_message
    assert message is not None and message.text is not None
    text = strip_mention(message.text, bot_username)
    return Question(sender_of(update), text, message.message_id, update.update_id)


async def answer_or_defer(message: Message, question: Question, context: BotContext, update: Update) -> None:
    """Answer now, or, over the official's rate limit, say so once and leave it waiting in the inbox.

    A deferred question waits in the database (``not_before`` on its stored update) and the resume
    job answers it when its slot comes, after a restart too; a question that arrives while earlier
    ones of the same official wait, waits behind them, so answers keep their order.
    """
    handling = current()
    if handling is None or not handling.stored.deferred:
        delay = await _wait_for(message, question, context, handling)
        if delay is None:
            logger.info("Update %s refused: rate limit backlog full", question.update_id)
            await reply_parts(message, render_text(messages.RATE_LIMIT_FULL))
            return
        if delay > 0 and handling is not None:
            logger.info("Update %s deferred %.1f s by the rate limit", question.update_id, delay)
            await asyncio.to_thread(defer, handling, context.services.storage.inbox, utc_in(delay))
            return
    await answer_question(message, question, context)


async def _wait_for(
    message: Message, question: Question, context: BotContext, handling: Handling | None
) -> float | None:
    """Seconds the question must wait (``None``: refused); the waiting notice goes out once per backlog."""
    services = context.services
    slot = services.throttle.reserve(question.sender.user_id)
    if slot.delay is None:
        return None
    behind = None
    if handling is not None:
        behind = await asyncio.to_thread(services.storage.inbox.waiting_until, question.sender.user_id,
                                         handling.stored.update_id)  # fmt: skip
    delay = max(slot.delay, (behind - utcnow()).total_seconds() if behind is not None else 0.0)
    if behind is not None:
        delay = max(delay, 0.001)  # after the earlier ones, never beside them
    if delay > 0 and slot.first_deferred and handling is not None and not await _told(question, context):
        seconds = max(1, math.ceil(delay))
        await reply_parts(message, render_text(messages.RATE_LIMITED.format(seconds=seconds)))
    return delay


async def _told(question: Question, context: BotContext) -> bool:
    """Told to wait within the last window already (e.g. before a restart): one notice per backlog."""
    services = context.services
    since = utcnow() - timedelta(seconds=services.throttle.window)
    return await asyncio.to_thread(services.storage.inbox.told_to_wait, question.sender.user_id, since)


async def answer_question(message: Message, question: Question, context: BotContext) -> None:
    """Typing indicator, the conversation service in a thread, the reply in HTML parts.

    The reply is planned and stored before it is sent (``bot.telegram.planned``): handled again
    after a crash, the update sends only what Telegram had not accepted, and nothing is recorded twice.
    """
    services, handling = context.services, current()
    started = time.perf_counter()
    stored = handling.stored.plan if handling is not None else None
    reply = None
    if stored is None:
        await show_typing(message)
        reply = await asyncio.to_thread(services.conversation.reply, question)
        if reply.kind is ReplyKind.CONSENT:
            await _typed_consent(message, question, reply, context)
            return
        plan = plan_of(reply)
        await planned.save(handling, services.storage.inbox, plan)
    else:
        plan = planned.Plan.from_json(stored)
    await planned.send(message, plan, handling, services.storage, resumed=stored is not None)
    if plan.hand_over and not plan.handed_over:
        await _hand_over_at_once(message, question, plan, context)
    if reply is None:
        logger.info("Resumed the reply to update %s", question.update_id)
        return
    decision = reply.result.decision.value if reply.result else "-"
    confidence = reply.result.confidence if reply.result else 0.0
    latency = time.perf_counter() - started
    if reply.result is not None:
        record_question(decision, question.sender.language, latency)
    logger.info("Replied to update %s: %s decision=%s confidence=%.2f latency_ms=%.0f parts=%d", question.update_id,
                reply.kind.value, decision, confidence, latency * 1000, len(plan.parts))  # fmt: skip


def plan_of(reply: Reply) -> planned.Plan:
    """The parts, keyboard and hand-over of ``reply``, as stored before sending."""
    parts = render_reply(reply)
    keyboard = keyboard_for(reply)
    hand_over = reply.result is not None and reply.result.reason is EscalationReason.ASKED_FOR_PERSON
    return planned.Plan(list(parts), keyboard.to_dict() if keyboard is not None else None, len(parts) - 1,
                        reply.answer_id, hand_over, language=reply.language)  # fmt: skip


async def _hand_over_at_once(message: Message, question: Question, plan: planned.Plan, context: BotContext) -> None:
    """Plainly asking for a person is consent enough: the ticket is opened without a button.

    The hand-over's own reply is added to the stored plan, so a resume does not open a second ticket.
    """
    services, handling = context.services, current()
    subject = await asyncio.to_thread(services.conversation.subject, question.sender, plan.answer_id)
    trigger = HandoverTrigger.ASKED_FOR_PERSON
    text = await services.handover.request(subject.official, subject.question, trigger, subject.answer)
    plan.parts.extend(render_text(text))
    plan.handed_over = True
    await planned.save(handling, services.storage.inbox, plan)
    await planned.send(message, plan, handling, services.storage)


async def _typed_consent(message: Message, question: Question, reply: Reply, context: BotContext) -> None:
    """A typed "ja" / "nee" to the offer under the last escalation, as if its button was pressed."""
    services = context.services
    assert reply.answer_id is not None
    answer = await asyncio.to_thread(services.storage.conversation.get_answer, reply.answer_id)
    if answer is not None and answer.bot_message_id is not None:
        await _remove_keyboard(context, question.sender.chat_id, answer.bot_message_id)
    if not reply.consent or reply.trigger is None:
        await reply_parts(message, render_text(messages.HANDOVER_DECLINED))
        return
    subject = await asyncio.to_thread(services.conversation.subject, question.sender, reply.answer_id)
    text = await services.handover.request(subject.official, subject.question, reply.trigger, subject.answer)
    await reply_parts(message, render_text(text))


async def _remove_keyboard(context: BotContext, chat_id: int, message_id: int) -> None:
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest as exc:  # already removed, or the message is gone
        logger.debug("Keyboard not removed: %s", exc)


async def hand_over(query: CallbackQuery, choice: HandoverChoice, context: BotContext, sender: Sender) -> str | None:
    """Pass the question behind a button to staff through the ``Handover``; the text to show.

    ``None`` when the answer is not the presser's own (another group member, forged data, an
    unknown id): only the asker may hand their question over.
    """
    services = context.services
    if not await asyncio.to_thread(services.conversation.owns, sender, choice.answer_id):
        return None
    await query.answer()
    await _drop_keyboard(query)
    if choice.trigger is None:
        return messages.HANDOVER_DECLINED
    replied = query.message.reply_to_message if isinstance(query.message, Message) else None
    quoted = replied.text if replied is not None else None
    subject = await asyncio.to_thread(services.conversation.subject, sender, choice.answer_id, quoted=quoted)
    return await services.handover.request(subject.official, subject.question, choice.trigger, subject.answer)


async def refuse_press(query: CallbackQuery, context: BotContext, sender: Sender | None, button: str) -> None:
    """The one neutral reply to a press that is not honoured, whether its id exists or not; audited."""
    await asyncio.to_thread(context.services.conversation.refuse_button, sender, button)
    await query.answer(messages.BUTTON_EXPIRED)


async def _drop_keyboard(query: CallbackQuery) -> None:
    """Remove the buttons so the same question is not handed over twice."""
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        try:
            await query.edit_message_reply_markup(None)
        except BadRequest as exc:  # already removed by an earlier press
            logger.debug("Keyboard not removed: %s", exc)
