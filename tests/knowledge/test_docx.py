"""DOCX loader on documents written by python-docx here, and on files that are no DOCX."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge import LoaderError, load_file
from knowledge.loaders import load_docx

BLOCKS: list[tuple[str, str | list[list[str]]]] = [
    ("Title", "Draaiboek casusoverleg"),
    ("Normal", "Een korte inleiding."),
    ("Heading 1", "Voorbereiding"),
    ("Normal", "De coördinator nodigt de partners uit."),
    ("List Bullet", "agenda opstellen"),
    ("List Bullet", "casuscodes gebruiken"),
    ("Heading 2", "Wie zit aan tafel?"),
    ("table", [["Partner", "Rol"], ["Burgemeester", "Voorzitter"]]),
    ("Heading 1", "Na de vergadering"),
    ("Normal", "Het verslag blijft vertrouwelijk."),
]


def test_docx_written_by_python_docx(make_docx: Callable[..., Path]) -> None:
    path = make_docx(BLOCKS, keywords="livc-r; draaiboek")
    [doc] = load_file(path, "publicaties/draaiboek.docx")
    assert doc.title == "Draaiboek casusoverleg"  # from the Title style: the core title is empty
    assert doc.tags == ("livc-r", "draaiboek")
    assert doc.published is None
    assert [(s.heading_path, s.text) for s in doc.sections] == [
        ((), "Een korte inleiding."),
        (
            ("Voorbereiding",),
            "De coördinator nodigt de partners uit.\n\n- agenda opstellen\n- casuscodes gebruiken",
        ),
        (("Voorbereiding", "Wie zit aan tafel?"), "Partner | Rol\nBurgemeester | Voorzitter"),
        (("Na de vergadering",), "Het verslag blijft vertrouwelijk."),
    ]


def test_core_title_wins(make_docx: Callable[..., Path]) -> None:
    path = make_docx(BLOCKS, title="Officiële titel")
    [doc] = load_file(path)
    assert doc.title == "Officiële titel"


def test_document_without_text_is_refused(make_docx: Callable[..., Path]) -> None:
    path = make_docx([("Normal", "   ")])
    with pytest.raises(LoaderError, match="no text"):
        load_file(path)


def _zip_without_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not an office document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"Dit is platte tekst met een verkeerde extensie.", "not a DOCX file .not a zip archive"),
        (b"PK\x03\x04 truncated", "not a DOCX file"),
        (_zip_without_docx(), "not a DOCX file"),
    ],
)
def test_broken_docx_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load_docx(data, "x.docx")
