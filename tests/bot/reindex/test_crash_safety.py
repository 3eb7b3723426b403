"""SIGKILL a real reindex process at each stage: the served version keeps serving, always."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.settings import Settings
from index import HybridRetriever, VersionStore
from tests.bot.reindex.conftest import reindexer, web_id
from tests.bot.reindex.site import Site, page
from tests.support.fake_embedder import FakeEmbedder

REPO = Path(__file__).resolve().parents[3]

# The child runs a real Reindexer on the same settings and stops forever at one stage,
# announcing it by creating the marker file; the parent then kills it with SIGKILL.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import index.builder
    from bot.reindex.run import Reindexer
    from bot.settings import Settings
    from index import VersionStore
    from tests.support.fake_embedder import FakeEmbedder

    stage, marker = sys.argv[1], Path(sys.argv[2])

    def stop_here(*args, **kwargs):
        marker.touch()
        time.sleep(600)

    class StoppingEmbedder(FakeEmbedder):
        def embed_passages(self, texts, *, show_progress=False):
            stop_here()

    embedder = StoppingEmbedder() if stage == "embedding" else FakeEmbedder()
    if stage == "writing":
        real = index.builder.save_faiss
        index.builder.save_faiss = lambda faiss_index, path: (real(faiss_index, path), stop_here())
    if stage == "publishing":
        VersionStore.publish = stop_here
    settings = Settings()
    Reindexer(settings, VersionStore(settings.index_dir), embedder).run()
    """
)


def _kill_at(stage: str, settings: Settings, site: Site, tmp_path: Path) -> None:
    marker = tmp_path / f"{stage}.marker"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "VRAAGBAAK_DATA_DIR": str(settings.data_dir),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "VRAAGBAAK_EMBEDDING_MODEL": "fake-bow-64",
        "VRAAGBAAK_SOURCES": json.dumps([source.model_dump() for source in settings.sources]),
    }
    child = subprocess.Popen([sys.executable, "-c", CHILD, stage, str(marker)], env=env, cwd=tmp_path)
    deadline = time.monotonic() + 60
    try:
        while not _reached(stage, marker, site):
            assert child.poll() is None, f"the reindex ended before reaching {stage}"
            assert time.monotonic() < deadline, f"the reindex never reached {stage}"
            time.sleep(0.02)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL


def _reached(stage: str, marker: Path, site: Site) -> bool:
    if stage == "crawling":
        return bool(site.hits_for("/kennis/signalen.html"))
    return marker.exists()


@pytest.mark.parametrize("stage", ["crawling", "embedding", "writing", "publishing"])
def test_kill_during_a_reindex_keeps_the_served_version(
    stage: str, site: Site, web_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    settings = web_settings()
    embedder = FakeEmbedder()
    served = reindexer(settings, embedder).run().build.version_id
    pages = (settings.data_dir / "sources" / "vvsg" / "pages.json").read_bytes()
    site.put("/kennis/polarisatie.html", page("Polarisatie", "Een herschreven tekst over dialoog in de wijk."))
    if stage == "crawling":
        site.resources["/kennis/signalen.html"].delay = 600
    site.clear()

    _kill_at(stage, settings, site, tmp_path)

    store = VersionStore(settings.index_dir)
    assert store.current_id() == served
    hits = HybridRetriever(store, embedder).load().search("polarisatie online haat jongeren", k=1)
    assert hits[0].chunk.doc_id == web_id(site, "/kennis/polarisatie.html")
    if stage == "crawling":
        assert (settings.data_dir / "sources" / "vvsg" / "pages.json").read_bytes() == pages
        site.resources["/kennis/signalen.html"].delay = 0
    # The kernel released the dead run's lock; the next run cleans up and publishes the change.
    report = reindexer(settings, embedder).run()
    assert report.build.published and report.build.changed == [web_id(site, "/kennis/polarisatie.html")]
    assert not list(store.versions_dir.glob(".*.partial"))
    assert not list((settings.data_dir / "sources" / "vvsg" / "bodies").glob(".*.tmp"))
