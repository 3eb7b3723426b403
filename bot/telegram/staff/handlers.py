"""Staff handlers: the ticket buttons, /open, /ticket, /close, /faq, /faqok, and answers in topics.

Thin: check the sender is staff, call one desk of ``bot.queue`` in a thread, reply. Someone who
is not staff is refused and the attempt lands in the audit trail.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot import messages
from bot.queue import (
    Actor,
    NotPossible,
    QueueError,
    StaffAction,
    StaffButton,
    ThirdPartyData,
    parse_staff_button,
)
from bot.queue.actions import draft_keyboard
from bot.queue.render import escape as _text
from bot.queue.render import faq_draft, open_list, ticket_detail
from bot.storage import FaqDraftRecord, StorageError, utcnow
from bot.telegram.context import BotContext
from bot.telegram.once import once
from bot.telegram.staff.common import actor_of, explain, number_arg, reply_html
from bot.telegram.staff.outbox import markup
from bot.telegram.staff.runtime import QueueRuntime
from bot.text import pack_lines

logger = logging.getLogger(__name__)


class StaffHandlers:
    """Handlers for VVSG staff, in the staff chat (and, for commands, in a private chat)."""

    def __init__(self, runtime: QueueRuntime) -> None:
        self.runtime = runtime

    @once
    async def on_message(self, update: Update, context: BotContext) -> None:
        """A text in a ticket's topic, or a reply to its post: relayed to the official (or held, or refused)."""
        message = update.effective_message
        assert message is not None and message.text is not None
        ticket_id: int | None = None
        try:
            staff = self.runtime.queue(context).staff
            thread = message.message_thread_id if message.is_topic_message else None
            replied = message.reply_to_message.message_id if message.reply_to_message else None
            ticket = await asyncio.to_thread(staff.ticket_for_message, message.chat_id, thread, replied)
            if ticket is None or message.text.lstrip().lower().startswith(messages.STAFF_INTERNAL_PREFIX):
                return
            ticket_id = ticket.id
            if not await self._allowed(update, context, "answer", ticket.id):
                return
            actor = actor_of(update.effective_user)
            try:
                await asyncio.to_thread(staff.answer, ticket.id, actor, message.text,
                                        chat_id=message.chat_id, message_id=message.message_id)  # fmt: skip
            except ThirdPartyData as held:
                await asyncio.to_thread(staff.hold, held, actor, chat_id=message.chat_id, message_id=message.message_id)
        except Exception as exc:  # every failure is told to staff in the topic: they believe it was sent
            await self._not_relayed(message, ticket_id, exc)
            return
        self.runtime.pump.wake(context)

    async def _not_relayed(self, message: Message, ticket_id: int | None, exc: Exception) -> None:
        """ "Niet doorgestuurd: <why>. Probeer opnieuw." in the topic; unexpected errors are logged too."""
        if isinstance(exc, QueueError) and ticket_id is not None:
            status = messages.STAFF_STATUS.get(getattr(exc, "status", ""), getattr(exc, "status", ""))
            reason = messages.STAFF_REASON_STATUS.format(ticket_id=ticket_id, status=status)
        elif isinstance(exc, StorageError):
            logger.warning("Staff answer (ticket %s) not relayed: database error %s", ticket_id, type(exc).__name__)
            reason = messages.STAFF_REASON_DATABASE
        else:
            logger.exception("Staff answer (ticket %s) not relayed", ticket_id, exc_info=exc)
            reason = messages.STAFF_REASON_UNKNOWN
        try:
            await reply_html(message, _text(messages.STAFF_NOT_RELAYED_RETRY.format(reason=reason)))
        except TelegramError:
            logger.exception("Could not tell staff that the answer to ticket %s was not relayed", ticket_id)

    @once
    async def on_button(self, update: Update, context: BotContext) -> None:
        """Oppakken / Afsluiten / Maak FAQ / FAQ goedkeuren."""
        query = update.callback_query
        assert query is not None
        button = parse_staff_button(query.data)
        if button is None or not await self._allowed(update, context, f"button:{query.data}"):
            await query.answer(messages.STAFF_REFUSED if button else messages.BUTTON_EXPIRED, show_alert=True)
            return
        actor = actor_of(update.effective_user)
        try:
            if button.action is StaffAction.CLAIM:
                await query.answer(await self._claim(context, button.number, actor), show_alert=True)
            elif button.action is StaffAction.CLOSE:
                await asyncio.to_thread(self.runtime.queue(context).staff.close, button.number, actor)
                await query.answer(messages.STAFF_CLOSE_DONE.format(ticket_id=button.number))
            elif button.action in (StaffAction.SEND_HELD, StaffAction.CANCEL_HELD):
                await query.answer(await self._held(context, button.action, button.number, actor), show_alert=True)
            elif button.action is StaffAction.MAKE_FAQ:
                draft = await asyncio.to_thread(self.runtime.queue(context).faq.draft, button.number, actor)
                await query.answer()
                await _post_draft(query, draft)
            else:
                text = await self._approve(update, context, button.number, actor)
                await query.answer(text, show_alert=True)
        except QueueError as exc:
            await query.answer(_button_error(exc, button), show_alert=True)
        self.runtime.pump.wake(context)

    @once
    async def open_tickets(self, update: Update, context: BotContext) -> None:
        """/open: open and claimed tickets with age and assignee."""
        assert update.effective_message is not None
        if await self._allowed(update, context, "/open"):
            tickets = await asyncio.to_thread(self.runtime.queue(context).staff.open_tickets)
            await reply_html(update.effective_message, pack_lines(open_list(tickets, utcnow()).split("\n")))

    @once
    async def show_ticket(self, update: Update, context: BotContext) -> None:
        """/ticket N: the ticket and its conversation."""
        message, number = update.effective_message, number_arg(context)
        assert message is not None
        if not await self._allowed(update, context, "/ticket", number):
            return
        if number is None:
            await reply_html(message, _text(messages.STAFF_TICKET_USAGE))
            return
        queue = self.runtime.queue(context)
        try:
            view = await asyncio.to_thread(queue.staff.view, number)
        except QueueError as exc:
            await reply_html(message, _text(explain(exc, number)))
            return
        await reply_html(message, pack_lines(ticket_detail(view, queue.config.zone).split("\n")))

    @once
    async def close_ticket(self, update: Update, context: BotContext) -> None:
        """/close N: close the ticket (the official may reply to reopen it)."""
        message, number = update.effective_message, number_arg(context)
        assert message is not None
        if not await self._allowed(update, context, "/close", number):
            return
        if number is None:
            await reply_html(message, _text(messages.STAFF_CLOSE_USAGE))
            return
        try:
            await asyncio.to_thread(self.runtime.queue(context).staff.close, number, actor_of(update.effective_user))
            await reply_html(message, _text(messages.STAFF_CLOSE_DONE.format(ticket_id=number)))
        except QueueError as exc:
            await reply_html(message, _text(explain(exc, number)))
        self.runtime.pump.wake(context)

    @once
    async def edit_faq(self, update: Update, context: BotContext) -> None:
        """/faq N tekst (new answer) or /faq N vraag tekst (new question)."""
        message, number = update.effective_message, number_arg(context)
        assert message is not None
        if not await self._allowed(update, context, "/faq", number):
            return
        text = " ".join((context.args or [])[1:])
        if number is None or not text.strip():
            await reply_html(message, _text(messages.FAQ_USAGE))
            return
        try:
            faq = self.runtime.queue(context).faq
            draft = await asyncio.to_thread(faq.edit, number, actor_of(update.effective_user), text)
        except QueueError as exc:
            await reply_html(message, _text(explain(exc, number, draft=True)))
            return
        await reply_html(message, faq_draft(draft), markup(draft_keyboard(draft.id)))

    @once
    async def approve_faq(self, update: Update, context: BotContext) -> None:
        """/faqok N: approve the draft; it is written to the staff FAQ folder for the next reindex."""
        message, number = update.effective_message, number_arg(context)
        assert message is not None
        if not await self._allowed(update, context, "/faqok", number):
            return
        if number is None:
            await reply_html(message, _text(messages.FAQ_OK_USAGE))
            return
        try:
            text = await self._approve(update, context, number, actor_of(update.effective_user))
        except QueueError as exc:
            text = explain(exc, number, draft=True)
        await reply_html(message, _text(text))

    async def _held(self, context: BotContext, action: StaffAction, held_id: int, actor: Actor) -> str:
        """Send the held answer redacted, or cancel it; the line staff see."""
        staff = self.runtime.queue(context).staff
        if action is StaffAction.SEND_HELD:
            try:
                record = await asyncio.to_thread(staff.send_held, held_id, actor)
            except StorageError as exc:  # told, like any failure of a staff answer
                logger.warning("Held answer %s not relayed: database error %s", held_id, type(exc).__name__)
                return messages.STAFF_NOT_RELAYED_RETRY.format(reason=messages.STAFF_REASON_DATABASE)
            return messages.STAFF_HELD_SENT.format(ticket_id=record.ticket_id)
        record = await asyncio.to_thread(staff.cancel_held, held_id, actor)
        return messages.STAFF_HELD_CANCELLED.format(ticket_id=record.ticket_id)

    async def _claim(self, context: BotContext, ticket_id: int, actor: Actor) -> str:
        result = await asyncio.to_thread(self.runtime.queue(context).staff.claim, ticket_id, actor)
        if result.won:
            return messages.STAFF_CLAIM_WON.format(ticket_id=ticket_id)
        if result.holder_name:
            return messages.STAFF_CLAIM_TAKEN.format(ticket_id=ticket_id, name=result.holder_name)
        status = messages.STAFF_STATUS.get(result.ticket.status.value, result.ticket.status.value)
        return messages.STAFF_CLAIM_NOT_OPEN.format(ticket_id=ticket_id, status=status)

    async def on_member(self, update: Update, context: BotContext) -> None:
        """A ``chat_member`` update of the staff chat: staff rights follow it at once."""
        change = update.chat_member
        assert change is not None
        self.runtime.access.observe(change.new_chat_member.user.id, change.new_chat_member.status)

    async def _approve(self, update: Update, context: BotContext, draft_id: int, actor: Actor) -> str:
        """Approve a draft when ``actor`` administers the staff chat; the line to show either way."""
        if actor.user_id is None or not await self.runtime.access.is_admin(context.bot, actor.user_id):
            await asyncio.to_thread(self.runtime.queue(context).staff.refuse, actor.user_id, actor.name,
                                    "faq.approve", None)  # fmt: skip
            return messages.FAQ_ADMIN_ONLY
        draft = await asyncio.to_thread(self.runtime.queue(context).faq.approve, draft_id, actor)
        return messages.FAQ_APPROVED.format(draft_id=draft_id, name=actor.name, path=f"staff-faq/{draft.file_path}")

    async def _allowed(self, update: Update, context: BotContext, attempt: str, ticket_id: int | None = None) -> bool:
        """Staff may go on; anyone else is told no and the attempt is audited."""
        user = update.effective_user
        if user is not None and await self.runtime.access.is_staff(context.bot, user.id):
            return True
        staff = self.runtime.queue(context).staff
        await asyncio.to_thread(staff.refuse, user.id if user else None, user.full_name if user else None,
                                attempt, ticket_id)  # fmt: skip
        if update.effective_message is not None and update.callback_query is None:
            await reply_html(update.effective_message, _text(messages.STAFF_REFUSED))
        return False


def _button_error(exc: QueueError, button: StaffButton) -> str:
    """The alert for a staff button whose action was refused."""
    if isinstance(exc, NotPossible) and exc.status == "held":
        return messages.STAFF_HELD_GONE
    return explain(exc, button.number, draft=button.action is StaffAction.APPROVE_FAQ)


async def _post_draft(query: CallbackQuery, draft: FaqDraftRecord) -> None:
    """The new draft, under the post whose button made it."""
    if isinstance(query.message, Message):
        await query.message.reply_text(faq_draft(draft), parse_mode=ParseMode.HTML, do_quote=False,
                                       reply_markup=markup(draft_keyboard(draft.id)))  # fmt: skip
