"""Embeddings are reused by content hash: only changed chunks are re-embedded."""

from __future__ import annotations

from pathlib import Path

from index import IndexBuilder, VersionStore
from knowledge import Chunk
from tests.index.conftest import make_chunk
from tests.support.fake_embedder import FakeEmbedder


def test_unchanged_corpus_publishes_nothing(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    builder = IndexBuilder(VersionStore(index_root), fake_embedder)
    first = builder.build(small_chunks)
    encoded = fake_embedder.passages_encoded
    again = builder.build(list(reversed(small_chunks)))
    assert not again.published and again.reason == "unchanged"
    assert again.version_id == first.version_id
    assert fake_embedder.passages_encoded == encoded


def test_only_changed_chunks_are_embedded(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    builder = IndexBuilder(VersionStore(index_root), fake_embedder)
    builder.build(small_chunks)
    before = fake_embedder.passages_encoded
    changed = [*small_chunks[:3], make_chunk("d.md", "Een volledig herschreven tekst over signalen."),
               make_chunk("e.md", "Een nieuw document over de expertenpool.")]  # fmt: skip
    report = builder.build(changed)
    assert fake_embedder.passages_encoded - before == 2
    assert report.embedded == 2 and report.reused == 3
    assert report.added == ["e.md"] and report.changed == ["d.md"] and report.removed == []


def test_removed_document_is_reported_and_gone(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    store = VersionStore(index_root)
    builder = IndexBuilder(store, fake_embedder)
    builder.build(small_chunks)
    report = builder.build(small_chunks[1:])
    assert report.removed == ["a.md"]
    from index import HybridRetriever

    hits = HybridRetriever(store, fake_embedder).load().search("burgemeester LIVC gemeente", k=5)
    assert "a.md" not in {hit.chunk.doc_id for hit in hits}


def test_full_rebuild_embeds_everything(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    builder = IndexBuilder(VersionStore(index_root), fake_embedder)
    builder.build(small_chunks)
    before = fake_embedder.passages_encoded
    report = builder.build(small_chunks, full=True)
    assert report.published and report.embedded == 4
    assert fake_embedder.passages_encoded - before == 4
