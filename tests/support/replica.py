"""One bot replica as its own process, for the replica tests: ``python -m tests.support.replica``.

What ``vraagbaak run`` runs (the composition root, the staff queue and its jobs, our webhook
server, ``serve_until_stopped``), configured from ``VRAAGBAAK_*`` like production, with two test
choices: canned answers instead of the model (each answer quotes the question, so a test can
count replies per question), and queue jobs every fraction of a second instead of minutes.
``REPLICA_RATE_WINDOW_S`` (not a ``VRAAGBAAK_`` setting: a test's knob) shortens the rate
limit's window from a minute, so a test of waiting questions need not wait minutes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

from bot.answer.results import AnswerResult, Decision, Source
from bot.ops import setup_logging
from bot.settings import Settings
from bot.telegram import build_application
from bot.telegram.serving import serve_until_stopped
from bot.telegram.staff.runtime import QueueRuntime
from bot.telegram.throttle import Throttle


@dataclass
class CannedAssistant:
    """Answers every question at once, with one source."""

    def ask(
        self, question: str, *, context: str | None = None, k: int | None = None, previous_chunk: str | None = None
    ) -> AnswerResult:
        source = Source("faq/livcr-basis.yaml#livcr-basis-003", "c1", "Wat is een LIVC R?", "LIVC R", None, 0.8)
        return AnswerResult(question, Decision.ANSWER, 0.9, "Een LIVC R is een lokale integrale veiligheidscel.",
                            [source])  # fmt: skip


def main() -> None:
    setup_logging("INFO")
    settings = Settings()
    runtime = QueueRuntime(settings, outbox_every=timedelta(seconds=0.2), upkeep_every=timedelta(seconds=0.5),
                           purge_every=timedelta(seconds=1))  # fmt: skip
    window = float(os.environ.get("REPLICA_RATE_WINDOW_S", "60"))
    throttle = Throttle(settings.rate_limit_per_minute, window)
    application = build_application(settings, assistant=CannedAssistant(), staff_queue=runtime, throttle=throttle)
    serve_until_stopped(application, settings)


if __name__ == "__main__":
    main()
