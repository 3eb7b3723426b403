"""The bot's JobQueue jobs on a real PTB Application against the fake Bot API."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import ApplicationBuilder, ContextTypes

from bot.settings import Settings
from bot.telegram.context import BotApplication, BotContext, BotData
from bot.telegram.jobs import REINDEX_JOB, RELOAD_JOB, register_reindex_jobs
from index import HybridRetriever, VersionStore
from tests.bot.reindex.conftest import reindexer
from tests.support.fake_embedder import FakeEmbedder
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

BRUSSELS = ZoneInfo("Europe/Brussels")
STAFF = -1009999900001


def _application(server: FakeBotAPI) -> BotApplication:
    builder = (ApplicationBuilder().token(TOKEN).base_url(server.base_url).base_file_url(server.base_file_url)
               .context_types(ContextTypes(context=BotContext, bot_data=BotData)))  # fmt: skip
    return cast(BotApplication, builder.build())


@pytest.fixture
def settings(tmp_path: Path, knowledge_dir: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", knowledge_dir=knowledge_dir, embedding_model="fake-bow-64",
                    staff_chat_id=STAFF, index_reload_seconds=0.05)  # fmt: skip


def _job(application: BotApplication, name: str) -> Any:
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(name)
    return job


async def test_reindex_is_scheduled_nightly_at_three_in_brussels(fake_bot_api: FakeBotAPI, settings: Settings) -> None:
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings, embedder=FakeEmbedder())
    trigger = _job(application, REINDEX_JOB).job.trigger
    assert str(trigger.timezone) == "Europe/Brussels"
    # Across the switch to summer time, still 03:00 on the wall clock (01:00 UTC in summer).
    now = datetime(2025, 3, 29, 12, 0, tzinfo=BRUSSELS)
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first.replace(minute=1))
    assert (first.hour, first.minute, first.day, first.utcoffset().total_seconds()) == (3, 0, 30, 7200)
    assert (second.hour, second.day) == (3, 31)
    assert _job(application, RELOAD_JOB).job.trigger.interval.total_seconds() == pytest.approx(0.05)


async def test_no_schedule_when_cron_is_empty(fake_bot_api: FakeBotAPI, settings: Settings) -> None:
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings.model_copy(update={"reindex_cron": ""}))
    assert application.job_queue is not None
    assert not application.job_queue.get_jobs_by_name(REINDEX_JOB)
    assert _job(application, RELOAD_JOB)


async def test_scheduled_run_publishes_reloads_and_tells_staff(
    fake_bot_api: FakeBotAPI, settings: Settings, knowledge_dir: Path
) -> None:
    embedder = FakeEmbedder()
    first = reindexer(settings, embedder).run().build.version_id
    retriever = HybridRetriever(VersionStore(settings.index_dir), embedder).load()
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings, retriever=retriever, embedder=embedder)
    (knowledge_dir / "taskforce.md").write_text("# Lokale taskforce\n\nDe taskforce volgt dossiers op.\n")
    async with application:
        await application.start()
        try:
            await _job(application, REINDEX_JOB).run(application)  # what the cron trigger does at 03:00
            assert retriever.manifest.version_id != first  # switched right after the build
            await fake_bot_api.wait_for("sendMessage")
        finally:
            await application.stop()
    (text,) = fake_bot_api.sent_messages(STAFF)
    assert text.startswith("Herindexering klaar (") and "is nu in gebruik" in text
    assert "Toegevoegd: 1 · gewijzigd: 0 · verwijderd: 0 · mislukt: 0" in text
    assert "Toegevoegd: taskforce.md" in text


async def test_reload_job_follows_a_publish_by_another_process(fake_bot_api: FakeBotAPI, settings: Settings,
                                                               knowledge_dir: Path) -> None:  # fmt: skip
    embedder = FakeEmbedder()
    reindexer(settings, embedder).run()
    retriever = HybridRetriever(VersionStore(settings.index_dir), embedder).load()
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings, retriever=retriever, embedder=embedder)
    async with application:
        await application.start()
        try:
            (knowledge_dir / "nieuw.md").write_text("# Nieuw\n\nNieuwe tekst.\n")
            second = (await asyncio.to_thread(reindexer(settings, FakeEmbedder()).run)).build.version_id
            for _ in range(200):
                if retriever.manifest.version_id == second:
                    break
                await asyncio.sleep(0.025)
            assert retriever.manifest.version_id == second
        finally:
            await application.stop()


async def test_scheduled_run_skips_quietly_while_another_reindex_runs(
    fake_bot_api: FakeBotAPI, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings, embedder=FakeEmbedder())
    async with application:
        with (
            VersionStore(settings.index_dir).build_lock(),
            caplog.at_level(logging.INFO, "bot.telegram.jobs"),
        ):
            await _job(application, REINDEX_JOB).run(application)
    assert any("Scheduled reindex skipped: another reindex is running" in r.message for r in caplog.records)
    assert fake_bot_api.sent_messages(STAFF) == []


async def test_reload_job_finds_the_assistants_retriever_once_services_are_loaded(
    fake_bot_api: FakeBotAPI, settings: Settings, knowledge_dir: Path
) -> None:
    from types import SimpleNamespace

    from bot.answer.assistant import Assistant

    embedder = FakeEmbedder()
    reindexer(settings, embedder).run()
    retriever = HybridRetriever(VersionStore(settings.index_dir), embedder).load()
    application = _application(fake_bot_api)
    register_reindex_jobs(application, settings, embedder=embedder)
    async with application:
        await _job(application, RELOAD_JOB).run(application)  # before post_init: nothing to follow, no error
        services = SimpleNamespace(conversation=SimpleNamespace(assistant=Assistant(retriever)))
        application.bot_data.services = services  # type: ignore[assignment]
        (knowledge_dir / "nieuw.md").write_text("# Nieuw\n\nNieuwe tekst.\n")
        second = reindexer(settings, embedder).run().build.version_id
        await _job(application, RELOAD_JOB).run(application)
    assert retriever.manifest.version_id == second
