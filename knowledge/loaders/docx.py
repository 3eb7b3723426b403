"""Word .docx -> one Document (python-docx), with Heading styles as section paths.

Paragraph styles carry the structure: ``Heading 1``-``Heading 9`` (``Kop 1``... in a
Dutch Word) become the heading path, ``Title`` is the document title, ``List ...`` styles
become ``- `` items; tables are read in place, one ``cell | cell`` line per row. The core
property ``created`` is not used as the publication date: templates carry stale ones
(python-docx's own says 2013).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from knowledge.errors import LoaderError
from knowledge.loaders.sections import DEFAULT_DOC_TYPE, SectionBuilder
from knowledge.models import Document
from knowledge.text import clean_line, parse_tags, stem_title

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)


def load_docx(data: bytes, doc_id: str) -> list[Document]:
    """Parse one .docx; raises LoaderError for non-zip files, other Office files and empty documents."""
    if not data.strip():
        raise LoaderError("empty file")
    if not data.startswith(b"PK"):
        raise LoaderError("not a DOCX file (not a zip archive; an old .doc must be saved as .docx)")
    try:
        document = open_docx(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        zlib.error,
        EOFError,
        OSError,
        etree.XMLSyntaxError,
    ) as exc:  # fmt: skip  (found by tests/knowledge/test_fuzz_loaders.py)
        raise LoaderError(f"not a DOCX file: {type(exc).__name__}: {exc}") from exc
    builder = SectionBuilder()
    style_title: str | None = None
    first_line: str | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            _table(builder, block)
            continue
        text = clean_line(block.text)
        if not text:
            continue
        first_line = first_line or text
        style = _style_name(block)
        heading = _HEADING_STYLE.match(style)
        if style.lower() == "title":
            style_title = style_title or text
        elif heading:
            builder.heading(int(heading.group(1)), text)
        else:
            builder.paragraph(f"- {text}" if style.lower().startswith("list") else text,
                              tight=style.lower().startswith("list"))  # fmt: skip
    sections = builder.sections()
    if not any(section.text for section in sections):
        raise LoaderError("no text in the document")
    props = document.core_properties
    first_heading = next((s.heading_path[0] for s in sections if s.heading_path), None)
    title = clean_line(props.title or "") or style_title or first_heading or first_line
    return [
        Document(
            doc_id=doc_id,
            title=title or stem_title(doc_id),
            doc_type=DEFAULT_DOC_TYPE,
            sections=tuple(sections),
            tags=parse_tags(props.keywords or ""),
        )
    ]


def _style_name(paragraph: Paragraph) -> str:
    style = paragraph.style
    return str(style.name) if style is not None and style.name else ""


def _table(builder: SectionBuilder, table: Table) -> None:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell repeats in every grid column
                cells.append(text)
        builder.paragraph(" | ".join(cells), tight=True)
