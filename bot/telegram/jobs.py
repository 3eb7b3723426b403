"""JobQueue jobs that keep the bot's index fresh: a scheduled reindex, and hot reload.

- ``reindex`` runs on ``settings.reindex_cron`` (cron syntax, in ``settings.timezone``,
  Europe/Brussels by default: nightly at 03:00). The build runs in a worker thread, so
  officials keep getting answers meanwhile; when it published something or something
  failed, the staff chat gets a short Dutch summary. A run that finds another reindex
  busy (say a ``vraagbaak reindex`` from cron) is skipped with one log line.
- ``index-reload`` polls every ``settings.index_reload_seconds`` (5 s) and switches the
  served retriever to a newly published version (``bot.reindex.follower``), whoever
  published it: this bot, the CLI, or a rollback.
Both callbacks only hand work to a thread and report; the logic lives in ``bot.reindex.run``
and ``bot.reindex.follower``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.errors import ConfigurationError
from bot.ops import record_index
from bot.reindex.follower import IndexFollower
from bot.reindex.report import summary_nl
from bot.reindex.run import ReindexReport
from bot.services import reindex
from bot.settings import Settings
from bot.telegram.context import BotApplication, BotContext
from index import Embedder, HybridRetriever, IndexLockedError, VersionStore

logger = logging.getLogger(__name__)

REINDEX_JOB = "reindex"
RELOAD_JOB = "index-reload"
# A run delayed by a busy event loop or a suspended machine still starts within the hour. (A bot
# that was not running at 03:00 does not catch up: the schedule lives in memory.)
MISFIRE_GRACE_SECONDS = 3600
Job = Callable[[BotContext], Coroutine[Any, Any, None]]


@dataclass(slots=True)
class _Jobs:
    """What both jobs share: settings, the follower, and parts given instead of looked up."""

    settings: Settings
    follower: IndexFollower
    retriever: HybridRetriever | None
    embedder: Embedder | None

    def served_retriever(self, context: BotContext) -> HybridRetriever | None:
        """The retriever answering officials: given, or the loaded Assistant's (None before post_init)."""
        if self.retriever is not None:
            return self.retriever
        services = context.bot_data.services
        assistant = services.conversation.assistant if services is not None else None
        retriever = getattr(assistant, "retriever", None)
        return retriever if isinstance(retriever, HybridRetriever) else None

    def reindex(self) -> ReindexReport:
        return reindex(self.settings, self.embedder)


def reindex_trigger(settings: Settings) -> CronTrigger:
    """The cron trigger of ``settings.reindex_cron`` in ``settings.timezone``."""
    return CronTrigger.from_crontab(settings.reindex_cron, timezone=ZoneInfo(settings.timezone))


def register_reindex_jobs(
    application: BotApplication,
    settings: Settings,
    *,
    retriever: HybridRetriever | None = None,
    embedder: Embedder | None = None,
    guard: Callable[[str, Job], Job] | None = None,
) -> None:
    """Schedule the reindex and the hot-reload jobs on ``application.job_queue``.

    ``guard`` wraps the reindex so one replica runs it (``Singletons.guard``); every replica
    hot-reloads what was published.

    ``retriever`` defaults to the one of the Assistant loaded in ``post_init``. ``embedder``
    defaults to a fresh one per run: it loads the torch model only if something must be
    embedded, and frees it with the run. (Passing the bot's own saves that load, but an
    embedder serving queries through ONNX would then keep the torch model for good.)
    """
    if application.job_queue is None:
        raise ConfigurationError("the reindex jobs need python-telegram-bot[job-queue]")
    jobs = _Jobs(settings, IndexFollower(VersionStore(settings.index_dir)), retriever, embedder)
    every = settings.index_reload_seconds
    application.job_queue.run_repeating(_reload, interval=every, first=every, name=RELOAD_JOB, data=jobs)
    if settings.reindex_cron:
        job_kwargs = {"trigger": reindex_trigger(settings), "misfire_grace_time": MISFIRE_GRACE_SECONDS,
                      "coalesce": True, "max_instances": 1}  # fmt: skip
        callback = guard(REINDEX_JOB, _reindex) if guard is not None else _reindex
        application.job_queue.run_custom(callback, job_kwargs=job_kwargs, name=REINDEX_JOB, data=jobs)
        logger.info("Reindex scheduled at '%s' (%s)", settings.reindex_cron, settings.timezone)


async def _reload(context: BotContext) -> None:
    """Switch to a newly published index version, in a worker thread."""
    jobs = cast(_Jobs, context.job.data if context.job else None)
    retriever = jobs.served_retriever(context)
    if retriever is not None and await asyncio.to_thread(jobs.follower.poll, retriever):
        note_served(retriever)


async def _reindex(context: BotContext) -> None:
    """The scheduled reindex: build in a worker thread, switch, tell the staff chat."""
    jobs = cast(_Jobs, context.job.data if context.job else None)
    try:
        report = await asyncio.to_thread(jobs.reindex)
    except IndexLockedError as exc:
        logger.info("Scheduled reindex skipped: %s", exc)
        return
    except Exception as exc:
        logger.exception("Scheduled reindex failed")
        await _tell_staff(context, jobs.settings, f"Herindexering mislukt: {type(exc).__name__}: {exc}")
        return
    retriever = jobs.served_retriever(context)
    if retriever is not None and await asyncio.to_thread(jobs.follower.poll, retriever):
        note_served(retriever)
    if report.build.published or report.failed:
        await _tell_staff(context, jobs.settings, summary_nl(report))


async def _tell_staff(context: BotContext, settings: Settings, text: str) -> None:
    if settings.staff_chat_id is None:
        return
    try:
        await context.bot.send_message(settings.staff_chat_id, text)
    except Exception:  # the summary is a courtesy; the run itself is logged and recorded
        logger.exception("Could not send the reindex summary to the staff chat")


def note_served(retriever: HybridRetriever) -> None:
    """Index gauges for the version just switched to."""
    manifest = retriever.manifest
    try:
        published = datetime.fromisoformat(manifest.created).timestamp()
    except ValueError:
        published = None
    record_index(manifest.chunk_count, published)
