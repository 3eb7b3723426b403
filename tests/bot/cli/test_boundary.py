"""The command line's error boundary: each operator-caused failure is one line on stderr, exit 1.

Run in-process through ``main`` (the console script's entry point), so each case costs
milliseconds; ``test_cli.py`` runs the real subprocess for the usage cases.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from bot.cli import main


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["vraagbaak", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    code = stopped.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING) ")


def assert_one_line(err: str, *needles: str) -> None:
    """One line for the operator besides the (timestamped) log lines, which must not hold a traceback."""
    lines = [line for line in err.splitlines() if line.strip() and not LOG_LINE.match(line)]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_bad_setting_value_names_key_and_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VRAAGBAAK_TOP_K", "many")
    code, err = run_main(monkeypatch, capsys, "ask", "Wat is een LIVC R?")
    assert code == 1
    assert_one_line(err, "top_k", "many")


def test_malformed_toml_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "vraagbaak.toml").write_text('top_k = 5\nanswer_threshold = "\n', encoding="utf-8")
    code, err = run_main(monkeypatch, capsys, "index", "status")
    assert code == 1
    assert_one_line(err, "vraagbaak.toml", "line 2")


def test_unknown_toml_key_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "vraagbaak.toml").write_text("top_kk = 5\n", encoding="utf-8")
    code, err = run_main(monkeypatch, capsys, "index", "status")
    assert code == 1
    assert_one_line(err, "unknown setting", "top_kk")


def test_bad_database_url(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VRAAGBAAK_DATABASE_URL", "not a url")
    code, err = run_main(monkeypatch, capsys, "db", "upgrade")
    assert code == 1
    assert_one_line(err, "database URL")


def test_unreachable_database(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VRAAGBAAK_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    code, err = run_main(monkeypatch, capsys, "queue", "list")
    assert code == 1
    assert_one_line(err, "127.0.0.1")


def test_unwritable_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(blocker / "var"))
    code, err = run_main(monkeypatch, capsys, "db", "upgrade")
    assert code == 1
    assert_one_line(err)


def test_telegram_unreachable(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VRAAGBAAK_TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("VRAAGBAAK_TELEGRAM_BASE_URL", "http://127.0.0.1:9/bot")
    code, err = run_main(monkeypatch, capsys, "run")
    assert code == 1
    assert_one_line(err, "Telegram")


def test_missing_index_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "empty"))
    code, err = run_main(monkeypatch, capsys, "index", "versions")
    assert code in (0, 1)
    assert "Traceback" not in err


def test_run_without_token_and_without_terminal_exits_at_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a service or container: no terminal
    code, err = run_main(monkeypatch, capsys, "run")
    assert code == 1
    assert_one_line(err, "VRAAGBAAK_TELEGRAM_TOKEN", "not a terminal")
