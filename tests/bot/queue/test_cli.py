"""``vraagbaak queue`` and ``vraagbaak db``: staff at a terminal, answers delivered by the running bot."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings
from bot.storage import Storage, TicketStatus
from tests.support.fakes import FakeBotAPI

from .conftest import OFFICIAL, STAFF_CHAT, Launch, escalate, settled, thread_of, ticket_of, wait_send

runner = CliRunner()


def _env(settings: Settings) -> dict[str, str]:
    return {"VRAAGBAAK_DATABASE_URL": str(settings.database_url), "VRAAGBAAK_DATA_DIR": str(settings.data_dir),
            "VRAAGBAAK_STAFF_CHAT_ID": str(settings.staff_chat_id)}  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [["queue"], ["queue", "list"], ["queue", "show"], ["queue", "answer"], ["queue", "close"], ["db"],
     ["db", "upgrade"]],
)  # fmt: skip
def test_every_queue_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


async def test_answer_at_the_terminal_reaches_the_official_through_the_running_bot(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, queue_settings: Settings
) -> None:
    env = _env(queue_settings)
    async with launch():
        post = await escalate(fake_bot_api)
        number = ticket_of(post)
        listed = await asyncio.to_thread(runner.invoke, app, ["queue", "list", "--json"], env=env)
        answered = await asyncio.to_thread(
            runner.invoke, app, ["queue", "answer", str(number), "Antwoord", "van", "achter", "de", "terminal."],
            env=env,
        )  # fmt: skip
        relay = await wait_send(fake_bot_api, OFFICIAL, "Antwoord van achter de terminal.")
        copy = await wait_send(fake_bot_api, STAFF_CHAT, "via de terminal")
        closed = await asyncio.to_thread(runner.invoke, app, ["queue", "close", str(number), "--as", "Tom"], env=env)
        await wait_send(fake_bot_api, OFFICIAL, "afgesloten")
        await settled(storage)
        shown = await asyncio.to_thread(runner.invoke, app, ["queue", "show", str(number)], env=env)

    assert listed.exit_code == 0 and [row["id"] for row in json.loads(listed.output)] == [number]
    assert answered.exit_code == 0, answered.output
    assert "Antwoord van Team Veiligheid" in relay.params["text"]
    assert copy.params["message_thread_id"] == thread_of(post)
    assert closed.exit_code == 0 and "closed" in closed.output
    assert shown.exit_code == 0 and "Team Veiligheid: Antwoord van achter de terminal." in shown.output
    ticket = storage.tickets.get_ticket(number)
    assert ticket is not None and ticket.status is TicketStatus.CLOSED
    assert [e.actor_name for e in storage.audit.list_for_ticket(number)][-2:] == ["Team Veiligheid", "Tom"]


def test_handled_errors_are_one_line(queue_settings: Settings) -> None:
    from bot.cli import main

    env = _env(queue_settings)
    missing = runner.invoke(app, ["queue", "show", "999999"], env=env)
    assert missing.exit_code != 0 and isinstance(missing.exception, Exception)
    with pytest.raises(SystemExit) as done, pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        patch.setattr("sys.argv", ["vraagbaak", "queue", "close", "999999"])
        main()
    assert done.value.code == 1
    usage = runner.invoke(app, ["queue", "answer", "1"], env=env)
    assert usage.exit_code == 2


def test_db_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nieuw' / 'vraagbaak.sqlite3'}"
    result = runner.invoke(app, ["db", "upgrade"], env={"VRAAGBAAK_DATABASE_URL": url})
    assert result.exit_code == 0 and "is at revision 0002_workspace" in result.output
    again = runner.invoke(app, ["db", "upgrade"], env={"VRAAGBAAK_DATABASE_URL": url})
    assert again.exit_code == 0
    broken = runner.invoke(
        app, ["db", "upgrade"], env={"VRAAGBAAK_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/x"}
    )
    assert broken.exit_code != 0 and "unavailable" in str(broken.exception)
