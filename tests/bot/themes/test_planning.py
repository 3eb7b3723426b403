"""Planning a digest per published version (baseline, news, rollback), the cap on announcements, re-pacing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, update

from bot.storage import Storage, utcnow
from bot.storage.digests import DigestRepository
from bot.storage.follows import FollowRepository
from bot.storage.models import OutboxMessage
from bot.themes import AnnouncementService, DigestPlanner
from index import IndexBuilder, VersionStore
from knowledge import Chunk
from tests.support.fake_embedder import FakeEmbedder

TEXT = " ".join(f"woord{n}" for n in range(60))


def chunk(doc_id: str, text: str, themes: tuple[str, ...] = ("signalen-en-casussen",)) -> Chunk:
    return Chunk(chunk_id=f"{doc_id}::0", doc_id=doc_id, text=text, title=f"Titel {doc_id}", section="",
                 doc_type="fiche", themes=themes)  # fmt: skip


def test_the_first_version_is_the_baseline_then_news_is_planned_once_and_a_rollback_plans_nothing(
    storage: Storage, tmp_path: Path
) -> None:
    store = VersionStore(tmp_path / "index")
    builder = IndexBuilder(store, FakeEmbedder(), keep_versions=5)
    digests = DigestRepository(storage.database)
    planner = DigestPlanner(digests, store)
    assert planner.observe() is None  # nothing published yet

    first = builder.build([chunk("p/a.md", TEXT)]).version_id
    assert first is not None
    planner.observe()
    assert digests.latest_version() == first and digests.recent() == []  # a baseline, no news

    second = builder.build([chunk("p/a.md", TEXT), chunk("p/nieuw.md", "Een nieuwe fiche. " + TEXT)]).version_id
    assert second is not None
    planned = planner.observe()
    assert planned is not None and planner.observe() is None
    assert DigestPlanner(digests, store).observe() is None  # a second bot (or a restart): planned already
    [item] = digests.items(planned)
    assert item.doc_id == "p/nieuw.md" and item.title == "Titel p/nieuw.md" and item.summary.startswith("Een nieuwe")
    assert item.themes == ("signalen-en-casussen",)

    store.rollback(first, FakeEmbedder().model_id)
    assert planner.observe() is None and len(digests.recent()) == 1


def test_announcements_respect_the_weekly_cap(storage: Storage) -> None:
    follows = FollowRepository(storage.database)
    follows.toggle(1, "vvsg-ondersteuning")
    follows.toggle(2, "vvsg-ondersteuning")
    service = AnnouncementService(follows, cap_per_week=1)
    assert service.announce("Eerste.", [], rsvp=False).queued == 2
    second = service.announce("Tweede.", ["vvsg-ondersteuning"], rsvp=False)
    assert (second.queued, second.skipped_cap) == (0, 2)


def test_a_backlog_left_by_a_restart_is_spread_again(storage: Storage) -> None:
    follows = FollowRepository(storage.database)
    for chat in range(10):
        follows.toggle(chat, "livcr-werking")
    AnnouncementService(follows, cap_per_week=3).announce("Bericht.", [], rsvp=False)
    with storage.database.session() as session:  # the bot was down for a minute
        session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(minutes=1)))
    assert follows.repace_backlog(per_second=10) == 10
    with storage.database.session() as session:
        due = sorted(session.scalars(select(OutboxMessage.next_attempt_at)))
    assert due[0] >= utcnow() - timedelta(seconds=5) and due[-1] - due[0] >= timedelta(seconds=0.89)
    assert follows.repace_backlog(per_second=10) == 0  # nothing overdue any more
