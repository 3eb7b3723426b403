"""Composition root of the Telegram bot: builds the Application, wires every handler, runs it.

Nothing expensive happens at import or in ``build_application``: the model, the index and the
database are opened in ``post_init`` (in a worker thread). Tests and benchmarks pass prebuilt
parts (``assistant=``, ``storage=``...) so the model loads once per process, and drive the same
Application with ``running()``; production calls ``run_bot``, which blocks.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any, cast

from telegram import BotCommand
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import messages
from bot.answer.log_guard import install as install_log_guard
from bot.chat import Answerer, ConversationService, Handover, NotedHandover
from bot.errors import ConfigurationError
from bot.services import build_assistant
from bot.settings import Retention, Settings
from bot.storage import Storage
from bot.telegram import handlers
from bot.telegram.context import BotApplication, BotContext, BotData, Services
from bot.telegram.delivery import RetryingRateLimiter
from bot.telegram.durable import RENEW_EVERY, RESUME_EVERY, DurableApplication, prune_done, renew_leases, resume
from bot.telegram.filters import for_the_bot, outside_staff_chat
from bot.telegram.intake import StoredFirstRequest, StoringQueue
from bot.telegram.jobs import register_reindex_jobs
from bot.telegram.keyboards import FEEDBACK_PATTERN, HANDOVER_PATTERN
from bot.telegram.ops_jobs import (
    HEARTBEAT_EVERY,
    SAMPLE_EVERY,
    Singletons,
    heartbeat,
    install_checks,
    note_index,
    sample_queue,
)
from bot.telegram.privacy_notice import load_privacy_notice
from bot.telegram.serving import running, serve_until_stopped, webhook_options  # noqa: F401  (re-exported)
from bot.telegram.staff.common import STAFF_QUEUE_GROUP
from bot.telegram.staff.runtime import QueueRuntime
from bot.telegram.staff.wiring import QUEUE_COMMANDS, queue_handlers, queue_jobs, staff_queue_handover
from bot.telegram.themes import THEME_COMMANDS, theme_handlers, theme_jobs
from bot.telegram.throttle import Throttle

logger = logging.getLogger(__name__)

COMMANDS = (
    BotCommand("start", messages.COMMAND_START),
    BotCommand("help", messages.COMMAND_HELP),
    BotCommand("privacy", messages.COMMAND_PRIVACY),
    BotCommand("mens", messages.COMMAND_MENS),
)
# PTB's DEBUG lines carry whole updates and request payloads (message text), httpx's INFO
# lines the bot token, SQLAlchemy's INFO lines statement parameters: keep them all quieter.
QUIET_LOGGERS = {"telegram": logging.INFO, "httpx": logging.WARNING, "httpcore": logging.INFO,
                 "sqlalchemy.engine": logging.WARNING}  # fmt: skip
# Updates handled at once. Retrieval runs in a few worker threads anyway; more in flight only
# makes httpcore's connection pool (whose bookkeeping grows with requests x connections) slower:
# bench/telegram_load.py, 200 officials at once: p95 ~10 s with 32, ~18 s with PTB's 256.
CONCURRENT_UPDATES = 32
POOL_TIMEOUT = 10.0  # seconds a send may wait for a free connection before it counts as a timeout
PRUNE_EVERY = timedelta(hours=6)
KEEP_PROCESSED = timedelta(days=2)  # Telegram keeps an unconfirmed update for 24 hours


def build_application(
    settings: Settings,
    *,
    assistant: Answerer | None = None,
    storage: Storage | None = None,
    handover: Handover | None = None,
    throttle: Throttle | None = None,
    rate_limiter: RetryingRateLimiter | None = None,
    staff_queue: QueueRuntime | bool = False,
    reindex_jobs: bool = False,
) -> BotApplication:
    """The Application with every handler and job registered; parts not given are built in post_init.

    ``staff_queue`` wires the staff queue in (its handlers, jobs and its ``Handover``; pass a
    ``QueueRuntime`` to choose its job intervals); without it a handover request is only noted
    (``NotedHandover``). ``reindex_jobs`` schedules the reindex and the index hot reload.
    """
    if settings.telegram_token is None:
        raise ConfigurationError("VRAAGBAAK_TELEGRAM_TOKEN (or TELEGRAM_BOT_TOKEN) is not set")
    quiet_library_loggers()
    runtime = QueueRuntime(settings) if staff_queue is True else staff_queue or None
    singletons, queue = Singletons(), StoringQueue()
    lifecycle = _Lifecycle(settings, assistant, storage, handover, throttle, staff_queue=runtime is not None,
                           singletons=singletons, queue=queue)  # fmt: skip
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        .application_class(DurableApplication)
        .update_queue(queue)
        .get_updates_request(StoredFirstRequest(queue, connection_pool_size=1))
        .context_types(ContextTypes(context=BotContext, bot_data=BotData))
        .concurrent_updates(CONCURRENT_UPDATES)
        .connection_pool_size(CONCURRENT_UPDATES + 8)
        .pool_timeout(POOL_TIMEOUT)
        .rate_limiter(rate_limiter or RetryingRateLimiter())
        .post_init(lifecycle.start)
        .post_shutdown(lifecycle.stop)
    )
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    application = cast(BotApplication, builder.build())
    wire(application, settings, runtime, reindex_jobs=reindex_jobs, singletons=singletons)
    return application


def wire(
    application: BotApplication,
    settings: Settings,
    runtime: QueueRuntime | None,
    *,
    reindex_jobs: bool = False,
    singletons: Singletons | None = None,
) -> None:
    """Every handler, the error handler and every job, in one place.

    Every update passes the inbox gate first (``DurableApplication``: leased, done only once its
    handlers finished). Groups run in order: the staff queue (-2) sees staff commands and replies
    to staff answers first and stops them there, then the officials' conversation (0). Jobs that
    must run in one replica only (pruning, the queue's jobs, the reindex) go through ``singletons``;
    resuming stored updates runs in every replica (the leases keep them apart).
    """
    for_bot, commands = for_the_bot(settings.staff_chat_id), outside_staff_chat(settings.staff_chat_id)
    application.add_handlers(
        {
            STAFF_QUEUE_GROUP: queue_handlers(runtime) if runtime is not None else [],
            0: [
                CommandHandler("start", handlers.start, filters=commands),
                CommandHandler("help", handlers.help_command, filters=commands),
                CommandHandler("privacy", handlers.privacy, filters=commands),
                CommandHandler("mens", handlers.mens, filters=commands),
                *theme_handlers(settings),  # /volg, /volgend, /stopvolgen and their buttons (bot.telegram.themes)
                MessageHandler(for_bot & filters.TEXT & ~filters.COMMAND, handlers.on_text),
                MessageHandler(for_bot & filters.COMMAND, handlers.help_command),
                MessageHandler(for_bot & filters.ATTACHMENT, handlers.on_attachment),
                CallbackQueryHandler(handlers.on_vote, pattern=FEEDBACK_PATTERN),
                CallbackQueryHandler(handlers.on_handover, pattern=HANDOVER_PATTERN),
            ],
        }
    )
    application.add_error_handler(handlers.on_error)
    jobs = application.job_queue
    if jobs is None:
        return
    guard = (singletons or Singletons()).guard
    jobs.run_repeating(resume, RESUME_EVERY, first=0, name="resume-updates")
    jobs.run_repeating(renew_leases, RENEW_EVERY, first=RENEW_EVERY, name="renew-leases")
    jobs.run_repeating(guard("prune-processed", prune_done), PRUNE_EVERY, first=60,
                       data=KEEP_PROCESSED, name="prune-processed")  # fmt: skip
    for callback, interval, first, name in queue_jobs(runtime) if runtime is not None else []:
        jobs.run_repeating(guard(name, callback), interval, first=first, name=name)
    for callback, interval, first, name in theme_jobs(settings):  # digests (bot.telegram.themes)
        jobs.run_repeating(guard(name, callback), interval, first=first, name=name)
    jobs.run_repeating(heartbeat, HEARTBEAT_EVERY, first=HEARTBEAT_EVERY, name="telegram-heartbeat")
    jobs.run_repeating(sample_queue, SAMPLE_EVERY, first=1, name="queue-gauges")
    if reindex_jobs:
        register_reindex_jobs(application, settings, guard=guard)


def run_bot(settings: Settings) -> None:
    """``vraagbaak run``: long polling, or the webhook server when ``webhook_url`` is set. Blocks.

    The production wiring: the staff queue, and the scheduled reindex with hot reload;
    ``bot.telegram.serving`` runs it until SIGTERM, with ``/healthz``, ``/readyz``, ``/metrics``.
    """
    serve_until_stopped(build_application(settings, staff_queue=True, reindex_jobs=True), settings)


def quiet_library_loggers() -> None:
    """Keep message text and the bot token out of library log lines (never makes a logger louder);
    what libraries still log passes the personal-data guard (``bot.answer.log_guard``)."""
    install_log_guard()
    for name, level in QUIET_LOGGERS.items():
        library = logging.getLogger(name)
        library.setLevel(max(level, library.getEffectiveLevel()))


class _Lifecycle:
    """post_init / post_shutdown: load what was not given, open the database, set the commands."""

    def __init__(
        self,
        settings: Settings,
        assistant: Answerer | None,
        storage: Storage | None,
        handover: Handover | None,
        throttle: Throttle | None,
        *,
        staff_queue: bool,
        singletons: Singletons,
        queue: StoringQueue,
    ) -> None:
        self.settings = settings
        self.given = (assistant, storage, handover, throttle)
        self.staff_queue = staff_queue
        self.singletons = singletons
        self.queue = queue
        self.opened: Storage | None = None

    async def start(self, application: Any) -> None:
        app = cast(BotApplication, application)
        install_checks(app)
        app.bot_data.services = await asyncio.to_thread(self._load)
        self.queue.inbox = app.bot_data.services.storage.inbox
        commands = COMMANDS + THEME_COMMANDS + (QUEUE_COMMANDS if self.staff_queue else ())
        await app.bot.set_my_commands(commands)
        app.bot_data.readiness.telegram_answered()
        version, chunks = note_index(app.bot_data.services)
        logger.info("Vraagbaak ready as @%s: index %s, %s chunks", app.bot.username, version, chunks)

    async def stop(self, application: Any) -> None:
        await asyncio.to_thread(self.singletons.release)
        if self.opened is not None:
            await asyncio.to_thread(self.opened.database.dispose)

    def _load(self) -> Services:
        assistant, storage, handover, throttle = self.given
        if storage is None:
            storage = self.opened = Storage.open(self.settings.resolved_database_url)
        storage.database.upgrade()
        if storage.database.backend == "sqlite":  # one process owns SQLite: leases left are a dead one's
            freed = storage.inbox.release_all()
            if freed:
                logger.info("Freed %s updates a stopped process held; they are handled again", freed)
        return Services(
            conversation=ConversationService(assistant or build_assistant(self.settings), storage),
            handover=handover or self._handover(storage),
            throttle=throttle or Throttle(self.settings.rate_limit_per_minute, 60.0),
            storage=storage,
            privacy_notice=load_privacy_notice(self.settings.knowledge_dir, Retention.from_settings(self.settings)),
            staff_chat_id=self.settings.staff_chat_id,
        )

    def _handover(self, storage: Storage) -> Handover:
        if not self.staff_queue:
            return NotedHandover(storage)
        return staff_queue_handover(storage, self.settings)
