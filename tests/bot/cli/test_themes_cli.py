"""``vraagbaak themes``: the JSON contract of ``themes list``, help everywhere, staff verbs and their errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.storage import Storage
from bot.storage.digests import DigestItemDraft, DigestRepository
from bot.storage.follows import FollowRepository
from knowledge.themes import THEMES
from tests.bot.cli.test_boundary import assert_one_line, run_main

runner = CliRunner()
VERBS = ["list", "followers", "digests", "digest", "hold", "release", "cancel", "announce", "responses"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"VRAAGBAAK_DATA_DIR": str(tmp_path / "var")}


@pytest.mark.parametrize("verb", [[], *([verb] for verb in VERBS)])
def test_every_themes_command_has_help(verb: list[str]) -> None:
    result = runner.invoke(app, ["themes", *verb, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_themes_list_json_is_slug_and_name() -> None:
    result = runner.invoke(app, ["themes", "list", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == [{"slug": theme.slug, "name": theme.name} for theme in THEMES]


def test_followers_are_counted_never_named(env: dict[str, str], tmp_path: Path) -> None:
    assert runner.invoke(app, ["themes", "followers"], env=env).exit_code == 0  # creates and migrates the database
    storage = Storage.open(f"sqlite:///{tmp_path / 'var' / 'vraagbaak.sqlite3'}")
    try:
        FollowRepository(storage.database).toggle(4242, "livcr-werking")
        FollowRepository(storage.database).toggle(5151, "livcr-werking")
        DigestRepository(storage.database).record(
            "v2", "v1", [DigestItemDraft("p/x.md", "X", "", None, ("livcr-werking",))]
        )
    finally:
        storage.database.dispose()
    counts = json.loads(runner.invoke(app, ["themes", "followers", "--json"], env=env).output)
    assert counts["livcr-werking"] == 2 and counts["vvsg-ondersteuning"] == 0
    assert runner.invoke(app, ["themes", "hold", "1"], env=env).output.strip() == "Digest 1 is held."
    [digest] = json.loads(runner.invoke(app, ["themes", "digests", "--json"], env=env).output)
    assert digest["status"] == "held" and digest["items"] == 1
    assert json.loads(runner.invoke(app, ["themes", "digest", "1", "--json"], env=env).output)[0]["doc_id"] == "p/x.md"
    assert runner.invoke(app, ["themes", "cancel", "1"], env=env).exit_code == 0


def test_staff_mistakes_are_one_line_and_exit_1(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", env["VRAAGBAAK_DATA_DIR"])
    code, err = run_main(monkeypatch, capsys, "themes", "hold", "7")
    assert code == 1
    assert_one_line(err, "no digest 7")
    code, err = run_main(monkeypatch, capsys, "themes", "announce", "Tekst", "--theme", "onbekend")
    assert code == 1
    assert_one_line(err, "unknown theme 'onbekend'")
    code, err = run_main(monkeypatch, capsys, "themes", "responses", "3")
    assert code == 1
    assert_one_line(err, "no announcement 3")
