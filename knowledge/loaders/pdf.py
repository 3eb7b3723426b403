"""PDF with a text layer -> one Document (pypdf; no OCR).

pypdf returns the text layer line by line, as the PDF placed it: hard-wrapped lines,
running headers and footers on every page, page numbers, a bullet glyph on a line of
its own and, in some PDFs, words hyphenated across lines. ``pdf_text`` rebuilds readable
paragraphs from that; numbered headings ("3. Praktische voorbereiding") become sections.
The PDF's creation date is not used as the publication date: tools stamp it when the file
is exported, which says nothing about when the content was published.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from knowledge.errors import LoaderError
from knowledge.loaders.pdf_text import page_lines, pdf_sections
from knowledge.loaders.sections import DEFAULT_DOC_TYPE
from knowledge.models import Document
from knowledge.text import clean_line, parse_tags, stem_title

logger = logging.getLogger(__name__)

_PDF_MAGIC = b"%PDF-"


def load_pdf(data: bytes, doc_id: str) -> list[Document]:
    """Parse one PDF; raises LoaderError for non-PDFs, broken or encrypted files and scans."""
    if not data.strip():
        raise LoaderError("empty file")
    if _PDF_MAGIC not in data[:1024]:
        raise LoaderError("not a PDF file (no %PDF header)")
    reader, pages = _read(data)
    lines = page_lines(pages)
    sections = pdf_sections(lines)
    if not any(section.text for section in sections):
        raise LoaderError("no text layer (a scanned PDF? run OCR first)")
    info = reader.metadata
    title = _meta_title(info.get("/Title") if info else None) or _first_line(lines) or stem_title(doc_id)
    keywords = info.get("/Keywords") if info else None
    return [
        Document(
            doc_id=doc_id,
            title=title,
            doc_type=DEFAULT_DOC_TYPE,
            sections=tuple(sections),
            tags=parse_tags(keywords) if isinstance(keywords, str) else (),
        )
    ]


def _read(data: bytes) -> tuple[PdfReader, list[str]]:
    """Open the PDF and extract each page's text, translating pypdf's many errors into one."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoaderError("encrypted PDF (needs a password)")
        return reader, [page.extract_text() or "" for page in reader.pages]
    except LoaderError:
        raise
    except Exception as exc:  # pypdf raises assorted errors on broken files: PdfReadError, KeyError...
        raise LoaderError(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc


def _meta_title(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    title = clean_line(value.removeprefix("Microsoft Word - "))
    return None if title.lower() in ("", "untitled", "(anonymous)") else title


def _first_line(pages: list[list[str]]) -> str | None:
    return next((line for page in pages for line in page if line), None)
