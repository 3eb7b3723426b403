"""A folder of knowledge files -> Documents, plus what a reindex needs to report changes.

``FolderSource(root).load()`` walks ``root`` in sorted order and gives every file with a
known suffix to its loader. The doc id of a file is its POSIX path relative to the root
(NFC-normalised, so macOS and Linux agree), behind an optional prefix: a second folder,
say staff-approved FAQ answers, is loaded with ``doc_id_prefix="staff-faq/"`` and merged
without id clashes.

Not every file is knowledge, and the result says which were left out and why:
- hidden files and folders (``.git``, ``.DS_Store``), Office lock files (``~$x.docx``) and
  editor backups (``x.md~``) are ignored silently: nobody put them there on purpose;
- ``README.md`` and ``SOURCES.md`` at the root are notes about the corpus, and files with
  a suffix no loader knows are listed in ``skipped`` with the reason. They are not
  failures: nothing is wrong with them, they are simply not indexed;
- a file whose loader raises is listed in ``failures`` (path + reason) and the walk goes on.

``file_hashes`` holds the SHA-256 of the bytes of every file a loader was tried on,
failed ones included, so the index can report added, changed and removed files, and
notice when a broken file gets fixed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowledge.chunking import Chunker
from knowledge.errors import KnowledgeRootError, LoaderError
from knowledge.loaders import Loader, loader_for
from knowledge.models import Chunk, Document, LoadFailure

logger = logging.getLogger(__name__)

NOT_KNOWLEDGE = frozenset({"readme.md", "sources.md"})


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file deliberately not loaded (unknown type, corpus notes): reported, not an error."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything one walk of a folder found, in sorted path order."""

    documents: list[Document]
    failures: list[LoadFailure]
    skipped: list[SkippedFile]
    # File doc id -> SHA-256 of the file's bytes, for every file a loader was tried on.
    file_hashes: dict[str, str]


class FolderSource:
    """Knowledge files under one folder; the constructor checks its arguments, ``load()`` reads."""

    def __init__(self, root: Path | str, *, doc_id_prefix: str = "") -> None:
        if doc_id_prefix and (
            not doc_id_prefix.endswith("/") or doc_id_prefix.startswith("/") or "\\" in doc_id_prefix
            or ".." in doc_id_prefix.split("/") or "#" in doc_id_prefix or "::" in doc_id_prefix
        ):  # fmt: skip
            raise ValueError(f"doc_id_prefix must be a relative folder ending in '/', got {doc_id_prefix!r}")
        self.root = Path(root)
        self.doc_id_prefix = doc_id_prefix

    def __repr__(self) -> str:
        return f"FolderSource({str(self.root)!r}, doc_id_prefix={self.doc_id_prefix!r})"

    def load(self) -> LoadResult:
        """Load every knowledge file; raises KnowledgeRootError when the root is not a folder."""
        started = time.perf_counter()
        documents: list[Document] = []
        skipped: list[SkippedFile] = []
        hashes: dict[str, str] = {}
        files, failures = self._walk()
        for rel, path in files:
            file_id = self.doc_id_prefix + rel
            loader = loader_for(path)
            reason = _skip_reason(rel, path.suffix, loader)
            if reason or loader is None:
                skipped.append(SkippedFile(file_id, reason or "no loader"))
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                failures.append(LoadFailure(file_id, f"cannot read file: {exc.strerror or exc}"))
                continue
            hashes[file_id] = hashlib.sha256(data).hexdigest()
            try:
                documents.extend(_run_loader(loader, data, file_id))
            except LoaderError as exc:
                failures.append(LoadFailure(file_id, str(exc)))
        for failure in failures:
            logger.warning("skipped %s: %s", failure.path, failure.reason)
        logger.info(
            "loaded %d documents from %s in %.2fs (%d failed, %d skipped)",
            len(documents), self.root, time.perf_counter() - started, len(failures), len(skipped),
        )  # fmt: skip
        failures.sort(key=lambda failure: failure.path)
        return LoadResult(documents=documents, failures=failures, skipped=skipped, file_hashes=hashes)

    def _walk(self) -> tuple[list[tuple[str, Path]], list[LoadFailure]]:
        """(relative POSIX path, path) of every non-hidden file, sorted; unlistable subfolders as failures."""
        if not self.root.is_dir():
            what = "does not exist" if not self.root.exists() else "is not a folder"
            raise KnowledgeRootError(f"knowledge root {str(self.root)!r} {what}")
        found: list[tuple[str, Path]] = []
        unlistable: list[LoadFailure] = []

        def on_error(exc: OSError) -> None:
            if Path(exc.filename) == self.root:
                message = f"cannot list knowledge root {str(self.root)!r}: {exc.strerror}"
                raise KnowledgeRootError(message) from exc
            rel = Path(exc.filename).relative_to(self.root).as_posix()
            reason = f"cannot list folder: {exc.strerror}"
            unlistable.append(LoadFailure(f"{self.doc_id_prefix}{rel}/", reason))

        for folder, dirnames, filenames in os.walk(self.root, onerror=on_error):
            dirnames[:] = [name for name in dirnames if not name.startswith((".", "__"))]
            base = Path(folder)
            for name in filenames:
                if name.startswith((".", "~$")) or name.endswith("~"):
                    continue
                path = base / name
                rel = unicodedata.normalize("NFC", path.relative_to(self.root).as_posix())
                found.append((rel, path))
        return sorted(found), unlistable


def _skip_reason(rel: str, suffix: str, loader: Loader | None) -> str | None:
    if "/" not in rel and rel.lower() in NOT_KNOWLEDGE:
        return "notes about the corpus, not knowledge"
    if loader is None:
        return f"unsupported file type {suffix or '(no suffix)'!r}"
    return None


def _run_loader(loader: Loader, data: bytes, file_id: str) -> list[Document]:
    try:
        return loader(data, file_id)
    except LoaderError:
        raise
    except Exception as exc:  # a parser bug must cost one file, not the whole reindex
        logger.exception("%s: unexpected error in the loader", file_id)
        raise LoaderError(f"unexpected error: {type(exc).__name__}: {exc}") from exc


def file_doc_id(doc_id: str) -> str:
    """The doc id of the file a document came from: an FAQ entry's id without ``#entry``."""
    return doc_id.split("#", 1)[0]


def load_chunks(
    root: Path | str, *, doc_id_prefix: str = "", chunker: Chunker | None = None
) -> tuple[list[Chunk], list[LoadFailure]]:
    """Load a folder and chunk it in one call: the chunks and the files that could not be read."""
    result = FolderSource(root, doc_id_prefix=doc_id_prefix).load()
    return (chunker or Chunker()).chunk(result.documents), result.failures
