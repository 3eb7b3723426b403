"""``vraagbaak reindex`` exit status: 0 all fine, 1 nothing published (one line), 3 a file failed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import app
from bot.cli.boundary import boundary
from tests.support.fake_embedder import FakeEmbedder

GOOD = "---\ntitle: LIVC R\n---\n\n# LIVC R\n\nDe LIVC R bespreekt casussen van radicalisering.\n"


@dataclass
class Done:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def reindex(capsys: pytest.CaptureFixture[str]) -> Callable[[], Done]:
    """``vraagbaak reindex`` in this process, through the same error boundary as the console script."""

    def run() -> Done:
        with pytest.raises(SystemExit) as exited, boundary():
            app(["reindex"], prog_name="vraagbaak")
        out = capsys.readouterr()
        return Done(int(exited.value.code or 0), out.out, out.err)

    return run


@pytest.fixture
def root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A knowledge folder of the test's own, the fake model, no website."""
    folder = tmp_path / "kennis"
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VRAAGBAAK_KNOWLEDGE_DIR", str(folder))
    monkeypatch.setenv("VRAAGBAAK_EMBEDDING_MODEL", "fake-bow-64")
    monkeypatch.setattr("bot.services.make_embedder", lambda settings: FakeEmbedder())
    return folder


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_all_sources_fine_exit_0(root: Path, reindex: Callable[[], Done]) -> None:
    root.mkdir()
    (root / "livcr.md").write_text(GOOD, encoding="utf-8")

    assert reindex().exit_code == 0


def test_a_broken_file_beside_good_ones_publishes_and_exits_3(root: Path, reindex: Callable[[], Done]) -> None:
    root.mkdir()
    (root / "livcr.md").write_text(GOOD, encoding="utf-8")
    (root / "kapot.pdf").write_bytes(b"%PDF-1.4 truncated")

    result = reindex()

    assert result.exit_code == 3
    assert "kapot.pdf" in result.stdout and result.stdout.startswith("Published index version ")


@pytest.mark.parametrize("files", [{}, {"kapot.pdf": b"%PDF-1.4 truncated", "leeg.docx": b"PK\x03\x04"}])
def test_an_empty_or_all_broken_corpus_is_one_line_exit_1_nothing_published(
    root: Path, reindex: Callable[[], Done], files: dict[str, bytes]
) -> None:
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)

    result = reindex()

    assert result.exit_code == 1
    assert _one_line(result.stderr).startswith("vraagbaak: nothing to index in knowledge")
    assert not (root.parent / "var" / "index" / "CURRENT").exists()


def test_a_missing_knowledge_root_is_one_line_exit_1(root: Path, reindex: Callable[[], Done]) -> None:
    result = reindex()

    assert result.exit_code == 1
    assert str(root) in _one_line(result.stderr)
