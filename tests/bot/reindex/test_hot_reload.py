"""Hot reload: a serving process follows CURRENT within seconds, with no failed question."""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import threading
import time
import weakref
from collections import defaultdict
from pathlib import Path

import pytest

from bot.answer.assistant import Assistant
from bot.reindex.follower import IndexFollower
from index import HybridRetriever, IndexBuilder, VersionStore
from knowledge import Chunk
from tests.index.conftest import make_chunk
from tests.support.fake_embedder import FakeEmbedder

REPO = Path(__file__).resolve().parents[3]
QUESTION = "Wat zegt de regeling over de veiligheidscel en de burgemeester?"
FILLER = [
    make_chunk(f"vulling-{n}.md", f"Tekst {n} over jeugdwerk, sport en cultuur in de gemeente.") for n in range(30)
]


def _corpus(doc_id: str) -> list[Chunk]:
    return [
        *FILLER,
        make_chunk(doc_id, "De regeling over de veiligheidscel: de burgemeester zit de cel voor."),
    ]


def _wait(condition: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_questions_in_flight_never_fail_and_switch_to_the_new_version(tmp_path: Path) -> None:
    store, embedder = VersionStore(tmp_path / "index"), FakeEmbedder()
    builder = IndexBuilder(store, embedder)
    builder.build(_corpus("oud.md"))
    retriever = HybridRetriever(store, embedder).load()
    assistant, follower = Assistant(retriever), IndexFollower(store)
    loaded = retriever._version  # peek at the snapshot, to check it is freed after the switch
    assert loaded is not None
    old_bm25 = weakref.ref(loaded.bm25)
    del loaded
    stop, errors, seen = threading.Event(), list[BaseException](), defaultdict[int, list[str]](list)

    def ask(worker: int) -> None:
        while not stop.is_set():
            try:
                seen[worker].append(assistant.ask(QUESTION).sources[0].doc_id)
            except BaseException as exc:  # any failure of a question in flight fails the test
                errors.append(exc)

    threads = [threading.Thread(target=ask, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    _wait(lambda: all(seen[worker] for worker in range(4)))
    builder.build(_corpus("nieuw.md"))  # publish while questions are being asked
    switched_at = time.monotonic()
    assert follower.poll(retriever)
    _wait(lambda: all(seen[worker][-1] == "nieuw.md" for worker in range(4)), seconds=5)
    gc.collect()
    # The old version is freed while questions keep coming: two versions share memory only for the switch.
    assert old_bm25() is None
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    for answers in seen.values():
        first_new = answers.index("nieuw.md")
        assert set(answers[:first_new]) == {"oud.md"} and set(answers[first_new:]) == {"nieuw.md"}
    assert time.monotonic() - switched_at < 5


def test_another_process_publishes_and_the_follower_switches_within_seconds(tmp_path: Path) -> None:
    knowledge = tmp_path / "kennis"
    knowledge.mkdir()
    (knowledge / "oud.md").write_text("# Oud\n\nDe oude regeling over de veiligheidscel.\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "VRAAGBAAK_DATA_DIR": str(tmp_path / "var"),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(knowledge),
    }
    child = (
        "from bot.services import reindex; from bot.settings import Settings; "
        "from tests.support.fake_embedder import FakeEmbedder; import json; "
        "print(json.dumps(reindex(Settings(), FakeEmbedder()).build.version_id))"
    )
    run = [sys.executable, "-c", child]
    first = json.loads(subprocess.run(run, env=env, check=True, capture_output=True, text=True).stdout)
    store, embedder = VersionStore(tmp_path / "var" / "index"), FakeEmbedder()
    retriever = HybridRetriever(store, embedder).load()
    follower, stop = IndexFollower(store), threading.Event()

    def follow() -> None:  # what the bot's JobQueue job does, every 5 s by default
        while not stop.wait(0.05):
            follower.poll(retriever)

    thread = threading.Thread(target=follow)
    thread.start()
    try:
        (knowledge / "nieuw.md").write_text("# Nieuw\n\nDe nieuwe regeling over de taskforce.\n", encoding="utf-8")
        second = json.loads(subprocess.run(run, env=env, check=True, capture_output=True, text=True).stdout)
        published = time.monotonic()
        _wait(lambda: retriever.manifest.version_id == second, seconds=5)
        assert time.monotonic() - published < 2 and second != first
        assert retriever.search("nieuwe regeling taskforce", k=1)[0].chunk.doc_id == "nieuw.md"
    finally:
        stop.set()
        thread.join()


def test_a_version_of_another_model_is_refused_once_and_the_old_one_keeps_serving(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = VersionStore(tmp_path / "index")
    model_a, model_b = FakeEmbedder(model_id="model-a"), FakeEmbedder(model_id="model-b")
    IndexBuilder(store, model_a).build(_corpus("oud.md"))
    retriever, follower = HybridRetriever(store, model_a).load(), IndexFollower(store)
    served = retriever.manifest.version_id
    other = IndexBuilder(store, model_b).build(_corpus("nieuw.md")).version_id
    with caplog.at_level(logging.ERROR, logger="bot.reindex.follower"):
        assert not follower.poll(retriever)
        assert not follower.poll(retriever)  # not retried every few seconds
    assert follower.refused == other
    logged = [record.message for record in caplog.records if record.name == "bot.reindex.follower"]
    assert logged == [
        f"Not switching to index version {other}, still serving {served}: index version {other} was built "
        "with model-b, but the configured model is model-a; run 'vraagbaak reindex --full'"
    ]
    assert retriever.manifest.version_id == served and retriever.manifest.model == "model-a"
    assert retriever.search(QUESTION, k=1)[0].chunk.doc_id == "oud.md"
    # A full reindex with the configured model is picked up again.
    fixed = IndexBuilder(store, model_a).build(_corpus("nieuw.md"), full=True).version_id
    assert follower.poll(retriever) and retriever.manifest.version_id == fixed


def test_a_rollback_is_followed_like_a_publish(tmp_path: Path) -> None:
    store, embedder = VersionStore(tmp_path / "index"), FakeEmbedder()
    builder = IndexBuilder(store, embedder)
    old = builder.build(_corpus("oud.md")).version_id
    builder.build(_corpus("nieuw.md"))
    retriever, follower = HybridRetriever(store, embedder).load(), IndexFollower(store)
    assert old is not None
    store.publish(old)
    assert follower.poll(retriever) and retriever.search(QUESTION, k=1)[0].chunk.doc_id == "oud.md"
    assert not follower.poll(retriever)  # nothing new: one small file read, no reload
