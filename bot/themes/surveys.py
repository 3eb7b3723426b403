"""Surveys ("bevragingen"): one to five questions, answered in Telegram, once per official.

Staff create a survey for some themes' followers (or all followers); each gets one invitation
(within the weekly cap) with a "Doe mee" button. Pressing it starts the questions one by one:
a choice question is a Telegram poll (not anonymous, so the answer can be tied to the
question), a text question is a message answered by a reply. Free text passes the personal
data guard (``bot.answer.privacy.redact``) before it is stored. After the last answer the
official is done; a second try is refused. Half-way to the deadline the officials who did not
finish get one reminder; after the deadline nothing more is accepted.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.answer.privacy import redact
from bot.storage import Database
from bot.storage.follows import FollowRepository, Push
from bot.storage.surveys import ParticipantRecord, QuestionRecord, SurveyRecord, SurveyRepository
from bot.storage.types import Clock, utcnow
from bot.themes import messages
from bot.themes.errors import BadSurvey, UnknownSurvey, UnknownTheme
from bot.themes.render import join_markup, render_push
from knowledge.themes import BY_SLUG

logger = logging.getLogger(__name__)

KINDS = ("single", "multiple", "text")
MAX_QUESTIONS = 5
MAX_OPTIONS = 10
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    kind: str
    text: str
    options: tuple[str, ...] = ()


class StepKind(StrEnum):
    ASK = "ask"
    DONE = "done"
    ALREADY = "already"
    CLOSED = "closed"
    NOT_INVITED = "not_invited"


@dataclass(frozen=True, slots=True)
class Step:
    """What the bot says next to an official in a survey."""

    kind: StepKind
    survey_id: int = 0
    question: QuestionRecord | None = None
    number: int = 0
    total: int = 0
    redacted: bool = False


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: QuestionRecord
    counts: dict[str, int]
    texts: list[str]


class SurveyService:
    """Create, answer, remind and report surveys."""

    def __init__(self, surveys: SurveyRepository, follows: FollowRepository, *, cap_per_week: int,
                 timezone: str = "Europe/Brussels", clock: Clock = utcnow) -> None:  # fmt: skip
        self._surveys = surveys
        self._follows = follows
        self._cap = cap_per_week
        self._zone = ZoneInfo(timezone)
        self._clock = clock

    @classmethod
    def over(cls, database: Database, *, cap_per_week: int, timezone: str = "Europe/Brussels") -> SurveyService:
        return cls(SurveyRepository(database), FollowRepository(database), cap_per_week=cap_per_week, timezone=timezone)

    def create(self, title: str, questions: Sequence[QuestionSpec], themes: Sequence[str], deadline: datetime,
               created_by: str | None = None) -> tuple[int, int]:  # fmt: skip
        """Store the survey and invite the followers; (survey id, invitations queued)."""
        now = self._clock()
        _check(title, questions, themes, deadline, now)
        reminder_at = now + (deadline - now) / 2
        specs = [(q.kind, q.text.strip(), q.options) for q in questions]
        survey_id = self._surveys.create(title.strip(), themes, deadline, reminder_at, specs, created_by)
        pushed = self._follows.pushes_since(now - WEEK)
        chats = [chat for chat in sorted(self._follows.followers(themes or None)) if pushed.get(chat, 0) < self._cap]
        text = messages.SURVEY_INVITE.format(title=title.strip(), count=len(questions), deadline=self._day(deadline))
        invited = self._surveys.invite(survey_id, self._pushes(survey_id, chats, text, "survey"))
        logger.info("Survey %s created; %d followers invited", survey_id, invited)
        return survey_id, invited

    def start(self, survey_id: int, chat_id: int) -> Step:
        """The "Doe mee" button: the first unanswered question, or why not."""
        survey, participant = self._surveys.get(survey_id), self._surveys.participant(survey_id, chat_id)
        if survey is None or participant is None:
            return Step(StepKind.NOT_INVITED, survey_id)
        return self._next(survey, participant)

    def asked(self, step: Step, chat_id: int, message_id: int, poll_id: str | None) -> None:
        """The question of ``step`` went out as ``message_id`` (a poll: ``poll_id``)."""
        assert step.question is not None
        self._surveys.asked(step.survey_id, chat_id, step.question.id, message_id, poll_id)

    def answer_poll(self, poll_id: str, chat_id: int, option_ids: Sequence[int]) -> Step | None:
        """A vote in a survey poll; None when the poll is no survey question of this official."""
        participant = self._surveys.by_poll(poll_id)
        if participant is None or participant.chat_id != chat_id or not option_ids:
            return None
        return self._answer(participant, list(option_ids), None)

    def answer_text(self, chat_id: int, reply_to_message_id: int, text: str) -> Step | None:
        """A reply to a text question; None when the replied message is no open survey question."""
        participant = self._surveys.by_message(chat_id, reply_to_message_id)
        if participant is None:
            return None
        cleaned = redact(text.strip())
        step = self._answer(participant, [], cleaned.text)
        return Step(step.kind, step.survey_id, step.question, step.number, step.total, bool(cleaned.kinds))

    def remind_due(self) -> int:
        """Queue the one reminder of every survey that is due one; how many messages."""
        queued = 0
        for survey in self._surveys.due_reminders(self._clock()):
            text = messages.SURVEY_REMINDER.format(title=survey.title, deadline=self._day(survey.deadline))
            chats = self._surveys.unfinished(survey.id)
            queued += self._surveys.remind(survey.id, self._pushes(survey.id, chats, text, "survey-reminder"))
        return queued

    def results(self, survey_id: int) -> list[QuestionResult]:
        """Per question: counts per option (choice) or the redacted texts (text)."""
        survey = self._surveys.get(survey_id)
        if survey is None:
            raise UnknownSurvey(survey_id)
        answers = self._surveys.answers(survey_id)
        results = []
        for question in survey.questions:
            mine = [answer for answer in answers if answer.question_id == question.id]
            votes = Counter(index for answer in mine for index in answer.choices)
            counts = {option: votes.get(index, 0) for index, option in enumerate(question.options)}
            results.append(QuestionResult(question, counts, [a.text for a in mine if a.text is not None]))
        return results

    def results_csv(self, survey_id: int) -> str:
        """``question,answer,count`` rows: one per option, one per free-text answer."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["question", "answer", "count"])
        for result in self.results(survey_id):
            for option, count in result.counts.items():
                writer.writerow([result.question.text, option, count])
            for text in result.texts:
                writer.writerow([result.question.text, text, 1])
        return buffer.getvalue()

    def _answer(self, participant: ParticipantRecord, choices: list[int], text: str | None) -> Step:
        survey = self._surveys.get(participant.survey_id)
        assert survey is not None
        if participant.done:
            return Step(StepKind.ALREADY, survey.id)
        if self._clock() >= survey.deadline:
            return Step(StepKind.CLOSED, survey.id)
        question = next(q for q in survey.questions if q.id == participant.asked_question_id)
        if not self._surveys.answer(survey.id, question.id, participant.chat_id, choices, text):
            return Step(StepKind.ALREADY, survey.id)
        return self._next(survey, participant)

    def _next(self, survey: SurveyRecord, participant: ParticipantRecord) -> Step:
        if participant.done:
            return Step(StepKind.ALREADY, survey.id)
        if self._clock() >= survey.deadline:
            return Step(StepKind.CLOSED, survey.id)
        answered = self._surveys.answered(survey.id, participant.chat_id)
        total = len(survey.questions)
        for number, question in enumerate(survey.questions, start=1):
            if question.id not in answered:
                return Step(StepKind.ASK, survey.id, question, number, total)
        self._surveys.finish(survey.id, participant.chat_id)
        return Step(StepKind.DONE, survey.id, None, total, total)

    def _pushes(self, survey_id: int, chats: Sequence[int], text: str, kind: str) -> list[Push]:
        body, markup = render_push(text), join_markup(survey_id)
        return [Push(chat, body, f"{kind}:{survey_id}:{chat}", kind, markup) for chat in chats]

    def _day(self, moment: datetime) -> str:
        return moment.astimezone(self._zone).strftime("%d-%m-%Y %H:%M")


def _check(title: str, questions: Sequence[QuestionSpec], themes: Sequence[str], deadline: datetime,
           now: datetime) -> None:  # fmt: skip
    if not title.strip():
        raise BadSurvey("the survey needs a title")
    if not 1 <= len(questions) <= MAX_QUESTIONS:
        raise BadSurvey(f"a survey has 1 to {MAX_QUESTIONS} questions, got {len(questions)}")
    if deadline <= now:
        raise BadSurvey(f"the deadline {deadline.isoformat()} has passed")
    for slug in themes:
        if slug not in BY_SLUG:
            raise UnknownTheme(slug)
    for number, question in enumerate(questions, start=1):
        if question.kind not in KINDS:
            raise BadSurvey(f"question {number}: kind {question.kind!r} is not one of {', '.join(KINDS)}")
        if not question.text.strip() or len(question.text) > 250:
            raise BadSurvey(f"question {number}: the text must hold 1 to 250 characters")
        choice = question.kind != "text"
        if choice and not 2 <= len(question.options) <= MAX_OPTIONS:
            raise BadSurvey(f"question {number}: a choice question needs 2 to {MAX_OPTIONS} options")
        if choice and any(not option.strip() or len(option) > 100 for option in question.options):
            raise BadSurvey(f"question {number}: options hold 1 to 100 characters")
        if not choice and question.options:
            raise BadSurvey(f"question {number}: a text question has no options")
