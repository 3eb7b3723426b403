"""Versioned index folders on disk, published atomically.

Layout under the index root::

    versions/<id>/manifest.json   written last: a folder without it is never served
    versions/<id>/...             chunks.jsonl, vectors.npy, dense.faiss, bm25/
    CURRENT                       the served version id, replaced with os.replace
    build.lock                    held by the one build that may run (holds its pid)
    last-run.json                 what the latest reindex run did, published or not

A build writes ``versions/.<id>.partial/`` completely, renames it into place, and only then
swaps ``CURRENT``; a crash at any point leaves the previous version served.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorruptIndexError, IndexLockedError, ModelMismatchError, NoIndexError, UnknownVersionError

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
CURRENT = "CURRENT"
LAST_RUN = "last-run.json"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a version is: enough to refuse mixing models and to tell operators what is served."""

    version_id: str
    created: str
    model: str
    dimensions: int
    chunk_count: int
    document_count: int
    corpus_hash: str
    dense_kind: str
    build_seconds: float = 0.0
    embedded: int = 0
    reused: int = 0
    sources: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            return cls(**data)
        except (OSError, ValueError, TypeError) as exc:
            raise CorruptIndexError(f"unreadable manifest in {folder}: {exc}") from exc

    def write(self, folder: Path) -> None:
        _write_atomic(folder / MANIFEST, json.dumps(asdict(self), indent=2, ensure_ascii=False))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    """Write beside the target, fsync, then os.replace: readers see the old or the new file, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class VersionStore:
    """The index root of one data directory: versions, the CURRENT pointer and the build lock."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions_dir = root / "versions"
        self._lock_guard = threading.Lock()
        self._lock_owner: int | None = None

    def current_id(self) -> str | None:
        try:
            value = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return value or None

    def current(self) -> tuple[Path, Manifest]:
        """The served version, resolved once; raise NoIndexError when nothing is published."""
        version_id = self.current_id()
        if version_id is None:
            raise NoIndexError(f"no index is published under {self.root}")
        folder = self.versions_dir / version_id
        return folder, Manifest.read(folder)

    def versions(self) -> list[Manifest]:
        """Complete versions, oldest first (a folder without manifest is not a version)."""
        if not self.versions_dir.is_dir():
            return []
        found = [
            Manifest.read(folder)
            for folder in self.versions_dir.iterdir()
            if folder.is_dir() and not folder.name.startswith(".") and (folder / MANIFEST).exists()
        ]
        return sorted(found, key=lambda manifest: (manifest.created, manifest.version_id))

    @contextmanager
    def staging(self, version_id: str) -> Iterator[Path]:
        """A private folder for a build; removed if the build fails, renamed into place when it succeeds."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        partial = self.versions_dir / f".{version_id}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        try:
            yield partial
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        if not (partial / MANIFEST).exists():
            shutil.rmtree(partial, ignore_errors=True)
            raise CorruptIndexError(f"build of {version_id} wrote no manifest")
        os.replace(partial, self.versions_dir / version_id)
        _fsync_dir(self.versions_dir)

    def publish(self, version_id: str) -> None:
        """Point CURRENT at a complete version."""
        folder = self.versions_dir / version_id
        if not (folder / MANIFEST).exists():
            raise UnknownVersionError(f"version {version_id} is not kept under {self.versions_dir}")
        _write_atomic(self.root / CURRENT, version_id + "\n")
        logger.info("Index version %s published", version_id)

    def rollback(self, version_id: str, model_id: str) -> None:
        """Serve a kept older version again, under the build lock (refused while a reindex runs).

        A version built with another model than ``model_id`` is refused: its vectors would not
        match the queries, and running bots would refuse to load it.
        """
        with self.build_lock():
            kept = {manifest.version_id: manifest for manifest in self.versions()}
            if version_id not in kept:
                raise UnknownVersionError(f"version {version_id} is not kept; see 'vraagbaak index versions'")
            if kept[version_id].model != model_id:
                raise ModelMismatchError(
                    f"version {version_id} was built with {kept[version_id].model}, but the configured model is "
                    f"{model_id}; running bots would refuse it"
                )
            self.publish(version_id)

    def prune(self, keep: int) -> list[str]:
        """Delete the oldest complete versions beyond ``keep``, never the served one; also stale partials."""
        current = self.current_id()
        removable = [m.version_id for m in self.versions() if m.version_id != current]
        excess = max(0, len(removable) - max(keep - 1, 0))
        removed = removable[:excess]
        for version_id in removed:
            shutil.rmtree(self.versions_dir / version_id, ignore_errors=True)
        return removed

    def clean_partials(self) -> None:
        """Remove folders of builds that died; only called while holding the build lock."""
        if self.versions_dir.is_dir():
            for folder in self.versions_dir.glob(".*.partial"):
                shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def build_lock(self) -> Iterator[None]:
        """An exclusive, non-blocking lock: a second build fails at once instead of queueing.

        The lock is an ``flock`` on ``build.lock``, so the kernel releases it when its holder
        dies, even by SIGKILL: a killed build never blocks the next one. It is not re-entrant:
        a reindex that takes it before crawling its sources tells the IndexBuilder so
        (``build(..., locked=True)``), which checks it with ``holds_build_lock()``.
        """
        with self._flock():
            with self._lock_guard:
                self._lock_owner = threading.get_ident()
            try:
                yield
            finally:
                with self._lock_guard:
                    self._lock_owner = None

    def holds_build_lock(self) -> bool:
        """Whether the calling thread holds this store's build lock right now."""
        with self._lock_guard:
            return self._lock_owner == threading.get_ident()

    @contextmanager
    def _flock(self) -> Iterator[None]:
        import fcntl

        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / "build.lock").open("a+")
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                handle.seek(0)
                holder = handle.read().strip()
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise IndexLockedError(
                    f"another reindex is running on {self.root}{who}; try again when it has finished"
                ) from exc
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            handle.close()

    def record_run(self, record: dict[str, Any]) -> None:
        """Keep what the latest reindex run did (also when it published nothing) for ``index status``."""
        self.root.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.root / LAST_RUN, json.dumps(record, indent=2, ensure_ascii=False))

    def last_run(self) -> dict[str, Any] | None:
        """The latest run's record, or None when no run was recorded (or the file is unreadable)."""
        try:
            data = json.loads((self.root / LAST_RUN).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None
