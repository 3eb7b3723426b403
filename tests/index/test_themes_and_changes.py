"""Theme labels at index time (nearest centroid) and which changes count as news for a digest."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index import IndexBuilder, VersionStore, label_themes, notable_documents
from index.chunk_codec import read_chunks
from index.themes import nearest_themes
from knowledge import Chunk
from tests.support.fake_embedder import FakeEmbedder

WORDS = " ".join(f"woord{n}" for n in range(200))


def chunk(doc_id: str, text: str, n: int = 0, themes: tuple[str, ...] = ()) -> Chunk:
    return Chunk(chunk_id=f"{doc_id}::{n}", doc_id=doc_id, text=text, title=doc_id, section="", doc_type="fiche",
                 themes=themes)  # fmt: skip


def test_unlabelled_documents_take_the_nearest_themes_centroid() -> None:
    chunks = [
        chunk("faq/a.yaml#1", "a", themes=("polarisatie-en-online-haat",)),
        chunk("faq/b.yaml#1", "b", themes=("beroepsgeheim-en-privacy",)),
        chunk("publicaties/x.md", "x", 0),
        chunk("publicaties/x.md", "x2", 1),
    ]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0.1], [0.8, 0.3, 0]], dtype=np.float32)
    labelled = label_themes(chunks, vectors)
    assert [c.themes for c in labelled[2:]] == [("polarisatie-en-online-haat",)] * 2  # one label per document
    assert labelled[0].themes == ("polarisatie-en-online-haat",)  # given labels stay
    assert [c.content_hash for c in labelled] == [c.content_hash for c in chunks]  # labels never re-embed


def test_a_near_tie_keeps_two_themes_and_no_centroids_keep_none() -> None:
    centroids = {"a": np.array([1.0, 0.0]), "b": np.array([0.0, 1.0])}
    assert nearest_themes(np.array([1.0, 1.0]), centroids) == ("a", "b")
    assert nearest_themes(np.array([1.0, 0.2]), centroids) == ("a",)
    assert nearest_themes(np.array([1.0, 0.2]), {}) == ()


def test_the_built_index_stores_themes_for_every_chunk(tmp_path: Path) -> None:
    chunks = [
        chunk("faq/a.yaml#1", "polarisatie online haat sociale media", themes=("polarisatie-en-online-haat",)),
        chunk("faq/b.yaml#1", "beroepsgeheim privacy informatie delen", themes=("beroepsgeheim-en-privacy",)),
        chunk("publicaties/haat.md", "online haat en polarisatie op sociale media bij jongeren"),
    ]
    store = VersionStore(tmp_path / "index")
    IndexBuilder(store, FakeEmbedder()).build(chunks)
    folder, _ = store.current()
    stored = {c.doc_id: c.themes for c in read_chunks(folder / "chunks.jsonl")}
    assert stored["publicaties/haat.md"] == ("polarisatie-en-online-haat",)


def test_new_theme_line_in_front_matter_publishes_a_new_version(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "index")
    builder = IndexBuilder(store, FakeEmbedder())
    first = builder.build([chunk("p/x.md", "tekst")])
    assert builder.build([chunk("p/x.md", "tekst")]).published is False
    relabelled = builder.build([chunk("p/x.md", "tekst", themes=("vvsg-ondersteuning",))])
    assert relabelled.published and relabelled.version_id != first.version_id and relabelled.embedded == 0


def test_new_documents_and_substantial_changes_are_news() -> None:
    old = [chunk("p/a.md", WORDS), chunk("p/b.md", WORDS + " b"), chunk("p/c.md", "kort " * 50)]
    new = [
        chunk("p/a.md", WORDS.replace("woord17", "woord17,")),  # a typo
        chunk("p/b.md", WORDS + " b", 0),
        chunk("p/b.md", "een hele nieuwe sectie " * 10, 1),  # a new section
        chunk("p/nieuw.md", "helemaal nieuw"),
        chunk("archief/c.md", "kort " * 50),  # c moved to another folder
    ]
    found = notable_documents(old, new)
    assert [(d.doc_id, d.new) for d in found] == [("p/b.md", False), ("p/nieuw.md", True)]


def test_removed_documents_and_identical_versions_are_not_news() -> None:
    old = [chunk("p/a.md", WORDS), chunk("p/b.md", WORDS)]
    assert notable_documents(old, old) == []
    assert notable_documents(old, old[:1]) == []
