"""The Prometheus exposition: names prefixed ``vraagbaak_``, counters that count what happened."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from bot.ops import record_escalation, record_index, record_question, record_queue, record_relay, render


def samples() -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    body, content_type = render()
    assert content_type.startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(body.decode()):
        assert family.name.startswith("vraagbaak_"), family.name
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_questions_are_counted_by_decision_and_bounded_language() -> None:
    before = samples()
    key_nl = ("vraagbaak_questions_total", (("decision", "answer"), ("language", "nl")))
    key_other = ("vraagbaak_questions_total", (("decision", "escalate"), ("language", "other")))
    record_question("answer", "nl-BE", 0.06)
    record_question("escalate", "tlh", 0.2)
    after = samples()
    assert after[key_nl] == before.get(key_nl, 0) + 1
    assert after[key_other] == before.get(key_other, 0) + 1
    count = ("vraagbaak_answer_latency_seconds_count", (("decision", "answer"),))
    assert after[count] == before.get(count, 0) + 1


def test_escalations_relays_queue_and_index_gauges() -> None:
    before = samples()
    record_escalation("low_confidence")
    record_relay("sent")
    record_relay("blocked")
    record_queue({"lt_1d": 2, "gt_7d": 1}, backlog=3, oldest_age_s=12.5)
    record_index(327, published_at=None)
    after = samples()
    failures = ("vraagbaak_relay_failures_total", ())
    assert after[failures] == before.get(failures, 0) + 1
    assert after[("vraagbaak_escalations_total", (("trigger", "low_confidence"),))] >= 1
    assert after[("vraagbaak_tickets_open", (("age", "gt_7d"),))] == 1
    assert after[("vraagbaak_outbox_backlog", ())] == 3
    assert after[("vraagbaak_outbox_oldest_age_seconds", ())] == 12.5
    assert after[("vraagbaak_index_chunks", ())] == 327
    assert 0 <= after[("vraagbaak_index_version_age_seconds", ())] < 60
