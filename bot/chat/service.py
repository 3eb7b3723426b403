"""One official's message in, one reply out: the chat logic every messaging channel shares.

Order of work for a text message: small talk and too-short messages are answered without a
retrieval; everything else goes through ``Assistant.ask`` (which redacts first), with the
previous question as context for a short follow-up. Only redacted text is ever stored: the
question as ``AnswerResult.question`` gives it back, the answer, its decision, confidence and
sources. Nothing here imports ``telegram``; the Telegram handlers turn a ``Reply`` into HTML.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Generic, Protocol, TypeVar

from bot import messages
from bot.answer.intents import SmallTalk, consent_of, looks_like_follow_up, normalise, small_talk, too_short
from bot.answer.privacy import redact
from bot.answer.results import AnswerResult, Decision
from bot.chat.models import HandoverSubject, HandoverTrigger, Official, Question, Reply, ReplyKind, Sender, trigger_for
from bot.errors import EmptyQuestionError
from bot.storage import AskedQuestion, GivenAnswer, Storage
from bot.storage import Decision as StoredDecision

logger = logging.getLogger(__name__)
V = TypeVar("V")

_SMALL_TALK_TEXT = {
    SmallTalk.GREETING: messages.GREETING,
    SmallTalk.THANKS: messages.THANKS,
    SmallTalk.GOODBYE: messages.GOODBYE,
}
# An official's name and last-seen time are refreshed in the database at most this often.
OFFICIAL_REFRESH_SECONDS = 600.0
# A typed "ja" answers the offer to pass a question on for this long after it was made.
OFFER_SECONDS = 1800.0


class Answerer(Protocol):
    """What the conversation needs of ``bot.answer.assistant.Assistant``."""

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult: ...


class _Recent(Generic[V]):
    """A small thread-safe LRU map with the time each value was stored; per-process memory."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[int, tuple[V, float]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: int) -> tuple[V, float] | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: int, value: V) -> None:
        with self._lock:
            self._items[key] = (value, time.monotonic())
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class ConversationService:
    """Answers officials' messages and records them; synchronous, safe to call from many threads."""

    def __init__(self, assistant: Answerer, storage: Storage, *, memory: int = 10_000) -> None:
        if memory < 1:
            raise ValueError(f"memory must be >= 1, got {memory!r}")
        self.assistant = assistant
        self.storage = storage
        self._officials: _Recent[Official] = _Recent(memory)  # by telegram user id
        self._last_question: _Recent[str] = _Recent(memory)  # redacted, by official id
        self._questions: _Recent[str] = _Recent(memory)  # redacted, by answer id
        self._last_chunk: _Recent[str] = _Recent(memory)  # the chunk of the last answer, by official id
        self._offers: _Recent[tuple[int, HandoverTrigger] | None] = _Recent(memory)  # open offer, by official id

    def reply(self, question: Question) -> Reply:
        """The reply to one text message; a real question is stored (redacted) with the answer."""
        text = normalise(question.text)
        consent = consent_of(text)
        if consent is not None:
            offer = self._open_offer(self.official(question.sender))
            if offer is not None:
                return Reply(ReplyKind.CONSENT, "", None, offer[0], consent=consent, trigger=offer[1])
        chat = small_talk(text)
        if chat is not None:
            return Reply(ReplyKind.SMALL_TALK, _SMALL_TALK_TEXT[chat])
        if too_short(text):
            return Reply(ReplyKind.HINT, messages.TOO_SHORT)
        official = self.official(question.sender)
        follow_up = looks_like_follow_up(text)
        context = self._context(official) if follow_up else None
        previous = self._last_chunk.get(official.id) if follow_up else None
        try:
            result = self.assistant.ask(text, context=context, previous_chunk=previous[0] if previous else None)
        except EmptyQuestionError:
            return Reply(ReplyKind.HINT, messages.EMPTY_QUESTION)
        answer_id = self._record(official, question, result)
        kind = ReplyKind.ANSWER if result.decision is Decision.ANSWER else ReplyKind.ESCALATE
        offer = (
            (answer_id, trigger_for(result.reason))
            if kind is ReplyKind.ESCALATE and not result.hand_over_at_once
            else None
        )
        self._offers.put(official.id, offer)
        return Reply(kind, result.answer, result, answer_id)

    def _open_offer(self, official: Official) -> tuple[int, HandoverTrigger] | None:
        """The hand-over offer made with the official's last reply, if still open (and closes it)."""
        remembered = self._offers.get(official.id)
        if remembered is None or remembered[0] is None or time.monotonic() - remembered[1] > OFFER_SECONDS:
            return None
        self._offers.put(official.id, None)
        return remembered[0]

    def official(self, sender: Sender) -> Official:
        """The official behind ``sender``, created or refreshed in the database when due."""
        cached = self._officials.get(sender.user_id)
        fresh = cached is not None and time.monotonic() - cached[1] < OFFICIAL_REFRESH_SECONDS
        if cached is not None and fresh and cached[0].chat_id == sender.chat_id:
            return cached[0]
        record = self.storage.officials.upsert_official(
            sender.user_id, sender.display_name, sender.username, sender.language
        )
        official = Official(record.id, sender.user_id, sender.chat_id, sender.display_name)
        self._officials.put(sender.user_id, official)
        return official

    def remember_message(self, answer_id: int, message_id: int) -> None:
        """Which channel message carried the answer (its buttons point back to it)."""
        self.storage.conversation.set_answer_message_id(answer_id, message_id)

    def owns(self, sender: Sender, answer_id: int) -> bool:
        """Whether ``answer_id`` answered a question ``sender`` asked in this very chat.

        A button is only honoured for its owner: another official (or another member of a
        group) pressing it, or forged data naming someone else's answer, gets the same "no"
        as an id that does not exist, so existence does not leak either.
        """
        owner = self.storage.conversation.answer_owner(answer_id)
        return owner is not None and owner == (self.official(sender).id, sender.chat_id)

    def refuse_button(self, sender: Sender | None, button: str) -> None:
        """Audit a press that was refused (forged, foreign or malformed)."""
        user_id = sender.user_id if sender is not None else None
        detail = {"button": button, "chat_id": sender.chat_id if sender is not None else None}
        self.storage.audit.record(user_id, None, "button.refused", None, detail)
        logger.warning("Button press refused: %s by user %s", button, user_id)

    def feedback(self, sender: Sender, answer_id: int, helpful: bool) -> bool:
        """Store a vote; ``False`` when the answer is unknown or not the sender's own."""
        if not self.owns(sender, answer_id):
            return False
        self.storage.conversation.record_feedback(answer_id, self.official(sender).id, helpful)
        logger.info("Feedback on answer %s: helpful=%s", answer_id, helpful)
        return True

    def subject(
        self, sender: Sender, answer_id: int | None = None, *, quoted: str | None = None, text: str = ""
    ) -> HandoverSubject:
        """What to hand over: ``text`` (redacted) when given, else the question behind ``answer_id``,
        else the official's last question.

        ``quoted`` is the text of the message the answer replied to, used (redacted) when this
        process no longer remembers the question (after a restart).
        """
        official = self.official(sender)
        if normalise(text):
            return HandoverSubject(official, redact(normalise(text)).text, None)
        answer = self.storage.conversation.get_answer(answer_id) if answer_id is not None else None
        if answer is not None:
            remembered = self._questions.get(answer.id)
            if remembered is not None:
                return HandoverSubject(official, remembered[0], answer)
            last = self.storage.conversation.last_question(official.id)
            if last is not None and last.id == answer.question_id:
                return HandoverSubject(official, last.text_redacted, answer)
            return HandoverSubject(official, redact(normalise(quoted or "")).text, answer)
        last = self.storage.conversation.last_question(official.id)
        if last is None:
            return HandoverSubject(official, "", None)
        return HandoverSubject(official, last.text_redacted, last.answer)

    def _context(self, official: Official) -> str | None:
        remembered = self._last_question.get(official.id)
        if remembered is not None:
            return remembered[0]
        last = self.storage.conversation.last_question(official.id)
        return last.text_redacted if last is not None else None

    def _record(self, official: Official, question: Question, result: AnswerResult) -> int:
        asked = AskedQuestion(official.id, question.sender.chat_id, result.question, question.message_id,
                              question.update_id, tuple(result.redacted))  # fmt: skip
        given = GivenAnswer(StoredDecision(result.decision.value), result.confidence, result.answer,
                            tuple(source.to_json() for source in result.sources))  # fmt: skip
        _question_id, answer_id = self.storage.conversation.record_exchange(asked, given)
        self._last_question.put(official.id, result.question)
        self._questions.put(answer_id, result.question)
        if result.decision is Decision.ANSWER and result.sources:
            self._last_chunk.put(official.id, result.sources[0].chunk_id)
        return answer_id
