"""FolderSource: walking a folder, ids, failures reported and skipped, hashes, prefixes."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import knowledge.source
from knowledge import (
    Chunk,
    FolderSource,
    KnowledgeRootError,
    LoadFailure,
    SkippedFile,
    file_doc_id,
    load_chunks,
)

GOOD_MD = "---\ntitle: Goed\npublished: 2024-01-02\n---\n\n# Goed\n\n" + "Tekst over de LIVC R. " * 40
GOOD_FAQ = "theme: T\nentries:\n  - {id: t-1, question: 'Vraag?', answer: 'Antwoord.', updated: 2024-01-01}\n"


@pytest.fixture
def mixed_root(tmp_path: Path, make_pdf: Callable[..., Path], make_docx: Callable[..., Path]) -> Path:
    """A knowledge folder with good files, broken files, notes, hidden and unknown files."""
    root = tmp_path / "kennis"
    (root / "publicaties").mkdir(parents=True)
    (root / "faq").mkdir()
    (root / ".git").mkdir()
    (root / "publicaties/goed.md").write_text(GOOD_MD, encoding="utf-8")
    (root / "faq/goed.yaml").write_text(GOOD_FAQ, encoding="utf-8")
    shutil.move(make_pdf([["Een goede nota", "Met een zin tekst."]]), root / "publicaties/nota.pdf")
    shutil.move(make_docx([("Heading 1", "Kop"), ("Normal", "Tekst.")]), root / "publicaties/nota.docx")
    (root / "publicaties/kapot.pdf").write_bytes(random.Random(1).randbytes(3000))
    (root / "publicaties/leeg.md").write_bytes(b"")
    (root / "faq/kapot.yaml").write_text("theme: x\nentries: [\n", encoding="utf-8")
    (root / "publicaties/geen-zip.docx").write_text("Dit is geen Word-bestand.", encoding="utf-8")
    (root / "SOURCES.md").write_text("# Bronnen\n\nlijst", encoding="utf-8")
    (root / "README.md").write_text("# Lees mij\n\nuitleg", encoding="utf-8")
    (root / "publicaties/README.md").write_text("# Deze telt wel\n\nTekst.", encoding="utf-8")
    (root / "publicaties/foto.png").write_bytes(b"\x89PNG\r\n")
    (root / ".verborgen.md").write_text("# Verborgen\n\nTekst.", encoding="utf-8")
    (root / ".git/HEAD.md").write_text("# Git\n\nTekst.", encoding="utf-8")
    (root / "publicaties/~$nota.docx").write_bytes(b"lock")
    return root


def test_good_files_load_and_broken_ones_are_reported(mixed_root: Path) -> None:
    result = FolderSource(mixed_root).load()
    assert [doc.doc_id for doc in result.documents] == [
        "faq/goed.yaml#t-1",
        "publicaties/README.md",
        "publicaties/goed.md",
        "publicaties/nota.docx",
        "publicaties/nota.pdf",
    ]
    reasons = {failure.path: failure.reason for failure in result.failures}
    assert list(reasons) == sorted(reasons)
    assert set(reasons) == {
        "faq/kapot.yaml", "publicaties/geen-zip.docx", "publicaties/kapot.pdf", "publicaties/leeg.md",
    }  # fmt: skip
    assert reasons["publicaties/kapot.pdf"].startswith("not a PDF file")
    assert reasons["publicaties/leeg.md"] == "empty file"
    assert reasons["faq/kapot.yaml"].startswith("invalid YAML")
    assert reasons["publicaties/geen-zip.docx"].startswith("not a DOCX file")
    assert result.skipped == [
        SkippedFile("README.md", "notes about the corpus, not knowledge"),
        SkippedFile("SOURCES.md", "notes about the corpus, not knowledge"),
        SkippedFile("publicaties/foto.png", "unsupported file type '.png'"),
    ]


def test_file_hashes_cover_every_file_a_loader_tried(mixed_root: Path) -> None:
    result = FolderSource(mixed_root).load()
    assert sorted(result.file_hashes) == sorted(
        {file_doc_id(doc.doc_id) for doc in result.documents} | {f.path for f in result.failures}
    )
    before = result.file_hashes["publicaties/goed.md"]
    (mixed_root / "publicaties/goed.md").write_text(GOOD_MD + "\nNieuwe zin.", encoding="utf-8")
    after = FolderSource(mixed_root).load().file_hashes["publicaties/goed.md"]
    assert len(before) == 64 and before != after


def test_load_chunks_returns_chunks_and_failures(mixed_root: Path) -> None:
    chunks, failures = load_chunks(mixed_root)
    assert {chunk.doc_id for chunk in chunks} >= {"faq/goed.yaml#t-1", "publicaties/goed.md"}
    assert "faq/goed.yaml#t-1::0" in {chunk.chunk_id for chunk in chunks}
    assert all(isinstance(failure, LoadFailure) for failure in failures) and len(failures) == 4


def test_prefix_keeps_a_second_folder_apart(tmp_path: Path) -> None:
    staff = tmp_path / "staff"
    staff.mkdir()
    (staff / "goedgekeurd.yaml").write_text(GOOD_FAQ, encoding="utf-8")
    chunks, failures = load_chunks(staff, doc_id_prefix="staff-faq/")
    assert failures == []
    assert [chunk.chunk_id for chunk in chunks] == ["staff-faq/goedgekeurd.yaml#t-1::0"]
    assert chunks[0].doc_id == "staff-faq/goedgekeurd.yaml#t-1"


@pytest.mark.parametrize("prefix", ["staff", "/staff/", "../staff/", "a\\b/", "x#/"])
def test_bad_prefix_is_refused(tmp_path: Path, prefix: str) -> None:
    with pytest.raises(ValueError, match="doc_id_prefix"):
        FolderSource(tmp_path, doc_id_prefix=prefix)


def test_missing_root_is_an_error(tmp_path: Path) -> None:
    source = FolderSource(tmp_path / "bestaat-niet")  # the constructor reads nothing
    with pytest.raises(KnowledgeRootError, match="does not exist"):
        source.load()
    (tmp_path / "bestand.md").write_text("x", encoding="utf-8")
    with pytest.raises(KnowledgeRootError, match="is not a folder"):
        FolderSource(tmp_path / "bestand.md").load()


def test_ids_do_not_depend_on_listing_order(mixed_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [(c.chunk_id, c.content_hash) for c in load_chunks(mixed_root)[0]]
    real_walk = os.walk

    def reversed_walk(top: Path, **kwargs: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        for folder, dirnames, filenames in real_walk(top, **kwargs):
            dirnames.reverse()
            yield folder, dirnames, filenames[::-1]

    monkeypatch.setattr(knowledge.source.os, "walk", reversed_walk)
    assert [(c.chunk_id, c.content_hash) for c in load_chunks(mixed_root)[0]] == expected


def test_ids_do_not_depend_on_where_the_root_is(corpus: Path, corpus_chunks: list[Chunk], tmp_path: Path) -> None:
    copy = shutil.copytree(corpus, tmp_path / "elders" / "corpus")
    here = [(c.chunk_id, c.content_hash) for c in corpus_chunks]
    there = [(c.chunk_id, c.content_hash) for c in load_chunks(copy)[0]]
    assert here == there
