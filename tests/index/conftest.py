"""Index tests run on small generated corpora with a fake embedder, except where quality is asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Chunk
from tests.support.fake_embedder import FakeEmbedder


def make_chunk(doc_id: str, text: str, number: int = 0, *, title: str = "Titel") -> Chunk:
    return Chunk(chunk_id=f"{doc_id}::{number}", doc_id=doc_id, text=text, title=title, section="", doc_type="test")


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def small_chunks() -> list[Chunk]:
    return [
        make_chunk("a.md", "De burgemeester richt een LIVC R op in elke gemeente."),
        make_chunk("b.md", "Gedeeld beroepsgeheim volgens artikel 458ter van het Strafwetboek."),
        make_chunk("c.md", "Online haat en polarisatie op sociale media aanpakken."),
        make_chunk("d.md", "Signalen van radicalisering bij jongeren herkennen op school."),
    ]


@pytest.fixture
def index_root(tmp_path: Path) -> Path:
    return tmp_path / "index"
