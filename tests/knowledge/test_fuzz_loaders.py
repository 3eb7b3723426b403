"""Fuzzed files: every loader gives Documents or a LoaderError, never another exception.

Hypothesis feeds each loader arbitrary bytes, truncated and bit-flipped copies of the shipped
corpus's real files (PDF, HTML, Markdown, FAQ YAML, text) and of a generated DOCX, and Latin-1
text; a folder walk survives a symlink loop and broken files with a per-file report. The suite
runs ``FUZZ_FILES`` examples per loader (default 60); docs/security.md records a longer run.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import DEFAULT_CORPUS
from knowledge.errors import LoaderError
from knowledge.loaders import LOADERS
from knowledge.source import FolderSource

EXAMPLES = int(os.environ.get("FUZZ_FILES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _docx() -> bytes:
    document = DocxDocument()
    document.add_heading("Gedeeld beroepsgeheim", 1)
    document.add_paragraph("Artikel 458ter regelt het casusoverleg in de LIVC R.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _samples() -> dict[str, bytes]:
    """One real file per suffix: the shipped corpus, and a generated DOCX."""
    found: dict[str, bytes] = {".docx": _docx()}
    for path in sorted(DEFAULT_CORPUS.rglob("*")):
        if path.is_file() and path.suffix in LOADERS and path.suffix not in found:
            found[path.suffix] = path.read_bytes()
    return found


SAMPLES = _samples()


@st.composite
def mangled(draw: st.DrawFn, suffix: str) -> bytes:
    """A real file of this type, truncated, with bytes flipped or inserted, or pure noise."""
    base = SAMPLES.get(suffix, b"")
    choice = draw(st.sampled_from(["noise", "truncate", "flip", "latin1", "empty"]))
    if choice == "noise" or not base:
        return draw(st.binary(max_size=4096))
    if choice == "truncate":
        return base[: draw(st.integers(0, len(base)))]
    if choice == "latin1":
        return draw(st.text(max_size=2000)).encode("latin-1", errors="replace")
    if choice == "empty":
        return b""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 20))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    return bytes(data)


@pytest.mark.parametrize("suffix", sorted(LOADERS))
def test_every_loader_returns_documents_or_a_loader_error(suffix: str) -> None:
    loader = LOADERS[suffix]

    @FUZZ
    @given(data=mangled(suffix))
    def check(data: bytes) -> None:
        try:
            documents = loader(data, f"fuzz/bestand{suffix}")
        except LoaderError as exc:
            assert str(exc)  # a reason an operator can read
            return
        assert isinstance(documents, list)

    check()


def test_a_folder_walk_survives_a_symlink_loop_latin1_and_broken_files(tmp_path: Path) -> None:
    root = tmp_path / "kennis"
    (root / "lus").mkdir(parents=True)
    (root / "lus" / "terug").symlink_to(root, target_is_directory=True)
    (root / "latin1.txt").write_bytes("Café, één LIVC R, naïef overleg".encode("latin-1"))
    (root / "kapot.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (root / "kapot.docx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    (root / "kapot.yaml").write_bytes(b"entries: [{id: 1, question: [unclosed")
    (root / "goed.md").write_text("---\ntitle: Goed\n---\n\n# Goed\n\nDe LIVC R werkt.\n", encoding="utf-8")

    result = FolderSource(root).load()

    assert [document.doc_id for document in result.documents][:1] and "goed.md" in {
        document.doc_id for document in result.documents
    }
    failed = {Path(failure.path).name for failure in result.failures}
    assert {"kapot.pdf", "kapot.docx", "kapot.yaml"} <= failed
    assert all(failure.reason for failure in result.failures)
