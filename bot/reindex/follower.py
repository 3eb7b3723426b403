"""Keep a long-running process on the published index version, without a restart.

Any process that serves questions from a data directory (the Telegram bot, a console chat,
a benchmark) calls ``IndexFollower.poll(retriever)`` every few seconds. When ``CURRENT``
names another version, the retriever loads it beside the old one and swaps one reference
(``HybridRetriever``): a question in flight finishes on the version it started with, and the
old version's memory is freed when the last such question ends. So the two versions share
memory only for the length of the switch.

A version the retriever refuses (built with another embedding model, or unreadable) is
remembered and not retried every few seconds: the old version keeps serving, the operator
gets one error line, and the next publish is tried again.
"""

from __future__ import annotations

import logging

from index import CorruptIndexError, HybridRetriever, VersionStore

logger = logging.getLogger(__name__)


class IndexFollower:
    """Follows ``CURRENT`` of one store; cheap to poll (one small file read when nothing changed)."""

    def __init__(self, store: VersionStore) -> None:
        self._store = store
        self.refused: str | None = None

    def poll(self, retriever: HybridRetriever) -> bool:
        """Switch ``retriever`` to a newly published version; True when it switched."""
        current = self._store.current_id()
        if current is None or current == self.refused:
            return False
        try:
            switched = retriever.reload_if_changed()
        except CorruptIndexError as exc:
            self.refused = current
            logger.error("Not switching to index version %s, still serving %s: %s", current,
                         _served(retriever), exc)  # fmt: skip
            return False
        if switched:
            self.refused = None
        return switched


def _served(retriever: HybridRetriever) -> str:
    try:
        return retriever.manifest.version_id
    except Exception:  # nothing loaded yet: only for the log line
        return "nothing"
