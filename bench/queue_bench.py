"""Staff-queue load: 100 officials escalate at once, 100 staff replies are relayed back.

    .venv/bin/python -m bench.queue_bench [--officials 100] [--fail-rate 0.2] [--database-url URL]

The real Application (composition root, conversation handlers, the queue's handlers and its
outbox job, ``RetryingRateLimiter``) runs against ``tests.support.fakes.FakeBotAPI`` with a forum staff
group. The answer pipeline is a stub that escalates every question (the model is not what is
measured here). Phase 1: each official asks, gets the "doorgeven?" offer, presses yes; counted
when its ticket's post is in the staff topic. Phase 2: one staff reply per topic (a few staff
members, some updates delivered twice); relay latency runs from the moment the staff message is
available to ``getUpdates`` to the moment the relay's ``sendMessage`` reaches the fake and is
accepted (failed attempts do not count as delivery). ``duplicates`` counts relays an official
received more than once. Runs once without and once with ``--fail-rate`` (seeded 500/429
answers on every send call). Prints one JSON object and writes ``bench/results/queue_bench.json``.

Telegram's flood limit (30 messages/s overall, PTB's ``AIORateLimiter``) is on, as in
production. Its per-group limit (20 messages a minute) is off: the fake has none, and with it
100 new tickets (a topic and a post each) would take ten minutes to reach the staff group,
which is Telegram's limit rather than the bot's.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import platform
import statistics
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram.ext import AIORateLimiter

from bot.answer.results import AnswerResult, Decision, EscalationReason, Source
from bot.settings import Settings
from bot.storage import Storage
from bot.telegram import RetryingRateLimiter, build_application, running
from bot.telegram.staff.wiring import staff_queue_handover
from tests.support.fakes import FakeBotAPI, RecordedCall
from tests.support.fakes.ptb import TOKEN

RESULTS = Path(__file__).resolve().parent / "results"
STAFF_CHAT = -1009999900001
FIRST_OFFICIAL = 20_000
STAFF = (701, 702, 703, 704, 705)
MARKER = "BENCH-ANTWOORD-"


class EscalatingAssistant:
    """Every question escalates with low confidence (what the queue sees, without the model)."""

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        source = Source("faq/livcr-basis.yaml#livcr-basis-003", "c1", "Wat is een LIVC R?", "LIVC R", None, 0.3)
        return AnswerResult(question, Decision.ESCALATE, 0.2, "Zal ik je vraag doorgeven?", [source],
                            EscalationReason.LOW_CONFIDENCE)  # fmt: skip


@dataclass
class Watcher:
    """Follows the fake's call log once, indexing what the bench waits for."""

    server: FakeBotAPI
    offers: dict[int, RecordedCall] = field(default_factory=dict)
    posts: dict[int, RecordedCall] = field(default_factory=dict)
    relays: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    seen: int = 0

    async def follow(self) -> None:
        while True:
            await self.server.wait_for(lambda calls: len(calls) > self.seen, timeout=3600)
            calls = self.server.calls()
            for call in calls[self.seen :]:
                self._note(call)
            self.seen = len(calls)
            self.changed.set()
            self.changed = asyncio.Event()

    async def until(self, done: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self.changed.wait(), remaining)
            except TimeoutError:
                return False
        return True

    def _note(self, call: RecordedCall) -> None:
        if call.method != "sendMessage" or not call.ok:
            return
        chat, text = int(call.params["chat_id"]), str(call.params.get("text", ""))
        markup = call.params.get("reply_markup") or {}
        data = [b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row]
        if chat > 0 and any(d.startswith("hv:") for d in data):
            self.offers[chat] = call
        elif chat == STAFF_CHAT and any(d.startswith("sq:claim:") for d in data):
            self.posts[int(data[0].rsplit(":", 1)[1])] = call
        elif chat > 0 and MARKER in text:
            self.relays[chat].append(call.time)


async def run_once(
    officials: int, fail_rate: float, database_url: str | None, seed: int, flood_limit: float, first_user: int
) -> dict[str, Any]:
    async with FakeBotAPI() as server:
        server.set_forum(STAFF_CHAT)
        with tempfile.TemporaryDirectory() as scratch:
            url = database_url or f"sqlite:///{scratch}/bench.sqlite3"
            settings = Settings(  # type: ignore[call-arg]
                VRAAGBAAK_TELEGRAM_TOKEN=TOKEN, telegram_base_url=server.base_url, staff_chat_id=STAFF_CHAT,
                database_url=url, data_dir=Path(scratch), rate_limit_per_minute=60,
            )  # fmt: skip
            storage = Storage.open(url)
            await asyncio.to_thread(storage.database.upgrade)
            limiter = RetryingRateLimiter(AIORateLimiter(overall_max_rate=flood_limit, group_max_rate=0, max_retries=3))
            app = build_application(settings, assistant=EscalatingAssistant(), storage=storage,
                                    handover=staff_queue_handover(storage, settings), rate_limiter=limiter,
                                    staff_queue=True)  # fmt: skip
            users = [first_user + n for n in range(officials)]
            for user in users:
                server.set_member_status(STAFF_CHAT, user, "left")
            try:
                async with running(app, settings, poll_timeout=5):
                    result = await _scenario(server, storage, users, fail_rate, seed)
                    result["flood_limit_per_s"] = flood_limit
            finally:
                storage.database.dispose()
    return result


async def _scenario(
    server: FakeBotAPI, storage: Storage, users: list[int], fail_rate: float, seed: int
) -> dict[str, Any]:
    watcher = Watcher(server)
    follower = asyncio.create_task(watcher.follow())
    update_ids = itertools.count(users[0] * 10)  # unique across runs sharing one database
    if fail_rate:
        server.fail_rate(fail_rate, seed=seed)
    started = time.monotonic()
    for user in users:  # phase 1: every official at once
        question = f"Welke subsidie krijgt gemeente {user} in 2027?"
        server.enqueue(server.make.text_message(user, user, question), update_id=next(update_ids))
    await watcher.until(lambda: len(watcher.offers) >= len(users), 300)
    for user, offer in list(watcher.offers.items()):
        data = next(d["callback_data"] for row in offer.params["reply_markup"]["inline_keyboard"] for d in row)
        press = server.make.callback_query(user, user, data, int(offer.result["message_id"]))
        server.enqueue(press, update_id=next(update_ids))
    await watcher.until(lambda: len(watcher.posts) >= len(users), 300)
    escalated = time.monotonic() - started
    mine = set(users)  # a shared database may hold earlier runs' tickets
    tickets = {t.id: t for t in await asyncio.to_thread(storage.tickets.list_open) if t.chat_id in mine}

    sent_at: dict[int, float] = {}  # phase 2: one staff reply per topic, some delivered twice
    for n, (number, post) in enumerate(sorted(watcher.posts.items())):
        text = f"{MARKER}{number}: zo zit het."
        update = server.make.text_message(STAFF_CHAT, STAFF[n % len(STAFF)], text,
                                          message_thread_id=int(post.result["message_thread_id"]),
                                          is_topic_message=True)  # fmt: skip
        update_id = server.enqueue(update, update_id=next(update_ids))
        if number in tickets:
            sent_at[tickets[number].chat_id] = time.monotonic()
        if n % 10 == 0:
            server.enqueue(update, update_id=update_id)  # Telegram delivering it twice
    await watcher.until(lambda: all(watcher.relays.get(chat) for chat in sent_at), 300)
    await asyncio.sleep(2.0)  # let stragglers (a duplicate would arrive now) reach the fake
    follower.cancel()
    server.fail_rate(0)

    latencies = sorted(watcher.relays[chat][0] - sent for chat, sent in sent_at.items() if watcher.relays.get(chat))
    failed_calls = sum(1 for call in server.calls() if call.fault in ("429", "500"))
    return {
        "officials": len(users),
        "fail_rate": fail_rate,
        "tickets_created": len(tickets),
        "staff_posts": len(watcher.posts),
        "relays_delivered": sum(1 for chat in sent_at if watcher.relays.get(chat)),
        "duplicates": sum(max(0, len(times) - 1) for times in watcher.relays.values()),
        "duplicate_updates_sent": (len(sent_at) + 9) // 10,
        "relay_latency_p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "relay_latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None,
        "relay_latency_max_s": round(latencies[-1], 3) if latencies else None,
        "escalation_phase_s": round(escalated, 2),
        "injected_failures": failed_calls,
        "outbox_pending_after": await asyncio.to_thread(storage.outbox.pending_count),
        "outbox_failed_after": len(await asyncio.to_thread(storage.outbox.failed_items)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--officials", type=int, default=100, help="officials escalating at once")
    parser.add_argument("--fail-rate", type=float, default=0.2, help="fraction of send calls the fake fails")
    parser.add_argument("--seed", type=int, default=7, help="seed of the injected failures")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: SQLite in a temp dir)")
    parser.add_argument("--flood-limit", type=float, default=30, help="messages/s (Telegram's limit); 0: off")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the retries on injected failures log a warning each
    runs = [
        asyncio.run(run_once(args.officials, rate, args.database_url, args.seed, args.flood_limit, first_user))
        for rate, first_user in ((0.0, FIRST_OFFICIAL), (args.fail_rate, FIRST_OFFICIAL + 10 * args.officials))
    ]
    backend = (args.database_url or "sqlite").split(":", 1)[0]
    payload = {"bench": "queue", "backend": backend, "runs": runs, "python": platform.python_version(),
               "at": datetime.now(UTC).isoformat(timespec="seconds")}  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "queue_bench.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(payload))
    ok = all(r["tickets_created"] == r["officials"] == r["relays_delivered"] and not r["duplicates"] for r in runs)
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
