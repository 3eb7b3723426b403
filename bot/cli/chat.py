"""``vraagbaak chat``: the officials' conversation in a terminal, over the same services as Telegram.

It is what the main job starts when no Telegram token is configured, so an operator can try the
product with nothing but the shipped corpus and the packaged model. The console's user is one
official without a Telegram chat (user and chat id 0): questions are recorded like Telegram's, and
an escalation goes through the same ``Handover`` seam to the real local staff queue. Staff see the
ticket and can answer it; the relay of that answer has no chat to reach and is shown to them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot import messages
from bot.answer.intents import consent_of
from bot.chat import (
    ConversationService,
    Handover,
    HandoverTrigger,
    Question,
    Reply,
    ReplyKind,
    Sender,
    trigger_for,
)
from bot.cli.output import load_assistant, render_answer
from bot.queue import QueueHandover, StaffQueue
from bot.settings import Settings
from bot.storage import Storage

CONSOLE_SENDER = Sender(user_id=0, chat_id=0, display_name="Consolegebruiker", language="nl")
STOP_WORDS = frozenset({"/stop", "/quit", "/exit"})
_PERSON_REQUEST = "/mens"


class ConsoleChat:
    """One official at a terminal; reads lines, prints answers, offers staff on escalation."""

    def __init__(
        self,
        conversation: ConversationService,
        handover: Handover | None = None,
        *,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
    ) -> None:
        self._conversation = conversation
        self._handover = handover
        self._read = read
        self._write = write

    def run(self) -> None:
        """Chat until /stop, end of input or Ctrl-C."""
        self._write(messages.CHAT_WELCOME)
        while True:
            line = self._prompt("\n> ")
            if line is None or line.lower() in STOP_WORDS:
                break
            if not self.handle(line):
                break
        self._write(messages.CHAT_BYE)

    def handle(self, line: str) -> bool:
        """Answer one line the way the Telegram bot would; ``False`` when the official typed /stop."""
        if line == _PERSON_REQUEST:
            line = messages.PERSON_REQUEST_TEXT
        reply = self._conversation.reply(Question(CONSOLE_SENDER, line))
        if reply.kind is ReplyKind.CONSENT:
            return self._consented(reply)
        if reply.result is None:
            self._write(reply.text)
            return True
        self._write(render_answer(reply.result))
        if reply.kind is ReplyKind.ESCALATE:
            return self._offer_handover(reply)
        return True

    def _offer_handover(self, reply: Reply) -> bool:
        if self._handover is None:
            return True
        result = reply.result
        assert result is not None
        if not result.hand_over_at_once:
            answer = self._prompt(messages.CHAT_ESCALATE_PROMPT)
            if answer is not None and answer.lower() in STOP_WORDS:
                return False
            if consent_of(answer or "") is not True:
                self._write(messages.CHAT_NOT_PASSED)
                return True
        self._pass_on(reply.answer_id, trigger_for(result.reason))
        return True

    def _consented(self, reply: Reply) -> bool:
        """A typed yes or no after an escalation, answered as at the prompt."""
        if not reply.consent or reply.trigger is None or self._handover is None:
            self._write(messages.CHAT_NOT_PASSED)
            return True
        self._pass_on(reply.answer_id, reply.trigger)
        return True

    def _pass_on(self, answer_id: int | None, trigger: HandoverTrigger) -> None:
        assert self._handover is not None
        subject = self._conversation.subject(CONSOLE_SENDER, answer_id)
        self._write(asyncio.run(self._handover.request(subject.official, subject.question, trigger, subject.answer)))

    def _prompt(self, prompt: str) -> str | None:
        try:
            return self._read(prompt).strip()
        except (EOFError, KeyboardInterrupt):
            return None


def run_console(settings: Settings) -> None:
    """Load the pipeline (building the index on first use) and chat until /stop."""
    assistant = load_assistant(settings)
    storage = Storage.open(settings.resolved_database_url)
    storage.database.upgrade()
    desk = StaffQueue.over(storage, settings).officials
    handover = QueueHandover(desk, ask_local_government=False)
    ConsoleChat(ConversationService(assistant, storage), handover).run()
