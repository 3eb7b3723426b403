"""Surveys through the fake Bot API: a poll and a text answer, once per official, one reminder, results."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from sqlalchemy import update

from bot.settings import Settings
from bot.storage import Storage, utcnow
from bot.storage.follows import FollowRepository
from bot.storage.models import Survey
from bot.storage.surveys import SurveyRepository
from bot.themes import QuestionSpec, SurveyService
from tests.bot.queue.conftest import OFFICIAL, OTHER_OFFICIAL, Launch, message_id, press, say, sends, wait_send
from tests.support.fakes import FakeBotAPI, RecordedCall

INVITE = "Bevraging van Team Veiligheid"
QUESTIONS = [
    QuestionSpec("single", "Hebt u een LIVC R?", ("Ja", "Nee", "In opstart")),
    QuestionSpec("text", "Wat mist u het meest?"),
]
ANSWER = "Juridische steun; mail gerust naar jan.peeters@gemeente.be of bel 0470 12 34 56."


def polls(server: FakeBotAPI, chat_id: int) -> list[RecordedCall]:
    return [c for c in server.calls("sendPoll") if c.ok and int(c.params.get("chat_id", 0)) == chat_id]


def follow(storage: Storage, *chats: int) -> None:
    for chat in chats:
        storage.officials.upsert_official(chat, f"Ambtenaar {chat}")
        FollowRepository(storage.database).toggle(chat, "signalen-en-casussen")


async def test_a_poll_and_a_text_answer_once_per_official_with_results(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follow(storage, OFFICIAL)
    service = SurveyService.over(storage.database, cap_per_week=3)
    survey_id, invited = service.create("Uw LIVC R", QUESTIONS, ["signalen-en-casussen"], utcnow() + timedelta(days=2))
    assert invited == 1
    async with launch(theme_settings):
        invitation = await wait_send(fake_bot_api, OFFICIAL, INVITE)
        assert "/stopvolgen" in str(invitation.params["text"])
        press(fake_bot_api, OFFICIAL, OFFICIAL, f"sv:{survey_id}", invitation)
        await fake_bot_api.wait_for(lambda _: bool(polls(fake_bot_api, OFFICIAL)))
        [poll] = polls(fake_bot_api, OFFICIAL)
        assert poll.params["is_anonymous"] is False and "Hebt u een LIVC R?" in str(poll.params["question"])
        assert isinstance(poll.result, dict)
        fake_bot_api.enqueue(fake_bot_api.make.poll_answer(poll.result["poll"]["id"], OFFICIAL, [2]))

        question = await wait_send(fake_bot_api, OFFICIAL, "📋 Vraag 2/2")
        replied = fake_bot_api.message(OFFICIAL, message_id(question))
        assert replied is not None
        say(fake_bot_api, OFFICIAL, OFFICIAL, ANSWER, reply_to_message=replied)
        await wait_send(fake_bot_api, OFFICIAL, "Dank u!")

        press(fake_bot_api, OFFICIAL, OFFICIAL, f"sv:{survey_id}", invitation)  # a second go
        await wait_send(fake_bot_api, OFFICIAL, "al ingevuld")
        say(fake_bot_api, OFFICIAL, OFFICIAL, "Toch nog iets anders.", reply_to_message=replied)
        await wait_send(fake_bot_api, OFFICIAL, "al ingevuld", count=2)
        fake_bot_api.enqueue(fake_bot_api.make.poll_answer(poll.result["poll"]["id"], OFFICIAL, [0]))
        await asyncio.sleep(0.3)
    [choice, free] = service.results(survey_id)
    assert choice.counts == {"Ja": 0, "Nee": 0, "In opstart": 1}
    assert len(free.texts) == 1 and "Juridische steun" in free.texts[0]
    assert "0470" not in free.texts[0] and "peeters@" not in free.texts[0]  # the personal-data guard ran first
    assert service.results_csv(survey_id).splitlines()[3] == "Hebt u een LIVC R?,In opstart,1"
    assert sends(fake_bot_api, OTHER_OFFICIAL) == []

    storage.officials.forget_official(OFFICIAL)  # /vergeetmij
    assert SurveyRepository(storage.database).answers(survey_id) == []
    assert FollowRepository(storage.database).follows(OFFICIAL) == []


def move(storage: Storage, survey_id: int, **moments: datetime) -> None:
    """Bring the survey's reminder or deadline forward (instead of waiting for it)."""
    with storage.database.session() as session:
        session.execute(update(Survey).where(Survey.id == survey_id).values(**moments))


async def test_one_reminder_to_who_did_not_finish_and_nothing_after_the_deadline(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follow(storage, OFFICIAL, OTHER_OFFICIAL)
    service = SurveyService.over(storage.database, cap_per_week=3)
    survey_id, _ = service.create("Korte vraag", QUESTIONS[:1], [], utcnow() + timedelta(days=7))
    async with launch(theme_settings):
        invitation = await wait_send(fake_bot_api, OFFICIAL, INVITE)
        press(fake_bot_api, OFFICIAL, OFFICIAL, f"sv:{survey_id}", invitation)
        await fake_bot_api.wait_for(lambda _: bool(polls(fake_bot_api, OFFICIAL)))
        poll = polls(fake_bot_api, OFFICIAL)[0].result
        assert isinstance(poll, dict)
        fake_bot_api.enqueue(fake_bot_api.make.poll_answer(poll["poll"]["id"], OFFICIAL, [0]))
        await wait_send(fake_bot_api, OFFICIAL, "Dank u!")

        move(storage, survey_id, reminder_at=utcnow())
        reminder = await wait_send(fake_bot_api, OTHER_OFFICIAL, "Herinnering")
        await asyncio.sleep(1.0)  # five more job runs
        move(storage, survey_id, deadline=utcnow())
        press(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, f"sv:{survey_id}", reminder)
        await wait_send(fake_bot_api, OTHER_OFFICIAL, "afgesloten")
    assert len(sends(fake_bot_api, OTHER_OFFICIAL, "Herinnering")) == 1
    assert sends(fake_bot_api, OFFICIAL, "Herinnering") == []
    assert service.results(survey_id)[0].counts == {"Ja": 1, "Nee": 0, "In opstart": 0}
