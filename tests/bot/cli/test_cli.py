"""The command line: JSON contract, batch mode, exit codes and help on every command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import Settings

runner = CliRunner()


def vraagbaak(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console entry point in a subprocess, as an operator would."""
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=300,
    )  # fmt: skip


def env_for(settings: Settings) -> dict[str, str]:
    import os

    return {
        **os.environ,
        "VRAAGBAAK_DATA_DIR": str(settings.data_dir),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(settings.knowledge_dir),
    }


@pytest.mark.parametrize(
    "command",
    [[], ["ask"], ["reindex"], ["chat"], ["run"], ["index"], ["index", "status"], ["index", "versions"],
     ["index", "rollback"]],
)  # fmt: skip
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.model
def test_ask_json_contract(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    done = vraagbaak("ask", "--json", "--k", "3", "Wat is een LIVC R?", env=env_for(settings))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert {"question", "decision", "confidence", "answer", "sources"} <= set(payload)
    assert payload["decision"] in {"answer", "escalate"} and 0.0 <= payload["confidence"] <= 1.0
    assert len(payload["sources"]) == 3
    assert set(payload["sources"][0]) >= {"doc_id", "chunk_id", "title", "section", "url", "score"}
    assert "Traceback" not in done.stderr


@pytest.mark.model
def test_ask_batch_keeps_order_and_ids(make_settings: Callable[..., Settings], tmp_path: Path) -> None:
    settings = make_settings()
    batch = tmp_path / "questions.jsonl"
    rows = [{"id": "b", "question": "Wat is gedeeld beroepsgeheim?"}, {"id": 7, "question": "Wat is EMMASCAN?"},
            {"id": "c", "question": "Hoe vraag ik een rijbewijs aan?"}]  # fmt: skip
    batch.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    done = vraagbaak("ask", "--json", "--batch", str(batch), env=env_for(settings))
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [answer["id"] for answer in answers] == ["b", 7, "c"]
    assert answers[2]["decision"] == "escalate"


def test_unreadable_batch_file_is_one_line_exit_1(tmp_path: Path) -> None:
    done = vraagbaak("ask", "--json", "--batch", str(tmp_path / "missing.jsonl"))
    assert done.returncode == 1
    assert done.stderr.strip().startswith("vraagbaak: cannot read batch file")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_malformed_batch_line_names_the_line(tmp_path: Path) -> None:
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": 1, "question": "ok"}\nnot json\n', encoding="utf-8")
    done = vraagbaak("ask", "--json", "--batch", str(batch))
    assert done.returncode == 1 and f"{batch}:2" in done.stderr


def test_empty_question_exit_1() -> None:
    done = vraagbaak("ask", "   ")
    assert done.returncode == 1 and "empty" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [["ask"], ["ask", "--batch", "x.jsonl"], ["ask", "--json", "--batch", "x.jsonl", "vraag"], ["nope"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = vraagbaak(*args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_knowledge_dir_exit_1(tmp_path: Path) -> None:
    import os

    env = {
        **os.environ,
        "VRAAGBAAK_DATA_DIR": str(tmp_path / "var"),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(tmp_path / "nope"),
    }
    done = vraagbaak("reindex", env=env)
    assert done.returncode == 1
    assert "nope" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.model
def test_reindex_json_reports_unchanged_then_index_commands(make_settings: Callable[..., Settings]) -> None:
    settings = make_settings()
    env = env_for(settings)
    done = vraagbaak("reindex", "--json", env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["published"] is False and report["reason"] == "unchanged"
    status = vraagbaak("index", "status", "--json", env=env)
    assert json.loads(status.stdout)["version_id"] == report["version_id"]
    missing = vraagbaak("index", "rollback", "19990101T000000Z-nothere", env=env)
    assert missing.returncode == 1 and "not kept" in missing.stderr
