"""Officials' survey handlers: the "Doe mee" button, poll answers and replies to text questions.

Thin handlers over ``bot.themes.SurveyService``: each asks the service for the next ``Step``
and says it (a poll, a question to reply to, thanks or a refusal). Registered by
``bot.telegram.app.wire`` through ``survey_handlers``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Bot, ForceReply, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, PollAnswerHandler, filters

from bot.settings import Settings
from bot.telegram.context import BotContext
from bot.themes import Step, StepKind, SurveyService
from bot.themes import messages as text

JOIN_PATTERN = r"^sv:\d+$"
REFUSALS = {
    StepKind.DONE: text.SURVEY_THANKS,
    StepKind.ALREADY: text.SURVEY_ALREADY,
    StepKind.CLOSED: text.SURVEY_CLOSED,
    StepKind.NOT_INVITED: text.SURVEY_NOT_INVITED,
}


class SurveyQuestionReply(filters.MessageFilter):
    """A reply to one of the bot's survey text questions."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(replied and replied.text and replied.text.startswith(text.SURVEY_QUESTION_MARK))


class SurveyHandlers:
    """Handlers bound to the settings (cap and time zone of the service)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def service(self, context: BotContext) -> SurveyService:
        return SurveyService.over(context.services.storage.database, cap_per_week=self._settings.push_cap_per_week,
                                  timezone=self._settings.timezone)  # fmt: skip

    async def on_join(self, update: Update, context: BotContext) -> None:
        """ "Doe mee": the first open question."""
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer()
        service, chat_id = self.service(context), query.from_user.id
        step = await asyncio.to_thread(service.start, int(query.data.removeprefix("sv:")), chat_id)
        await say(context.bot, service, chat_id, step)

    async def on_poll_answer(self, update: Update, context: BotContext) -> None:
        """A vote in a survey poll: store it, ask the next question."""
        answer = update.poll_answer
        if answer is None or answer.user is None:
            return
        service, chat_id = self.service(context), answer.user.id
        step = await asyncio.to_thread(service.answer_poll, answer.poll_id, chat_id, list(answer.option_ids))
        if step is not None:
            await say(context.bot, service, chat_id, step)

    async def on_reply(self, update: Update, context: BotContext) -> None:
        """A reply to a text question: store it (personal data removed), ask the next question."""
        message = update.effective_message
        assert message is not None and message.text is not None and message.reply_to_message is not None
        service = self.service(context)
        replied = message.reply_to_message.message_id
        step = await asyncio.to_thread(service.answer_text, message.chat_id, replied, message.text)
        if step is None:
            step = Step(StepKind.ALREADY)
        elif step.redacted:
            await message.reply_text(text.SURVEY_REDACTED)
        await say(context.bot, service, message.chat_id, step)


async def say(bot: Bot, service: SurveyService, chat_id: int, step: Step) -> None:
    """Send what ``step`` means: the next question (and remember it), or one closing line."""
    question = step.question
    if step.kind is not StepKind.ASK or question is None:
        await bot.send_message(chat_id, REFUSALS.get(step.kind, text.SURVEY_THANKS))
        return
    title = text.SURVEY_QUESTION.format(number=step.number, total=step.total, text=question.text)
    if question.kind == "text":
        sent = await bot.send_message(chat_id, f"{title}\n{text.SURVEY_TEXT_HINT}", reply_markup=ForceReply())
        await asyncio.to_thread(service.asked, step, chat_id, sent.message_id, None)
        return
    sent = await bot.send_poll(chat_id, title[:300], list(question.options), is_anonymous=False,
                               allows_multiple_answers=question.kind == "multiple")  # fmt: skip
    await asyncio.to_thread(service.asked, step, chat_id, sent.message_id, sent.poll.id if sent.poll else None)


def survey_handlers(settings: Settings) -> list[BaseHandler[Any, Any, Any]]:
    """The "Doe mee" button, poll answers, and replies to text questions (before the conversation's)."""
    handlers = SurveyHandlers(settings)
    reply = filters.TEXT & ~filters.COMMAND & filters.REPLY & SurveyQuestionReply()
    return [
        CallbackQueryHandler(handlers.on_join, pattern=JOIN_PATTERN),
        PollAnswerHandler(handlers.on_poll_answer),
        MessageHandler(reply, handlers.on_reply),
    ]
