"""The knowledge page's desk: what index version is served, its sources and the last reindex run;
admins start a reindex or roll back to a kept version.

The reindex runs in the same background publisher as an FAQ approval (one run at a time);
a rollback goes through ``VersionStore.rollback``, which refuses while a build holds the lock
and refuses a version made with another model. Running bots switch within seconds either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.settings import Settings
from bot.storage import AuditRepository
from bot.workspace import messages
from bot.workspace.errors import ActionFailed, Forbidden
from bot.workspace.models import Staff
from bot.workspace.publishing import FaqPublisher
from index import IndexLockedError, Manifest, ModelMismatchError, UnknownVersionError, VersionStore, model_id_for


@dataclass(frozen=True, slots=True)
class KnowledgeStatus:
    """What the knowledge page shows."""

    current: str | None
    versions: tuple[Manifest, ...]
    last_run: dict[str, Any] | None
    reindexing: bool

    @property
    def served(self) -> Manifest | None:
        return next((m for m in self.versions if m.version_id == self.current), None)


class KnowledgeDesk:
    """Index status, reindex and rollback for the workspace."""

    def __init__(self, settings: Settings, publisher: FaqPublisher | None, audit: AuditRepository) -> None:
        self._settings = settings
        self._publisher = publisher
        self._audit = audit

    def status(self) -> KnowledgeStatus:
        store = VersionStore(self._settings.index_dir)
        running = self._publisher is not None and not self._publisher.idle.is_set()
        return KnowledgeStatus(store.current_id(), tuple(store.versions()), store.last_run(), running)

    def reindex(self, staff: Staff) -> None:
        """Admins: an incremental reindex of every source, in the background."""
        _require_admin(staff)
        if self._publisher is None:
            raise ActionFailed(messages.NO_REINDEX)
        self._publisher.publish_soon()
        self._audit.record(None, staff.name, "index.reindex_started", None, {"via": "web", "account": staff.account_id})

    def rollback(self, staff: Staff, version_id: str) -> None:
        """Admins: serve a kept older version again."""
        _require_admin(staff)
        store = VersionStore(self._settings.index_dir)
        try:
            store.rollback(version_id, model_id_for(self._settings.embedding_model))
        except UnknownVersionError as exc:
            raise ActionFailed(messages.UNKNOWN_VERSION.format(version=version_id[:40])) from exc
        except IndexLockedError as exc:
            raise ActionFailed(messages.INDEX_BUSY) from exc
        except ModelMismatchError as exc:
            raise ActionFailed(messages.OTHER_MODEL.format(version=version_id[:40])) from exc
        self._audit.record(None, staff.name, "index.rolled_back", None,
                           {"version": version_id, "via": "web", "account": staff.account_id})  # fmt: skip


def _require_admin(staff: Staff) -> None:
    if not staff.admin:
        raise Forbidden(messages.ADMIN_ONLY)
