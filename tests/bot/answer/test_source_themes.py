"""Themes travel from the index into every source: the JSON answer and the Telegram source line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.assistant import Assistant
from bot.answer.results import Source
from bot.telegram.render import source_line
from index.chunk_codec import read_chunks
from knowledge.themes import BY_SLUG

pytestmark = pytest.mark.model


def test_every_chunk_of_the_shipped_corpus_has_known_themes(corpus_data_dir: Path) -> None:
    current = (corpus_data_dir / "index" / "CURRENT").read_text().strip()
    chunks = read_chunks(corpus_data_dir / "index" / "versions" / current / "chunks.jsonl")
    assert all(chunk.themes and set(chunk.themes) <= set(BY_SLUG) for chunk in chunks)
    themes = {chunk.doc_id: chunk.themes for chunk in chunks}
    assert "beroepsgeheim-en-privacy" in themes["publicaties/gedeeld-beroepsgeheim-458ter.md"]
    assert "polarisatie-en-online-haat" in themes["publicaties/online-haat-en-polarisatie.md"]


def test_answers_list_the_themes_of_their_sources(assistant: Assistant) -> None:
    result = assistant.ask("Mag een hulpverlener in de LIVC R informatie delen onder het beroepsgeheim?")
    payload = result.to_json()
    assert all(source["themes"] for source in payload["sources"])
    assert "beroepsgeheim-en-privacy" in payload["sources"][0]["themes"]


def test_the_telegram_source_line_names_the_theme() -> None:
    source = Source("p/x.md", "p/x.md::0", "Fiche", "", None, 0.8, themes=("beroepsgeheim-en-privacy",))
    assert source_line(source).endswith("thema: Beroepsgeheim en privacy")
