"""Composition root of the Telegram bot: builds the Application, wires every handler, runs it.

Nothing expensive happens at import or in ``build_application``: the model, the index and the
database are opened in ``post_init`` (in a worker thread). Tests and benchmarks pass prebuilt
parts (``assistant=``, ``storage=``...) so the model loads once per process, and drive the same
Application with ``running()``; production calls ``run_bot``, which blocks.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, cast
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
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
from bot.telegram.filters import for_the_bot, outside_staff_chat
from bot.telegram.jobs import register_reindex_jobs
from bot.telegram.keyboards import FEEDBACK_PATTERN, HANDOVER_PATTERN
from bot.telegram.once import skip_processed
from bot.telegram.privacy_notice import load_privacy_notice
from bot.telegram.staff.common import STAFF_QUEUE_GROUP
from bot.telegram.staff.runtime import QueueRuntime
from bot.telegram.staff.wiring import QUEUE_COMMANDS, queue_handlers, queue_jobs, staff_queue_handover
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
    lifecycle = _Lifecycle(settings, assistant, storage, handover, throttle, staff_queue=runtime is not None)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .base_url(settings.telegram_base_url)
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
    wire(application, settings, runtime, reindex_jobs=reindex_jobs)
    return application


def wire(
    application: BotApplication, settings: Settings, runtime: QueueRuntime | None, *, reindex_jobs: bool = False
) -> None:
    """Every handler, the error handler and every job, in one place.

    Groups run in order: the staff queue (-2) sees staff commands and replies to staff answers
    first, then the handle-once gate (-1), then the officials' conversation (0).
    """
    for_bot, commands = for_the_bot(settings.staff_chat_id), outside_staff_chat(settings.staff_chat_id)
    application.add_handlers(
        {
            STAFF_QUEUE_GROUP: queue_handlers(runtime) if runtime is not None else [],
            -1: [TypeHandler(Update, skip_processed)],
            0: [
                CommandHandler("start", handlers.start, filters=commands),
                CommandHandler("help", handlers.help_command, filters=commands),
                CommandHandler("privacy", handlers.privacy, filters=commands),
                CommandHandler("mens", handlers.mens, filters=commands),
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
    jobs.run_repeating(handlers.prune_processed, PRUNE_EVERY, first=60, data=KEEP_PROCESSED, name="prune-processed")
    for callback, interval, first, name in queue_jobs(runtime) if runtime is not None else []:
        jobs.run_repeating(callback, interval, first=first, name=name)
    if reindex_jobs:
        register_reindex_jobs(application, settings)


def run_bot(settings: Settings) -> None:
    """``vraagbaak run``: long polling, or a webhook server when ``webhook_url`` is set. Blocks.

    The production wiring: the staff queue, and the scheduled reindex with hot reload.
    """
    application = build_application(settings, staff_queue=True, reindex_jobs=True)
    if settings.webhook_url:
        application.run_webhook(**webhook_options(settings), bootstrap_retries=5)
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=5)


@asynccontextmanager
async def running(
    application: BotApplication, settings: Settings, *, poll_timeout: float = 10.0
) -> AsyncIterator[BotApplication]:
    """Run ``application`` in the current event loop (tests, benchmarks), stopping in PTB's order."""
    updater = application.updater
    assert updater is not None, "the Application needs an Updater"
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        if settings.webhook_url:
            await updater.start_webhook(**webhook_options(settings))
        else:
            await updater.start_polling(timeout=timedelta(seconds=poll_timeout), allowed_updates=Update.ALL_TYPES)
        try:
            yield application
        finally:
            if updater.running:
                await updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook server listens and what Telegram is told (URL and secret token).

    Telegram sends the secret in ``X-Telegram-Bot-Api-Secret-Token``; PTB answers 403 to a
    request without it. Without a configured secret a random one is made per start.
    """
    assert settings.webhook_url is not None
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else secrets.token_urlsafe(32)
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlparse(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
    }


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
    ) -> None:
        self.settings = settings
        self.given = (assistant, storage, handover, throttle)
        self.staff_queue = staff_queue
        self.opened: Storage | None = None

    async def start(self, application: Any) -> None:
        app = cast(BotApplication, application)
        app.bot_data.services = await asyncio.to_thread(self._load)
        await app.bot.set_my_commands(COMMANDS + QUEUE_COMMANDS if self.staff_queue else COMMANDS)
        logger.info("Vraagbaak Telegram bot ready as @%s", app.bot.username)

    async def stop(self, application: Any) -> None:
        if self.opened is not None:
            await asyncio.to_thread(self.opened.database.dispose)

    def _load(self) -> Services:
        assistant, storage, handover, throttle = self.given
        if storage is None:
            storage = self.opened = Storage.open(self.settings.resolved_database_url)
        storage.database.upgrade()
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
