"""``vraagbaak reindex`` and ``vraagbaak index ...`` through the CLI: contract, lock, rollback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from index import VersionStore
from tests.bot.reindex.conftest import web_id
from tests.bot.reindex.site import Site
from tests.support.fake_embedder import FakeEmbedder

runner = CliRunner()
REPORT_KEYS = {
    "version_id",
    "previous_version_id",
    "published",
    "reason",
    "full",
    "documents",
    "chunks",
    "embedded",
    "reused",
    "added",
    "changed",
    "removed",
    "failed",
    "skipped",
    "sources",
    "started",
    "finished",
    "seconds",
    "build_seconds",
}
SOURCE_KEYS = {
    "name",
    "kind",
    "location",
    "status",
    "documents",
    "chunks",
    "kept_chunks",
    "failed",
    "skipped",
    "seconds",
    "error",
    "stats",
    "failures",
}


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, site: Site, knowledge_dir: Path) -> dict[str, str]:
    """Configuration by environment, as an operator's cron job has it; the fake model by its name."""
    source = {
        "kind": "website",
        "name": "vvsg",
        "sitemap": site.url("/sitemap.xml"),
        "allowed_prefixes": [site.url("/kennis/")],
        "request_interval": 0,
    }
    env = {
        "VRAAGBAAK_DATA_DIR": str(tmp_path / "var"),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(knowledge_dir),
        "VRAAGBAAK_EMBEDDING_MODEL": "fake-bow-64",
        "VRAAGBAAK_SOURCES": json.dumps([source]),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("bot.services.make_embedder", lambda settings: FakeEmbedder())
    return env


def test_reindex_json_contract(cli_env: dict[str, str], site: Site) -> None:
    result = runner.invoke(app, ["reindex", "--json"])
    assert result.exit_code == 3, result.output  # published, but kapot.pdf failed (DESIGN.md)
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["published"] is True and report["reason"] == "changed" and report["previous_version_id"] is None
    assert web_id(site, "/kennis/livcr.html") in report["added"] and "expertenpool.md" in report["added"]
    assert report["failed"] == [
        {"source": "vvsg", "path": site.url("/kennis/kapot.pdf"), "reason": report["failed"][0]["reason"]}
    ]
    assert {
        "source": "vvsg",
        "path": site.url("/kennis/intern/nota.html"),
        "reason": "disallowed by robots.txt",
    } in report["skipped"]
    assert [source["name"] for source in report["sources"]] == ["knowledge", "vvsg", "staff-faq"]
    assert all(set(source) == SOURCE_KEYS for source in report["sources"])
    assert report["embedded"] + report["reused"] == report["chunks"] > 0
    again = json.loads(runner.invoke(app, ["reindex", "--json"]).stdout)
    assert again["published"] is False and again["reason"] == "unchanged" and again["embedded"] == 0
    full = json.loads(runner.invoke(app, ["reindex", "--full", "--json"]).stdout)
    assert full["published"] is True and full["reason"] == "full" and full["embedded"] == full["chunks"]


def test_reindex_text_report_and_no_progress_bar_outside_a_terminal(cli_env: dict[str, str], site: Site) -> None:
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 3
    assert result.stdout.startswith("Published index version ")
    assert f"Failed {site.url('/kennis/kapot.pdf')}: " in result.stdout
    assert "Source vvsg: partial, 4 documents, 1 failed" in result.stdout
    assert result.stderr == ""  # quiet in cron: no progress bar when stderr is not a terminal


def test_second_reindex_exits_at_once_while_one_runs(cli_env: dict[str, str], tmp_path: Path) -> None:
    """The real entry point in a subprocess, while this process holds the build lock."""
    store = VersionStore(tmp_path / "var" / "index")
    with store.build_lock():
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", "from bot.cli import main; main()", "reindex"],
            capture_output=True,
            text=True,
            env={**os.environ, **cli_env},
            timeout=120,
        )
        elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"vraagbaak: another reindex is running on {store.root} (pid {os.getpid()}); try again when it has finished"
    )
    assert done.stdout == "" and elapsed < 30
    assert store.current_id() is None  # it did nothing at all


def test_status_versions_and_rollback(cli_env: dict[str, str], site: Site, knowledge_dir: Path) -> None:
    first = json.loads(runner.invoke(app, ["reindex", "--json"]).stdout)["version_id"]
    (knowledge_dir / "nieuw.md").write_text("# Nieuw\n\nEen nieuw stuk over de taskforce.\n", encoding="utf-8")
    second = json.loads(runner.invoke(app, ["reindex", "--json"]).stdout)["version_id"]
    status = runner.invoke(app, ["index", "status"])
    assert status.exit_code == 0
    assert f"Serving version {second}" in status.stdout and "model: fake-bow-64" in status.stdout
    assert "source vvsg: partial, 4 documents, 1 failed [website: " in status.stdout
    assert "source knowledge: ok, 2 documents, 0 failed" in status.stdout
    assert "Last reindex run: " in status.stdout and f"published {second} (1 added" in status.stdout
    listed = runner.invoke(app, ["index", "versions"]).stdout.splitlines()
    assert len(listed) == 2 and listed[0].split()[0] == first and listed[1].split()[:2] == ["*", second]
    rolled = runner.invoke(app, ["index", "rollback", first])
    assert rolled.exit_code == 0 and rolled.stdout.strip() == f"Now serving version {first}."
    payload = json.loads(runner.invoke(app, ["index", "status", "--json"]).stdout)
    assert payload["version_id"] == first and payload["sources"]["vvsg"]["status"] == "partial"
    assert payload["last_run"]["version_id"] == second and payload["last_run"]["added"] == 1


def test_rollback_is_refused_while_a_reindex_runs(cli_env: dict[str, str], tmp_path: Path) -> None:
    version = json.loads(runner.invoke(app, ["reindex", "--json"]).stdout)["version_id"]
    with VersionStore(tmp_path / "var" / "index").build_lock():
        result = runner.invoke(app, ["index", "rollback", version])
    assert result.exit_code != 0 and "another reindex is running" in str(result.exception)


def test_rollback_to_a_version_of_another_model_is_refused(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    version = json.loads(runner.invoke(app, ["reindex", "--json"]).stdout)["version_id"]
    monkeypatch.setenv("VRAAGBAAK_EMBEDDING_MODEL", "another-model")
    result = runner.invoke(app, ["index", "rollback", version])
    assert "was built with fake-bow-64, but the configured model is another-model" in str(result.exception)


def test_failed_run_is_recorded_for_status(
    cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, knowledge_dir: Path, site: Site
) -> None:
    runner.invoke(app, ["reindex"])
    monkeypatch.setattr("bot.reindex.run.IndexBuilder.build", _explode)
    (knowledge_dir / "nieuw.md").write_text("# Nieuw\n\nNog een stuk.\n", encoding="utf-8")
    assert isinstance(runner.invoke(app, ["reindex"]).exception, OSError)
    status = runner.invoke(app, ["index", "status"]).stdout
    assert "Last reindex run: " in status and "FAILED: OSError: disk full" in status


def _explode(*args: object, **kwargs: object) -> None:
    raise OSError("disk full")
