"""Digests end to end: a reindex publishes, the running bot tells exactly the theme's followers, once.

The index is the shipped corpus's (built once per session with the real model, copied here),
the knowledge folder a copy of the corpus; a document is added (or a typo fixed) and
``reindex`` publishes from outside the bot, as ``vraagbaak reindex`` would: the bot only
watches the published version.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.services import reindex
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.digests import DigestRepository, DigestStatus
from bot.storage.follows import FollowRepository
from index import SentenceTransformerEmbedder, VersionStore
from knowledge import DEFAULT_CORPUS
from tests.bot.queue.conftest import OFFICIAL, OTHER_OFFICIAL, Launch, sends, settled, wait_send
from tests.support.fakes import FakeBotAPI

pytestmark = pytest.mark.model

THIRD = 6161
HEADER = "Nieuw bij de VVSG"
NEW_DOC = """---
title: "Studiedag: online haat in de gemeente"
type: nieuws
published: 2026-12-01
themes: [polarisatie-en-online-haat]
url: https://www.vvsg.be/studiedag-online-haat
---

# Studiedag online haat

Op 12 maart organiseert de VVSG een studiedag over online haat en polarisatie voor lokale besturen.
Sprekers uit drie gemeenten tonen hoe zij haatberichten op sociale media opvolgen, hoe de LIVC R
hierin een rol speelt en hoe zij jongeren en omstaanders betrekken bij tegenspraak.

## Programma

In de voormiddag staan lezingen over desinformatie en complotdenken op het programma; in de
namiddag kiest u een werkwinkel over moderatie van gemeentelijke pagina's, over samenwerking met
de politie of over de ondersteuning van slachtoffers van online haat.
"""


async def until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await asyncio.to_thread(condition):
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.fixture
def corpus_settings(theme_settings: Settings, corpus_data_dir: Path, tmp_path: Path) -> Settings:
    """The theme settings on a copy of the corpus index and of the corpus folder."""
    shutil.copytree(corpus_data_dir, theme_settings.data_dir, symlinks=True)
    shutil.copytree(DEFAULT_CORPUS, tmp_path / "kennis")
    return theme_settings.model_copy(update={"knowledge_dir": tmp_path / "kennis"})


@pytest.fixture
def followers(storage: Storage) -> FollowRepository:
    follows = FollowRepository(storage.database)
    follows.toggle(OFFICIAL, "polarisatie-en-online-haat")
    follows.toggle(OTHER_OFFICIAL, "beroepsgeheim-en-privacy")
    follows.toggle(THIRD, "polarisatie-en-online-haat")
    follows.toggle(THIRD, "signalen-en-casussen")
    return follows


async def test_a_new_document_reaches_exactly_its_themes_followers_once(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, corpus_settings: Settings,
    followers: FollowRepository, embedder: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    digests = DigestRepository(storage.database)
    baseline = VersionStore(corpus_settings.index_dir).current_id()
    async with launch(corpus_settings):
        await until(lambda: digests.latest_version() == baseline)  # the version served at start is the baseline
        (corpus_settings.knowledge_dir / "publicaties" / "studiedag-online-haat.md").write_text(NEW_DOC)
        report = await asyncio.to_thread(reindex, corpus_settings, embedder)
        assert report.build.published and report.build.added == ["publicaties/studiedag-online-haat.md"]

        digest = await wait_send(fake_bot_api, OFFICIAL, HEADER)
        await wait_send(fake_bot_api, THIRD, HEADER)
        await settled(storage)
        await asyncio.sleep(1.0)  # five more runs of the digest job
    text = str(digest.params["text"])
    assert "Studiedag: online haat in de gemeente" in text and "Polarisatie en online haat" in text
    assert "vvsg.be/studiedag-online-haat" in text and "/stopvolgen" in text
    assert len(sends(fake_bot_api, OFFICIAL, HEADER)) == len(sends(fake_bot_api, THIRD, HEADER)) == 1
    assert sends(fake_bot_api, OTHER_OFFICIAL) == []
    [planned] = digests.recent()
    assert planned.version_id == report.build.version_id and planned.items == 1


async def test_a_typo_fix_publishes_a_version_but_no_digest(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, corpus_settings: Settings,
    followers: FollowRepository, embedder: SentenceTransformerEmbedder,
) -> None:  # fmt: skip
    digests = DigestRepository(storage.database)
    baseline = VersionStore(corpus_settings.index_dir).current_id()
    page = corpus_settings.knowledge_dir / "publicaties" / "online-haat-en-polarisatie.md"
    async with launch(corpus_settings):
        await until(lambda: digests.latest_version() == baseline)
        text = page.read_text()
        page.write_text(text.replace("polarisatie", "polarisattie", 1))
        report = await asyncio.to_thread(reindex, corpus_settings, embedder)
        assert report.build.published and report.build.changed == ["publicaties/online-haat-en-polarisatie.md"]
        await until(lambda: digests.latest_version() == report.build.version_id)
        await asyncio.sleep(0.6)
    assert digests.recent() == []  # only empty digests: nothing notable
    assert not digests.has_version("nothing") and digests.latest_version() == report.build.version_id
    assert [c for c in fake_bot_api.calls("sendMessage") if HEADER in str(c.params.get("text"))] == []
    assert DigestStatus.EMPTY.value == "empty"
