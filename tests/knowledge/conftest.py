"""Fixtures for the knowledge tests: the shipped corpus, loaded once, and file builders.

PDF and DOCX fixtures are written by fpdf2 and python-docx into ``tmp_path`` inside the
tests, so no binary test files live in the repository and each test shows what it feeds in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from fpdf import FPDF

from knowledge import DEFAULT_CORPUS, Chunk, Chunker, FolderSource, LoadResult

PdfPage = Sequence[str]  # lines; a line starting with "# " is written as a bold heading


@pytest.fixture(scope="session")
def corpus() -> Path:
    return DEFAULT_CORPUS


@pytest.fixture(scope="session")
def corpus_result(corpus: Path) -> LoadResult:
    return FolderSource(corpus).load()


@pytest.fixture(scope="session")
def corpus_chunks(corpus_result: LoadResult) -> list[Chunk]:
    return Chunker().chunk(corpus_result.documents)


class _FooterPdf(FPDF):
    """A PDF with a running header and a 'Pagina n van m' footer on every page, like real reports."""

    running_header = "VVSG - Team Veiligheid - Testnota"

    def header(self) -> None:
        self.set_font("Helvetica", size=8)
        self.cell(text=self.running_header, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(text=f"Pagina {self.page_no()} van {{nb}}")


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Write a PDF with one explicit line per text line, so tests control the line breaks."""

    def make(pages: Sequence[PdfPage], *, name: str = "nota.pdf", title: str | None = None,
             keywords: str | None = None, furniture: bool = True) -> Path:  # fmt: skip
        pdf = _FooterPdf() if furniture else FPDF()
        if title:
            pdf.set_title(title)
        if keywords:
            pdf.set_keywords(keywords)
        for lines in pages:
            pdf.add_page()
            for line in lines:
                heading = line.startswith("# ")
                pdf.set_font("Helvetica", style="B" if heading else "", size=13 if heading else 10)
                pdf.cell(text=line.removeprefix("# "), new_x="LMARGIN", new_y="NEXT")
        path = tmp_path / name
        pdf.output(str(path))
        return path

    return make


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Write a .docx from (style, text) pairs; a list of rows instead of text makes a table."""
    from docx import Document

    def make(blocks: Sequence[tuple[str, str | list[list[str]]]], *, name: str = "nota.docx", title: str = "",
             keywords: str = "") -> Path:  # fmt: skip
        document = Document()
        document.core_properties.title = title
        document.core_properties.keywords = keywords
        for style, content in blocks:
            if isinstance(content, list):
                table = document.add_table(rows=len(content), cols=len(content[0]))
                for r, row in enumerate(content):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
            else:
                document.add_paragraph(content, style=style)
        path = tmp_path / name
        document.save(str(path))
        return path

    return make
