"""Loaders: one small module per file format, and the registry that picks one by suffix.

Every loader has the same shape, ``(data: bytes, doc_id: str) -> list[Document]``: it gets
the file's bytes (read once by the caller, who also hashes them) and the doc id to give
the result, and raises LoaderError with a short English reason when the file is broken,
empty or not what its suffix claims. A loader never reads the disk or the clock, so the
same bytes always give the same Documents.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from knowledge.errors import LoaderError
from knowledge.loaders.docx import load_docx
from knowledge.loaders.faq import load_faq
from knowledge.loaders.html import load_html
from knowledge.loaders.markdown import load_markdown
from knowledge.loaders.pdf import load_pdf
from knowledge.loaders.plaintext import load_text
from knowledge.models import Document


class Loader(Protocol):
    """Turns one file's bytes into Documents; raises LoaderError when it cannot."""

    def __call__(self, data: bytes, doc_id: str) -> list[Document]: ...


LOADERS: MappingProxyType[str, Loader] = MappingProxyType({
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".yaml": load_faq,
    ".yml": load_faq,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".txt": load_text,
})  # fmt: skip


def loader_for(path: Path | str) -> Loader | None:
    """The loader for a file name's suffix (case-insensitive), or ``None`` for an unknown type."""
    return LOADERS.get(Path(path).suffix.lower())


def load_file(path: Path | str, doc_id: str | None = None) -> list[Document]:
    """Load one file outside any folder walk (tools, tests); ``doc_id`` defaults to the file name."""
    path = Path(path)
    loader = loader_for(path)
    if loader is None:
        raise LoaderError(f"unsupported file type {path.suffix or '(no suffix)'!r}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderError(f"cannot read file: {exc.strerror or exc}") from exc
    return loader(data, doc_id or path.name)


__all__ = [
    "LOADERS",
    "Loader",
    "load_docx",
    "load_faq",
    "load_file",
    "load_html",
    "load_markdown",
    "load_pdf",
    "load_text",
    "loader_for",
]
