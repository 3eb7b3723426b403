"""Small helpers for racing threads against the database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def race(workers: list[Callable[[], T]]) -> list[T]:
    """Run ``workers`` in threads released at the same instant; results in worker order."""
    barrier = threading.Barrier(len(workers))

    def run(worker: Callable[[], T]) -> T:
        barrier.wait(timeout=10)
        return worker()

    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        futures = [pool.submit(run, worker) for worker in workers]
        return [future.result(timeout=30) for future in futures]
