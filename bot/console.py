"""``vraagbaak chat``: the same pipeline as the Telegram bot, in a terminal.

It is what the main job starts when no Telegram token is configured, so an operator can
try the product with nothing but the shipped corpus and the packaged model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from . import messages
from .assistant import Assistant
from .cli_output import load_assistant, render_answer
from .errors import EmptyQuestionError
from .intents import SmallTalk, asks_for_person, looks_like_follow_up, small_talk, too_short
from .results import AnswerResult, Decision, EscalationReason
from .settings import Settings

_SMALL_TALK_REPLY = {SmallTalk.GREETING: messages.GREETING, SmallTalk.THANKS: messages.THANKS,
                     SmallTalk.GOODBYE: messages.GOODBYE}  # fmt: skip


class ConsoleHandover(Protocol):
    """Passes a question on to staff and says what the official is told (ticket number, timing)."""

    def __call__(self, result: AnswerResult) -> str: ...


class ConsoleChat:
    """One official at a terminal; reads lines, prints answers, offers staff on escalation."""

    def __init__(
        self,
        assistant: Assistant,
        *,
        handover: ConsoleHandover | None = None,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
    ) -> None:
        self._assistant = assistant
        self._handover = handover
        self._read = read
        self._write = write
        self._previous: str | None = None

    def run(self) -> None:
        self._write(messages.CHAT_WELCOME)
        while True:
            try:
                line = self._read("\n> ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if line.lower() in {"/stop", "/quit", "/exit"}:
                break
            self.handle(line)
        self._write(messages.CHAT_BYE)

    def handle(self, line: str) -> None:
        """Answer one line the way the Telegram bot would."""
        talk = small_talk(line)
        if talk is not None:
            self._write(_SMALL_TALK_REPLY[talk])
            return
        if too_short(line) and not line.startswith("/"):
            self._write(messages.TOO_SHORT)
            return
        context = self._previous if looks_like_follow_up(line) else None
        try:
            result = self._assistant.ask(
                line if line != "/mens" else "Ik wil een medewerker spreken.", context=context
            )
        except EmptyQuestionError:
            self._write(messages.EMPTY_QUESTION)
            return
        self._previous = result.question
        self._write(render_answer(result))
        if result.decision is Decision.ESCALATE:
            self._offer_handover(
                result, at_once=result.reason is EscalationReason.ASKED_FOR_PERSON or asks_for_person(line)
            )

    def _offer_handover(self, result: AnswerResult, *, at_once: bool) -> None:
        if self._handover is None:
            return
        if not at_once:
            try:
                consent = self._read(messages.CHAT_ESCALATE_PROMPT).strip().lower()
            except (EOFError, KeyboardInterrupt):
                consent = "n"
            if consent not in {"j", "ja", "y", "yes"}:
                self._write(messages.CHAT_NOT_PASSED)
                return
        self._write(self._handover(result))


def run_console(settings: Settings) -> None:
    """Load the pipeline (building the index on first use) and chat until /stop."""
    from .console_handover import make_console_handover

    assistant = load_assistant(settings)
    ConsoleChat(assistant, handover=make_console_handover(settings)).run()
