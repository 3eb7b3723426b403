"""``vraagbaak staff ...``, ``vraagbaak report`` and ``vraagbaak web --help`` through the CLI runner."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"VRAAGBAAK_DATA_DIR": str(tmp_path / "var")}


@pytest.mark.parametrize(
    "command", [["staff"], ["staff", "add"], ["staff", "list"], ["staff", "remove"], ["staff", "password"],
                ["web"], ["report"]],
)  # fmt: skip
def test_every_workspace_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_staff_accounts_at_the_terminal(env: dict[str, str]) -> None:
    added = runner.invoke(app, ["staff", "add", "sara@vvsg.be", "--name", "Sara Peeters", "--admin"],
                          input="een lang wachtwoord\n", env=env)  # fmt: skip
    assert added.exit_code == 0, added.output
    plain = runner.invoke(
        app, ["staff", "add", "tom@vvsg.be", "--name", "Tom"], input="nog een wachtwoord\nx\n", env=env
    )
    assert plain.exit_code == 0, plain.output
    listed = runner.invoke(app, ["staff", "list", "--json"], env=env)
    assert json.loads(listed.output) == [{"email": "sara@vvsg.be", "name": "Sara Peeters", "role": "admin"},
                                         {"email": "tom@vvsg.be", "name": "Tom", "role": "staff"}]  # fmt: skip
    again = runner.invoke(app, ["staff", "add", "tom@vvsg.be", "--name", "Tom"], input="nog een wachtwoord\n", env=env)
    assert again.exit_code == 1 and "exists already" in str(again.exception)
    short = runner.invoke(app, ["staff", "password", "tom@vvsg.be"], input="kort\n", env=env)
    assert short.exit_code == 1
    changed = runner.invoke(app, ["staff", "password", "tom@vvsg.be"], input="een nieuw wachtwoord\n", env=env)
    assert changed.exit_code == 0 and "changed" in changed.output
    removed = runner.invoke(app, ["staff", "remove", "tom@vvsg.be"], env=env)
    assert removed.exit_code == 0 and "removed" in removed.output
    assert "tom@vvsg.be" not in runner.invoke(app, ["staff", "list"], env=env).output
    assert runner.invoke(app, ["staff", "remove", "tom@vvsg.be"], env=env).exit_code == 1
    assert runner.invoke(app, ["staff", "add", "x@vvsg.be", "--name", "X"], input="", env=env).exit_code == 1


def test_report_at_the_terminal(env: dict[str, str]) -> None:
    year = date.today().year
    as_json = runner.invoke(app, ["report", "--year", str(year), "--json"], env=env)
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["year"] == year and data["questions"] == 0 and data["by_local_government"] == {}
    as_csv = runner.invoke(app, ["report", "--year", str(year), "--csv"], env=env)
    assert ["Vragen gesteld", "0"] in list(csv.reader(io.StringIO(as_csv.output)))
    plain = runner.invoke(app, ["report", "--year", str(year)], env=env)
    assert plain.exit_code == 0 and "Vragen gesteld: 0" in plain.output
    assert runner.invoke(app, ["report", "--year", "1999"], env=env).exit_code == 2
    assert runner.invoke(app, ["report", "--year", "2026", "--json", "--csv"], env=env).exit_code != 0
