"""Crash safety: a burst of questions, a SIGKILL in the middle, a restart; lost and duplicated answers.

    .venv/bin/python -m bench.crash_bench [--questions 200] [--officials 50] [--runs 3]

The bot runs as its own process (``tests.support.replica``: the production composition root,
polling, SQLite, canned answers so the model is not what is measured) against
``tests.support.fakes.FakeBotAPI``. Each run queues the burst, waits until ``--kill-after``
answers were accepted, then SIGKILLs the process at that arbitrary moment (no held sends: a
reply Telegram accepted in the last milliseconds before the kill, before the bot recorded it,
is sent again: the remaining window, counted as ``duplicated``), restarts it on the same
database and waits until every question has its answer. ``recovery_s`` runs from the restart
to the last answer (it includes the process start, ``ready_s``). Prints one JSON object and
writes ``bench/results/crash_bench.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.support.bot_process import BotProcess, bot_environment
from tests.support.fakes import FakeBotAPI

RESULTS = Path(__file__).resolve().parent / "results" / "crash_bench.json"


def answered(fake: FakeBotAPI) -> Counter[tuple[int, int]]:
    return Counter(
        (int(call.params["chat_id"]), int(call.params["reply_parameters"]["message_id"]))
        for call in fake.calls("sendMessage")
        if call.ok and call.params.get("reply_parameters")
    )


async def one_run(questions: int, officials: int, kill_after: int, work: Path) -> dict[str, Any]:
    async with FakeBotAPI() as fake:
        asked = []
        for n in range(questions):
            official = 40_000 + n % officials
            update = fake.make.text_message(official, official, f"Vraag {n}: wie zit er in de LIVC R?")
            fake.enqueue(update)
            asked.append((official, int(update["message"]["message_id"])))
        env, log = bot_environment(fake, work / "var"), work / "bot.log"
        first = BotProcess(env, log)
        try:
            await first.ready()
            await fake.wait_for(lambda calls: len(answered(fake)) >= kill_after, timeout=120)
            first.kill()
        finally:
            first.close()
        at_kill = len(answered(fake))
        restarted = time.monotonic()
        second = BotProcess(env, log)
        try:
            ready = await second.ready()
            await fake.wait_for(lambda calls: set(asked) <= set(answered(fake)), timeout=300)
            recovery = time.monotonic() - restarted
            await asyncio.sleep(2.0)  # more resume rounds: a late duplicate would show
            await second.terminate()
        finally:
            second.close()
        replies = answered(fake)
        return {"answered_at_kill": at_kill, "lost": sum(replies[key] == 0 for key in asked),
                "duplicated": sum(replies[key] > 1 for key in asked), "ready_s": round(ready, 2),
                "recovery_s": round(recovery, 2)}  # fmt: skip


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    runs = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as work:
            kill_after = max(1, args.questions * (run + 1) // (args.runs + 1))
            runs.append(await one_run(args.questions, args.officials, kill_after, Path(work)))
    return {"questions": args.questions, "officials": args.officials, "runs": runs,
            "lost": sum(r["lost"] for r in runs), "duplicated": sum(r["duplicated"] for r in runs),
            "python": platform.python_version(), "cpus": platform.machine()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=200, help="questions in the burst")
    parser.add_argument("--officials", type=int, default=50, help="officials asking them")
    parser.add_argument("--runs", type=int, default=3, help="kills, spread over the burst")
    result = asyncio.run(main_async(parser.parse_args()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
