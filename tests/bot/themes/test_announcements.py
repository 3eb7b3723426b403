"""Announcements through the fake Bot API: RSVP buttons and counts, followers only, blocked chats skipped."""

from __future__ import annotations

import asyncio

from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.follows import FollowRepository
from bot.themes import AnnouncementService
from tests.bot.queue.conftest import (
    OFFICIAL,
    OTHER_OFFICIAL,
    Launch,
    answers,
    buttons,
    press,
    sends,
    settled,
    wait_send,
)
from tests.support.fakes import FakeBotAPI

THIRD = 6161
HEADER = "Van Team Veiligheid"
runner = CliRunner()


async def test_an_announcement_with_rsvp_buttons_counts_the_responses(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings, database_url: str
) -> None:
    follows = FollowRepository(storage.database)
    follows.toggle(OFFICIAL, "polarisatie-en-online-haat")
    follows.toggle(OTHER_OFFICIAL, "beroepsgeheim-en-privacy")
    service = AnnouncementService.over(storage.database, cap_per_week=3)
    async with launch(theme_settings):
        done = await asyncio.to_thread(
            service.announce, "Infosessie online haat, 12 maart in Brussel.", ["polarisatie-en-online-haat"], rsvp=True
        )
        assert done.queued == 1
        invitation = await wait_send(fake_bot_api, OFFICIAL, HEADER)
        assert buttons(invitation) == [f"an:{done.announcement_id}:kom", f"an:{done.announcement_id}:interesse"]
        assert "/stopvolgen" in str(invitation.params["text"])
        everyone = await asyncio.to_thread(service.announce, "Nieuwe werkgroep intervisie.", [], rsvp=True)
        assert everyone.queued == 2
        second = await wait_send(fake_bot_api, OTHER_OFFICIAL, "werkgroep intervisie")
        press(fake_bot_api, OFFICIAL, OFFICIAL, f"an:{done.announcement_id}:interesse", invitation)
        await fake_bot_api.wait_for(lambda _: len(answers(fake_bot_api, "Genoteerd")) >= 1)  # updates run concurrently
        press(fake_bot_api, OFFICIAL, OFFICIAL, f"an:{done.announcement_id}:kom", invitation)  # changed their mind
        press(fake_bot_api, OTHER_OFFICIAL, OTHER_OFFICIAL, f"an:{everyone.announcement_id}:interesse", second)
        await fake_bot_api.wait_for(lambda _: len(answers(fake_bot_api, "Genoteerd")) >= 3)
        await settled(storage)
    assert sends(fake_bot_api, THIRD) == []
    first = service.report(done.announcement_id)
    assert first.counts == {"kom": 1, "interesse": 0} and [r.chat_id for r in first.responses] == [OFFICIAL]
    assert service.report(everyone.announcement_id).counts == {"kom": 0, "interesse": 1}
    exported = runner.invoke(app, ["themes", "responses", str(done.announcement_id), "--csv"],
                             env={"VRAAGBAAK_DATABASE_URL": database_url})  # fmt: skip
    assert exported.exit_code == 0, exported.output
    lines = exported.output.strip().splitlines()
    assert lines[0] == "name,response,responded_at" and len(lines) == 2 and ",kom," in lines[1]


async def test_an_official_who_blocked_the_bot_is_marked_and_skipped(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, theme_settings: Settings
) -> None:
    follows = FollowRepository(storage.database)
    follows.toggle(OFFICIAL, "signalen-en-casussen")
    follows.toggle(OTHER_OFFICIAL, "signalen-en-casussen")
    fake_bot_api.block_chat(OFFICIAL)
    service = AnnouncementService.over(storage.database, cap_per_week=3)
    async with launch(theme_settings):
        await asyncio.to_thread(service.announce, "Eerste bericht.", ["signalen-en-casussen"], rsvp=False)
        await wait_send(fake_bot_api, OTHER_OFFICIAL, "Eerste bericht")
        await fake_bot_api.wait_for(lambda _: follows.is_blocked(OFFICIAL))
        await settled(storage)
        later = await asyncio.to_thread(service.announce, "Tweede bericht.", ["signalen-en-casussen"], rsvp=False)
        await wait_send(fake_bot_api, OTHER_OFFICIAL, "Tweede bericht")
        await asyncio.sleep(0.5)
    attempts = [c for c in fake_bot_api.calls("sendMessage") if int(c.params.get("chat_id", 0)) == OFFICIAL]
    assert len(attempts) == 1 and not attempts[0].ok  # one 403, never retried, never tried again
    assert later.queued == 1
