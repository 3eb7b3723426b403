"""Versioned, atomic publishing: a half-written version is never served."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index import (
    CorruptIndexError,
    HybridRetriever,
    IndexBuilder,
    IndexLockedError,
    NoIndexError,
    UnknownVersionError,
    VersionStore,
)
from knowledge import Chunk
from tests.index.conftest import make_chunk
from tests.support.fake_embedder import FakeEmbedder


def test_nothing_published_raises_no_index(index_root: Path) -> None:
    with pytest.raises(NoIndexError):
        VersionStore(index_root).current()


def test_build_publishes_complete_version(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    store = VersionStore(index_root)
    report = IndexBuilder(store, fake_embedder).build(small_chunks)
    folder, manifest = store.current()
    assert report.published and manifest.version_id == report.version_id
    assert manifest.chunk_count == 4 and manifest.document_count == 4
    assert manifest.model == fake_embedder.model_id and manifest.dimensions == fake_embedder.dimension
    assert {p.name for p in folder.iterdir()} >= {
        "manifest.json",
        "chunks.jsonl",
        "vectors.npy",
        "dense.faiss",
        "bm25",
    }


def test_failed_build_leaves_previous_version_served(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore(index_root)
    first = IndexBuilder(store, fake_embedder).build(small_chunks)

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("index.builder.save_faiss", explode)
    with pytest.raises(RuntimeError):
        IndexBuilder(store, fake_embedder).build([*small_chunks, make_chunk("e.md", "Nieuw document")])
    assert store.current_id() == first.version_id
    assert not list(store.versions_dir.glob(".*partial"))
    assert HybridRetriever(store, fake_embedder).load().search("burgemeester", k=1)[0].chunk.doc_id == "a.md"


def test_build_killed_midway_leaves_previous_version_loadable(index_root: Path, tmp_path: Path) -> None:
    """A real SIGKILL while the new version is being written: the old one keeps serving."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        import index.builder as builder
        from index import IndexBuilder, VersionStore
        from tests.index.conftest import make_chunk
        from tests.support.fake_embedder import FakeEmbedder
        chunks = [make_chunk(f"doc{{i}}.md", f"tekst nummer {{i}} over radicalisering") for i in range({{n}})]
        store = VersionStore(Path({str(index_root)!r}))
        if {{kill}}:
            real = builder.save_faiss
            def save_then_die(index, path):
                real(index, path)
                os.kill(os.getpid(), signal.SIGKILL)
            builder.save_faiss = save_then_die
        IndexBuilder(store, FakeEmbedder()).build(chunks)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([sys.executable, "-c", script.replace("{n}", "3").replace("{kill}", "False")], check=True, env=env)
    store = VersionStore(index_root)
    served = store.current_id()
    killed = subprocess.run([sys.executable, "-c", script.replace("{n}", "5").replace("{kill}", "True")], env=env)
    assert killed.returncode == -9
    assert store.current_id() == served
    assert [m.version_id for m in store.versions()] == [served]
    retriever = HybridRetriever(store, FakeEmbedder()).load()
    assert retriever.manifest.chunk_count == 3
    # The next build cleans the dead build's partial folder up.
    IndexBuilder(store, FakeEmbedder()).build([make_chunk("x.md", "opnieuw")])
    assert not list(store.versions_dir.glob(".*partial"))


def test_second_build_is_refused_while_locked(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    store = VersionStore(index_root)
    with store.build_lock(), pytest.raises(IndexLockedError):
        IndexBuilder(store, fake_embedder).build(small_chunks)


def test_keeps_last_n_versions_and_rolls_back(index_root: Path, fake_embedder: FakeEmbedder) -> None:
    store = VersionStore(index_root)
    builder = IndexBuilder(store, fake_embedder, keep_versions=2)
    ids = [builder.build([make_chunk("a.md", f"versie {n}")]).version_id for n in range(3)]
    kept = [m.version_id for m in store.versions()]
    assert kept == ids[1:]
    store.publish(ids[1])
    assert store.current_id() == ids[1]
    with pytest.raises(UnknownVersionError):
        store.publish(ids[0])


def test_version_of_another_model_is_never_served(index_root: Path, small_chunks: list[Chunk]) -> None:
    store = VersionStore(index_root)
    IndexBuilder(store, FakeEmbedder(model_id="model-a")).build(small_chunks)
    with pytest.raises(CorruptIndexError, match="reindex --full"):
        HybridRetriever(store, FakeEmbedder(model_id="model-b")).load()


def test_folder_without_manifest_is_not_a_version(
    index_root: Path, small_chunks: list[Chunk], fake_embedder: FakeEmbedder
) -> None:
    store = VersionStore(index_root)
    IndexBuilder(store, fake_embedder).build(small_chunks)
    (store.versions_dir / "20990101T000000Z-deadbeef").mkdir()
    assert len(store.versions()) == 1
