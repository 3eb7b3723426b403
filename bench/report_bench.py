"""The workspace's yearly report page with 10,000 questions and 1,000 tickets: how long it renders.

    .venv/bin/python -m bench.report_bench [--questions 10000] [--tickets 1000] [--runs 15] [--database-url URL]

Fills a fresh database (SQLite in a temporary folder by default) with one year of questions
from 300 officials in 150 local governments, the bot's answers with five sources each,
feedback, and tickets of which 80% have a staff answer; then times ``GET /reports?year=Y``
(three queries, counting, two pygal charts, the Jinja2 page) through Starlette's TestClient
with a logged-in session, and ``GET /api/report`` beside it: "computed" with the workspace's
report cache emptied before every request, "cached" as staff get it while no row changes
(a fingerprint query decides). Prints one JSON object and
writes ``bench/results/report_bench.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from starlette.testclient import TestClient

from bot.queue import StaffQueue
from bot.settings import Settings
from bot.storage import Storage
from bot.storage.models import Answer, Feedback, Official, Question, Ticket, TicketMessage
from bot.web import create_app
from bot.workspace import Role, Workspace
from knowledge import DEFAULT_CORPUS
from tests.support.workspace import PASSWORD, csrf_of, fast_accounts

YEAR = 2026
FAQ_FILES = sorted(f"faq/{path.name}" for path in (DEFAULT_CORPUS / "faq").glob("*.yaml"))


def fill(storage: Storage, questions: int, tickets: int, seed: int = 7) -> None:
    """Bulk-insert a year of traffic (core INSERTs, one transaction per table)."""
    rng = random.Random(seed)
    start = datetime(YEAR, 1, 1, 6, tzinfo=UTC)
    officials = [{"id": n, "telegram_user_id": 10_000 + n, "display_name": f"Ambtenaar {n}",
                  "local_government": f"Gemeente {n % 150:03d}" if n % 10 else None, "created_at": start,
                  "last_seen_at": start} for n in range(1, 301)]  # fmt: skip
    asked = [start + timedelta(minutes=rng.randrange(0, 364 * 24 * 60)) for _ in range(questions)]
    question_rows = [{"id": n + 1, "official_id": rng.randrange(1, 301), "chat_id": 1, "text_redacted": f"Vraag {n}",
                      "redaction_kinds": [], "created_at": when} for n, when in enumerate(asked)]  # fmt: skip
    answer_rows = [{"id": q["id"], "question_id": q["id"], "decision": "answer" if rng.random() < 0.85 else "escalate",
                    "confidence": rng.random(), "text": "Antwoord", "created_at": q["created_at"],
                    "sources": [{"doc_id": f"{rng.choice(FAQ_FILES)}#e{k}", "chunk_id": f"c{k}", "title": "t",
                                 "section": None, "url": None, "score": 0.5} for k in range(5)]}
                   for q in question_rows]  # fmt: skip
    feedback_rows = [{"answer_id": a["id"], "official_id": question_rows[a["id"] - 1]["official_id"],
                      "helpful": rng.random() < 0.8, "created_at": a["created_at"]}
                     for a in answer_rows if rng.random() < 0.2]  # fmt: skip
    escalated = rng.sample(question_rows, tickets)
    ticket_rows = [{"id": n + 1, "official_id": q["official_id"], "chat_id": 1, "question_id": q["id"],
                    "question_text": q["text_redacted"], "bot_sources": answer_rows[q["id"] - 1]["sources"],
                    "bot_confidence": 0.2, "trigger": "low_confidence", "status": "answered",
                    "created_at": q["created_at"], "updated_at": q["created_at"], "anonymised": False}
                   for n, q in enumerate(escalated)]  # fmt: skip
    message_rows = [{"ticket_id": t["id"], "author_kind": "staff", "author_name": "Sara", "text": "Antwoord",
                     "created_at": t["created_at"] + timedelta(hours=rng.expovariate(1 / 20))}
                    for t in ticket_rows if rng.random() < 0.8]  # fmt: skip
    with storage.database.session() as session:
        for model, rows in (
            (Official, officials),
            (Question, question_rows),
            (Answer, answer_rows),
            (Feedback, feedback_rows),
            (Ticket, ticket_rows),
            (TicketMessage, message_rows),
        ):
            session.execute(insert(model), rows)


def timed(client: TestClient, path: str, runs: int, before: Callable[[], None] = lambda: None) -> dict[str, float]:
    """Median and worst wall time of ``runs`` GETs (after one warm-up), and the median CPU time of
    this process (the app runs in TestClient's thread, so it is counted), in milliseconds.

    On a shared machine the wall time waits for other jobs; the CPU time is what a request costs.
    """
    assert client.get(path).status_code == 200
    times, cpu = [], []
    for _ in range(runs):
        before()
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--tickets", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        settings = Settings(database_url=url, data_dir=Path(folder) / "var", knowledge_dir=DEFAULT_CORPUS)  # type: ignore[call-arg]
        storage = Storage.open(url)
        storage.database.upgrade()
        began = time.perf_counter()
        fill(storage, options.questions, options.tickets)
        filled_s = time.perf_counter() - began
        workspace = Workspace(settings, StaffQueue.over(storage, settings), accounts=fast_accounts(storage))
        workspace.accounts.add("bench@vvsg.be", "Bench", PASSWORD, Role.STAFF)
        with TestClient(create_app(workspace, "bench-secret-" + "x" * 40)) as client:
            token = csrf_of(client.get("/login").text)
            client.post("/login", data={"email": "bench@vvsg.be", "password": PASSWORD, "csrf_token": token})
            cold = workspace.forget_reports
            page_cold = timed(client, f"/reports?year={YEAR}", options.runs, cold)
            page = timed(client, f"/reports?year={YEAR}", options.runs)
            api_cold = timed(client, f"/api/report?year={YEAR}", options.runs, cold)
            figures = client.get(f"/api/report?year={YEAR}").json()
        storage.database.dispose()
    result: dict[str, Any] = {
        "questions": figures["questions"], "tickets": figures["tickets"],
        "local_governments": figures["local_governments"], "backend": url.split(":", 1)[0],
        "fill_s": round(filled_s, 2), "report_page_computed": page_cold, "report_page_cached": page,
        "api_report_computed": api_cold, "target_ms": 300,
        "machine": platform.machine(), "cpus": os.cpu_count(), "load_average": os.getloadavg(),
    }  # fmt: skip
    print(json.dumps(result))
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "report_bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
