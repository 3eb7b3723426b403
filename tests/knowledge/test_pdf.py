"""PDF loader on PDFs written by fpdf2 here, on the shipped PDFs, and on files that are no PDF."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge import LoaderError, load_file
from knowledge.loaders import load_pdf
from knowledge.loaders.pdf_text import page_lines, pdf_sections

PAGE_ONE = [
    "Beperken van de risico's",
    "Beleidsnota - februari 2024",
    "# 1. Inleiding",
    "Lokale besturen zijn vaak de eersten die signalen van radicalisering en polarisatie opvangen,",
    "en ze kennen hun inwoners, de buurten en de verenigingen. Daarom vragen we een geïnte-",
    "greerde aanpak met begeleidings-",
    "en coachingstrajecten in heel Vlaanderen.",
    "# 2. Aanbevelingen",
    "- Werk een integrale visie uit.",
    "- Veranker die visie in een akkoord.",
]
PAGE_TWO = [
    "# 3. Tot slot",
    "De VVSG blijft in dialoog gaan met de Vlaamse en de federale overheid over al deze punten.",
]


def test_pdf_written_by_fpdf2(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([PAGE_ONE, PAGE_TWO], title="Beperken van de risico's: nota", keywords="livc-r, beleid")
    [doc] = load_file(path, "publicaties/nota.pdf")
    assert doc.doc_id == "publicaties/nota.pdf"
    assert doc.title == "Beperken van de risico's: nota"
    assert doc.tags == ("livc-r", "beleid")
    assert doc.published is None
    by_path = {section.heading_path: section.text for section in doc.sections}
    assert list(by_path) == [(), ("1. Inleiding",), ("2. Aanbevelingen",), ("3. Tot slot",)]
    intro = by_path[("1. Inleiding",)]
    assert "geïntegreerde aanpak met begeleidings- en coachingstrajecten" in intro  # hyphenation undone
    assert "opvangen, en ze kennen" in intro  # wrapped lines joined
    bullets = "- Werk een integrale visie uit.\n- Veranker die visie in een akkoord."
    assert by_path[("2. Aanbevelingen",)] == bullets
    text = "\n".join(by_path.values())
    assert "Pagina" not in text and "Testnota" not in text  # running header and footer removed


def test_title_falls_back_to_first_line(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([["Een nota zonder metadata", "Met een zin tekst."]], furniture=False)
    [doc] = load_file(path)
    assert doc.title == "Een nota zonder metadata"


def test_shipped_pdf(corpus: Path) -> None:
    doc_id = "publicaties/oefening-livcr-tafeloefening.pdf"
    [doc] = load_file(corpus / doc_id, doc_id)
    assert doc.title == "Oefenen in de LIVC R: handleiding voor een tafeloefening"
    headings = [section.heading_path[-1] for section in doc.sections if section.heading_path]
    assert headings[:3] == ["1. Waarom oefenen?", "2. Doelen", "3. Praktische voorbereiding"]
    text = "\n".join(section.text for section in doc.sections)
    assert "Pagina 1 van 3" not in text
    assert "VVSG – Team Veiligheid – Oefenen in de LIVC R" not in text
    assert "\n•" not in text and not text.startswith("•")


def test_bullet_glyph_on_its_own_line_joins_its_item() -> None:
    pages = page_lines(["Inleiding", "Doelen:\n•\nRollen verduidelijken.\n•\nVertrouwen opbouwen."])
    [section] = pdf_sections(pages)
    assert section.text.endswith("Doelen:\n\n- Rollen verduidelijken.\n- Vertrouwen opbouwen.")


def test_scanned_pdf_without_text_layer_is_refused(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf([[]], furniture=False)
    with pytest.raises(LoaderError, match="no text layer"):
        load_file(path)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (random.Random(7).randbytes(4096), "not a PDF file"),
        (b"%PDF-1.7\n" + random.Random(8).randbytes(2048), "unreadable PDF"),
    ],
)
def test_broken_pdf_is_refused(data: bytes, reason: str) -> None:
    with pytest.raises(LoaderError, match=reason):
        load_pdf(data, "x.pdf")
