"""Prometheus metrics of the bot: one registry, named ``vraagbaak_*``, recorded by every layer.

``bot.ops`` sits at the bottom of the layer contract so any package may record; the HTTP
side (``/metrics``) only calls ``render``. One registry per process: replicas are separate
processes and Prometheus sums them. Business gauges that need the database (tickets open by
age, outbox backlog) are set by a sampling job (``bot.telegram.ops_jobs``), not at scrape
time, so a scrape never waits on the database.
"""

from __future__ import annotations

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

REGISTRY = CollectorRegistry()
ProcessCollector(namespace="vraagbaak", registry=REGISTRY)
LANGUAGES = ("nl", "fr", "en", "de")  # anything else is counted as "other" (bounded label values)
# Answers take ~60 ms alone and seconds under a burst; the buckets cover both.
LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)

QUESTIONS = Counter("vraagbaak_questions", "Questions answered or escalated by the bot, by decision and language.",
                    ("decision", "language"), registry=REGISTRY)  # fmt: skip
ANSWER_LATENCY = Histogram("vraagbaak_answer_latency_seconds", "Time from a question to the bot's reply.",
                           ("decision",), buckets=LATENCY_BUCKETS, registry=REGISTRY)  # fmt: skip
ESCALATIONS = Counter("vraagbaak_escalations", "Questions handed to staff (tickets opened), by trigger.",
                      ("trigger",), registry=REGISTRY)  # fmt: skip
TICKETS_OPEN = Gauge("vraagbaak_tickets_open", "Open tickets by age band.", ("age",), registry=REGISTRY)
OUTBOX_BACKLOG = Gauge("vraagbaak_outbox_backlog", "Outbox rows not yet delivered.", registry=REGISTRY)
OUTBOX_OLDEST = Gauge("vraagbaak_outbox_oldest_age_seconds", "Age of the oldest undelivered outbox row.",
                      registry=REGISTRY)  # fmt: skip
RELAYS = Counter("vraagbaak_relays", "Outbox sends by outcome (sent, wait, retry, blocked, rejected).", ("outcome",),
                 registry=REGISTRY)  # fmt: skip
RELAY_FAILURES = Counter("vraagbaak_relay_failures", "Outbox sends that failed (retried or given up).",
                         registry=REGISTRY)  # fmt: skip
INDEX_CHUNKS = Gauge("vraagbaak_index_chunks", "Chunks in the served index version.", registry=REGISTRY)
INDEX_PUBLISHED = Gauge("vraagbaak_index_published_timestamp_seconds",
                        "When the served index version was published (Unix time).", registry=REGISTRY)  # fmt: skip
INDEX_AGE = Gauge("vraagbaak_index_version_age_seconds", "Age of the served index version.", registry=REGISTRY)
_served = {"published_at": 0.0}  # read by INDEX_AGE at scrape time
INDEX_AGE.set_function(lambda: time.time() - _served["published_at"] if _served["published_at"] else 0.0)
REINDEX_DURATION = Histogram("vraagbaak_reindex_duration_seconds", "Duration of reindex runs.", ("outcome",),
                             buckets=(1, 5, 15, 30, 60, 120, 300, 900, 1800), registry=REGISTRY)  # fmt: skip
REINDEX_RUNS = Counter("vraagbaak_reindex_runs", "Reindex runs by outcome (published, unchanged, failed, skipped).",
                       ("outcome",), registry=REGISTRY)  # fmt: skip
UPDATES = Counter("vraagbaak_updates", "Telegram updates received by this process.", registry=REGISTRY)
READY = Gauge("vraagbaak_ready", "1 when this process is ready to serve.", registry=REGISTRY)


def language_label(code: str | None) -> str:
    """A bounded label for a Telegram language code (``nl-BE`` -> ``nl``)."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else "other"


def record_question(decision: str, language: str | None, latency_s: float) -> None:
    """One question answered or escalated, with its latency."""
    QUESTIONS.labels(decision, language_label(language)).inc()
    ANSWER_LATENCY.labels(decision).observe(latency_s)


def record_escalation(trigger: str) -> None:
    ESCALATIONS.labels(trigger).inc()


def record_relay(outcome: str) -> None:
    """One outbox send: ``sent``, ``wait`` (not yet due), or a failure (``retry``, ``blocked``...)."""
    RELAYS.labels(outcome).inc()
    if outcome not in ("sent", "wait"):
        RELAY_FAILURES.inc()


def record_index(chunks: int, published_at: float | None) -> None:
    """The index version now served: its size and when it was published."""
    _served["published_at"] = published_at or time.time()
    INDEX_CHUNKS.set(chunks)
    INDEX_PUBLISHED.set(_served["published_at"])


def record_reindex(outcome: str, seconds: float) -> None:
    REINDEX_RUNS.labels(outcome).inc()
    REINDEX_DURATION.labels(outcome).observe(seconds)


def record_queue(open_by_age: dict[str, int], backlog: int, oldest_age_s: float) -> None:
    """The sampled queue gauges (set by a periodic job)."""
    for age, count in open_by_age.items():
        TICKETS_OPEN.labels(age).set(count)
    OUTBOX_BACKLOG.set(backlog)
    OUTBOX_OLDEST.set(oldest_age_s)


def render() -> tuple[bytes, str]:
    """The Prometheus text exposition of every metric, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
