"""The burst of ``bench.telegram_load`` against one or more ``vraagbaak run`` replicas in webhook mode.

    .venv/bin/python -m bench.replica_load [--replicas 2] [--officials 200] [--questions 5]
        [--database-url postgresql+psycopg://postgres@127.0.0.1/test]

Each replica is the real command (``vraagbaak run``: composition root, real model and index
from ``--data-dir``, webhook server) in a process of its own, all sharing one PostgreSQL
database made empty for the run (``vraagbaak_bench``, dropped and created on the server of
``--database-url``). The fake Bot API and the simulated officials run here, in a thread of their
own as in ``bench.telegram_load``; official ``n`` posts its updates to replica ``n mod R``'s
webhook, as a load balancer in front of the replicas would. Latency: from the POST to the
answer's ``sendMessage`` reaching the fake. Prints one JSON object, with the CPU seconds each
replica used during the burst (from ``/proc``) beside the load average.

Why a separate bench: ``telegram_load`` runs the bot in its own process (polling, SQLite), which
is what one replica is. On 2 cores the replicas share the same cores with PostgreSQL and the
fake side, so this shows how the work spreads, not what more cores would give.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

from bench.telegram_load import DEV, FakeSide
from bot.storage import Database
from knowledge import DEFAULT_CORPUS
from tests.support.bot_process import free_port
from tests.support.fakes import FakeBotAPI
from tests.support.fakes.ptb import TOKEN

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-replicas-secret"
BENCH_DATABASE = "vraagbaak_bench"


class Replica:
    """``vraagbaak run`` in webhook mode on a port of its own, logging to a file."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/telegram"
        self.log = log_dir / f"{name}.log"
        own = {**env, "VRAAGBAAK_WEBHOOK_URL": self.url, "VRAAGBAAK_WEBHOOK_PORT": str(self.port)}
        with self.log.open("w") as out:
            self.process = subprocess.Popen([str(Path(sys.executable).with_name("vraagbaak")), "run"], cwd=ROOT,
                                            env=own, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip

    def ready(self, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"replica exited: {self.log.read_text(encoding='utf-8')[-2000:]}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"http://127.0.0.1:{self.port}/readyz", timeout=2).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise SystemExit(f"replica not ready: {self.log.read_text(encoding='utf-8')[-2000:]}")
            time.sleep(0.5)

    def cpu_s(self) -> float:
        """User + system CPU seconds of the process so far (``/proc/<pid>/stat``)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def empty_database(server_url: str) -> str:
    """Drop and create ``vraagbaak_bench`` on ``server_url``'s server, migrate it; its URL."""
    url = make_url(server_url)
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as connection:  # fmt: skip
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    bench_url = url.set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    database = Database(bench_url)
    database.upgrade()
    database.dispose()
    return bench_url


def run(args: argparse.Namespace, questions: list[str]) -> dict[str, Any]:
    database_url = empty_database(args.database_url)
    replicas: list[Replica] = []

    async def deliver(server: FakeBotAPI, user_id: int, update: dict[str, Any]) -> None:
        target = replicas[user_id % len(replicas)]
        status = await server.post_webhook(target.url, update, secret_token=SECRET)
        if status != 200:
            raise RuntimeError(f"replica on port {target.port} answered {status}")

    fake = FakeSide(args, questions, deliver)
    base_url = fake.start()
    env = {key: value for key, value in os.environ.items() if not key.startswith("VRAAGBAAK_")}
    env.update({
        "PYTHONPATH": str(ROOT), "VRAAGBAAK_TELEGRAM_TOKEN": TOKEN, "VRAAGBAAK_TELEGRAM_BASE_URL": base_url,
        "VRAAGBAAK_DATABASE_URL": database_url, "VRAAGBAAK_DATA_DIR": str(args.data_dir.resolve()),
        "VRAAGBAAK_KNOWLEDGE_DIR": str(DEFAULT_CORPUS), "VRAAGBAAK_WEBHOOK_SECRET": SECRET,
        "VRAAGBAAK_WEBHOOK_LISTEN": "127.0.0.1", "VRAAGBAAK_REINDEX_CRON": "", "VRAAGBAAK_LOG_LEVEL": "WARNING",
    })  # fmt: skip
    with tempfile.TemporaryDirectory() as logs, contextlib.closing(fake):
        try:
            replicas.extend(Replica(f"replica-{n}", env, Path(logs)) for n in range(args.replicas))
            for replica in replicas:
                replica.ready()
            cpu = [replica.cpu_s() for replica in replicas]
            burst = asyncio.run(fake.burst())
            cpu = [replica.cpu_s() - before for replica, before in zip(replicas, cpu, strict=True)]
            load = os.getloadavg()[0]
        finally:
            for replica in replicas:
                replica.stop()
    latencies, answered = burst.latencies, len(burst.replies.times)
    return {
        "replicas": args.replicas,
        "database": "postgresql",
        "officials": args.officials,
        "questions_each": args.questions,
        "sent": args.officials * args.questions,
        "answered": answered,
        "duplicates": sum(len(texts) - len(set(texts)) for texts in burst.replies.texts.values()),
        "latency_p50_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
        "elapsed_s": round(burst.elapsed_s, 2),
        "throughput_per_s": round(answered / burst.elapsed_s, 1),
        "replica_cpu_ms_per_question": [round(1000 * seconds / max(answered, 1), 1) for seconds in cpu],
        "fake_side_cpu_ms_per_question": round(1000 * burst.fake_cpu_s / max(answered, 1), 1),
        "load_average_1m": round(load, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--officials", type=int, default=200)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=Path("var/bench"), help="index and model cache")
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1/test")
    parser.add_argument("--dev", type=Path, default=DEV, help="questions: the dev set (JSON lines)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = run(args, [row["question"] for row in rows])
    print(json.dumps(result))
    if result["answered"] != result["sent"] or result["duplicates"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
