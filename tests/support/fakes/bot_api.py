"""A fake Telegram Bot API server on 127.0.0.1 for the real PTB ``Bot`` and ``Application``.

Why a server and not a mocked ``Bot``: the seam PTB provides is ``base_url``. Behind it, PTB's
own request encoding, error mapping (``RetryAfter``, ``Forbidden``, ``NetworkError``), polling
loop and offsets all run for real, so tests exercise what production runs. Usage::

    async with FakeBotAPI() as server:
        app = (ApplicationBuilder().token("123:ABC").base_url(server.base_url)
               .base_file_url(server.base_file_url).build())
        server.enqueue(server.make.text_message(42, 42, "Hallo"))
        ...
        await server.wait_for("sendMessage")
        assert server.sent_messages(42) == [...]
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Any, NoReturn, Self

import aiohttp
from aiohttp import web

from tests.support.fakes.chats import ChatRegistry
from tests.support.fakes.errors import BotApiError
from tests.support.fakes.faults import FaultKind, FaultPlan
from tests.support.fakes.methods import JSON, BotApiMethods
from tests.support.fakes.params import read_params
from tests.support.fakes.recording import CallCondition, CallLog, RecordedCall
from tests.support.fakes.update_queue import PendingUpdates
from tests.support.fakes.updates import UpdateFactory

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)


class FakeBotAPI:
    """The server, its state (chats, messages, pending updates), recorded calls and faults.

    Plain attributes give the parts: ``make`` (update builders), ``faults``, ``chats``,
    ``log``, ``methods``; the methods below are the shortcuts tests use most.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_id: int = 7000000001,
        bot_username: str = "vraagbaak_test_bot",
        strict_ampersand: bool = True,
    ) -> None:
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Vraagbaak",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.chats = ChatRegistry()
        self.pending = PendingUpdates()
        self.methods = BotApiMethods(self.chats, self.pending, self.bot_user, strict_ampersand=strict_ampersand)
        self.make = UpdateFactory(self.chats, self.bot_user, self.methods.next_message_id, self.message)
        self.faults = FaultPlan()
        self.log = CallLog()
        self._files: dict[str, bytes] = {}
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._runner is None:
            raise RuntimeError("FakeBotAPI is not started; use 'async with' or await start()")
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: PTB appends the token, then ``/<method>``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``, for ``File.download_*``."""
        return f"{self.url}/file/bot"

    async def start(self) -> Self:
        """Bind a free port on ``host`` and serve; idempotent."""
        if self._runner is not None:
            return self
        app = web.Application(client_max_size=64 * 2**20)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        # handler_cancellation: a client that gives up (PTB stopping a long poll, a read timeout)
        # ends its handler, as Telegram forgets a dropped long poll.
        runner = web.AppRunner(app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, self._host, self._port).start()
        self._host, self._port = runner.addresses[0][:2]
        self._runner = runner
        self._closing.clear()
        return self

    async def stop(self) -> None:
        """End long polls and delays at once, then close the server."""
        if self._runner is None:
            return
        self._closing.set()
        self.pending.wake()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # Recording -----------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """Recorded calls, all or of one method; ``assert not server.calls("getFile")``."""
        return self.log.calls(method)

    def sent_messages(self, chat_id: int | str | None = None) -> list[str]:
        """Texts of successful sendMessage/editMessageText calls (raw, as the bot sent them)."""
        return self.log.sent_messages(chat_id)

    async def wait_for(
        self, condition: str | CallCondition, count: int = 1, *, timeout: float = 5.0
    ) -> list[RecordedCall]:
        """Wait for ``count`` calls of a method, or for a predicate over all calls."""
        return await self.log.wait_for(condition, count, timeout=timeout)

    @property
    def waiting_polls(self) -> int:
        """getUpdates calls now waiting in a long poll; 1 means the bot is idle and listening."""
        return self.pending.waiting

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a message (after edits), or None if unknown or deleted."""
        return self.methods.messages.get((chat_id, message_id))

    # Updates -------------------------------------------------------------------------------

    def enqueue(self, update: JSON, *, update_id: int | None = None) -> int:
        """Queue ``update`` for getUpdates; returns its update_id (pass it again to duplicate)."""
        return self.pending.put(self._incoming(update), update_id)

    def redeliver(self, update_id: int) -> int:
        """Deliver an already confirmed update once more (Telegram's at-least-once delivery)."""
        return self.pending.redeliver(update_id)

    async def post_webhook(self, url: str | None, update: JSON, secret_token: str | None = None) -> int:
        """POST ``update`` to a webhook as Telegram does; return the HTTP status of the bot.

        ``url=None`` uses the URL the bot registered with setWebhook; ``secret_token=None``
        uses the registered secret, ``""`` sends no secret header.
        """
        target = url or self.methods.webhook.get("url")
        if not target:
            raise ValueError("no webhook url given and none registered with setWebhook")
        secret = self.methods.webhook.get("secret_token") if secret_token is None else secret_token
        update = self._incoming(update)
        self.pending.assign_id(update)
        headers = {SECRET_HEADER: str(secret)} if secret else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(target, json=update, headers=headers) as r,
        ):
            return r.status

    def set_file_content(self, file_id: str, content: bytes) -> None:
        """Bytes served when the bot downloads ``file_id`` after getFile."""
        self._files[f"files/{file_id}"] = content

    def _incoming(self, update: JSON) -> JSON:
        """A private copy of ``update`` whose message the bot can later reply to or copy."""
        update = copy.deepcopy(update)
        for key in ("message", "edited_message"):
            if key in update:
                self.methods.remember(update[key])
                self.chats.remember_user(update[key].get("from", {"is_bot": True}))
        return update

    # Chats and faults: shortcuts -----------------------------------------------------------

    def set_forum(self, chat_id: int, is_forum: bool = True) -> None:
        """Make supergroup ``chat_id`` a forum (topics enabled)."""
        self.chats.set_forum(chat_id, is_forum)

    def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """What getChatMember answers for (chat, user); default ``member``."""
        self.chats.set_member_status(chat_id, user_id, status)

    def fail_next(
        self,
        method: str,
        times: int = 1,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
    ) -> None:
        """Next ``times`` calls of ``method`` fail (429 with retry_after, or e.g. status=500)."""
        self.faults.fail_next(method, times, status=status, retry_after=retry_after, description=description)

    def drop_next(self, method: str, times: int = 1) -> None:
        """Next ``times`` calls of ``method`` lose their connection without a response."""
        self.faults.drop_next(method, times)

    def delay(self, method: str, seconds: float, *, times: int | None = None) -> None:
        """Answer ``method`` ``seconds`` late (``times`` calls, or until ``faults.clear()``)."""
        self.faults.delay(method, seconds, times=times)

    def block_chat(self, chat_id: int) -> None:
        """Sends to ``chat_id`` get 403 "Forbidden: bot was blocked by the user"."""
        self.faults.block_chat(chat_id)

    def fail_rate(self, p: float, seed: int = 0, *, methods: Iterable[str] | None = None, retry_after: int = 1) -> None:
        """Fail fraction ``p`` of send calls with 500 or 429, reproducibly for a ``seed``."""
        self.faults.fail_rate(p, seed, methods=methods, retry_after=retry_after)

    # HTTP ----------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()
        method = self.methods.canonical(request.match_info["method"]) or request.match_info["method"]
        token = request.match_info["token"]
        record: dict[str, Any] = {
            "method": method,
            "params": {},
            "time": arrived,
            "token": token,
            "status": 0,
        }
        try:
            try:
                record["params"] = params = await read_params(request)
                fault = self.faults.take(method, params)
                record["delay"] = delay = self.faults.delay_for(method)
                await self._pause(delay)
                if fault is not None and fault.kind is FaultKind.DROP:
                    record["fault"], record["description"] = fault.label, "connection dropped"
                    _drop_connection(request)
                if fault is not None and fault.error is not None:
                    record["fault"] = fault.label
                    raise fault.error
                result = await self._call(method, params)
            except BotApiError as error:
                record.update(status=error.status, description=error.description)
                return web.json_response(error.body(), status=error.status)
            record.update(status=200, result=copy.deepcopy(result))
            return web.json_response({"ok": True, "result": result})
        except asyncio.CancelledError:
            record.setdefault("description", "client disconnected")
            raise
        except Exception as exc:  # a bug in the fake: aiohttp answers 500 and logs the traceback
            record["description"] = f"fake server error: {exc!r}"
            raise
        finally:
            self.log.record(RecordedCall(**record))

    async def _call(self, method: str, params: JSON) -> Any:
        if method == "getUpdates":
            return await self._get_updates(params)
        handler = self.methods.handlers.get(method)
        if handler is None:
            raise BotApiError(404, "Not Found")
        return handler(params)

    async def _get_updates(self, params: JSON) -> list[JSON]:
        if self.methods.webhook.get("url"):
            raise BotApiError(409, WEBHOOK_ACTIVE)
        if "allowed_updates" in params:
            self.pending.allowed_updates = list(params["allowed_updates"] or [])
        return await self.pending.long_poll(
            offset=int(params.get("offset", 0)),
            limit=int(params.get("limit", 100)),
            timeout=float(params.get("timeout", 0)),
            closing=self._closing,
        )

    async def _pause(self, seconds: float) -> None:
        """Sleep for an injected delay, cut short when the server stops."""
        if seconds > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), seconds)

    async def _serve_file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        return web.Response(body=self._files.get(path, f"fake content of {path}".encode()))


def _drop_connection(request: web.Request) -> NoReturn:
    """Close the socket without an HTTP response; the client sees a protocol/network error."""
    if request.transport is not None:
        request.transport.abort()
    raise asyncio.CancelledError
