"""The stored copy of every URL a website source fetched, with its HTTP validators.

Layout under the source's folder (``<data dir>/sources/<name>/``)::

    pages.json        URL -> sha256, content type, ETag, Last-Modified, fetch time
    bodies/<sha256>   the bytes, named by their hash, written before pages.json names them

Why keep bodies at all: a ``304 Not Modified`` carries no body, and the index must get the
same Documents (hence the same chunk hashes, hence no re-embedding) as from the first
fetch. ``pages.json`` is replaced atomically once per crawl (``commit``), so a crawl that is
killed halfway leaves the previous table intact; bodies nobody names any more are deleted
by the next commit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

logger = logging.getLogger(__name__)

PAGES = "pages.json"
BODIES = "bodies"


@dataclass(frozen=True, slots=True)
class CachedPage:
    """One stored response: enough to send a conditional request and to reuse the body."""

    url: str
    sha256: str
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    fetched: str = ""


class PageCache:
    """Stored responses of one source; ``load()`` reads the table, ``commit()`` writes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._old: dict[str, CachedPage] = {}
        self._new: dict[str, CachedPage] = {}

    def load(self) -> PageCache:
        """Read the previous crawl's table; an unreadable one only costs conditional requests."""
        try:
            rows = json.loads((self.folder / PAGES).read_text(encoding="utf-8"))
            self._old = {row["url"]: CachedPage(**row) for row in rows}
        except FileNotFoundError:
            self._old = {}
        except (OSError, ValueError, TypeError, KeyError) as exc:
            logger.warning("Ignoring unreadable page cache %s: %s", self.folder / PAGES, exc)
            self._old = {}
        self._new = {}
        return self

    def get(self, url: str) -> CachedPage | None:
        """The stored response from a previous crawl (or from this one, for a URL seen twice)."""
        return self._new.get(url) or self._old.get(url)

    def body(self, page: CachedPage) -> bytes | None:
        """The stored bytes, or ``None`` when the file is gone (then the URL is fetched in full)."""
        try:
            return (self.folder / BODIES / page.sha256).read_bytes()
        except OSError:
            return None

    def put(self, url: str, data: bytes, content_type: str, etag: str | None, last_modified: str | None) -> CachedPage:
        """Store a fresh 200 response; the body is on disk before any table names it."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.folder / BODIES / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_bytes_atomic(target, data)
        page = CachedPage(url, digest, content_type, etag, last_modified, _now())
        self._new[url] = page
        return page

    def keep(self, page: CachedPage, *, etag: str | None = None, last_modified: str | None = None) -> CachedPage:
        """Carry a stored response into this crawl (after a 304, or as a fallback after an error)."""
        kept = CachedPage(page.url, page.sha256, page.content_type, etag or page.etag,
                          last_modified or page.last_modified, page.fetched)  # fmt: skip
        self._new[page.url] = kept
        return kept

    def commit(self) -> None:
        """Make this crawl's table the stored one and delete bodies no entry names any more."""
        self.folder.mkdir(parents=True, exist_ok=True)
        rows = [asdict(page) for _, page in sorted(self._new.items())]
        _write_bytes_atomic(self.folder / PAGES, json.dumps(rows, indent=1, ensure_ascii=False).encode())
        named = {page.sha256 for page in self._new.values()}
        bodies = self.folder / BODIES
        if bodies.is_dir():
            for path in bodies.iterdir():
                if path.name not in named:
                    path.unlink(missing_ok=True)
        self._old, self._new = dict(self._new), {}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
