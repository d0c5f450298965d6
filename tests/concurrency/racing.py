"""A harness that runs calls at the same moment in threads, each on its own database
connection, for the tests of two calls at once (their cases: tests/factories/county.py)."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import OperationalError, connection

_attempt = threading.local()


@contextmanager
def widened(module: Any, name: str, seconds: float = 0.2) -> Iterator[None]:
    """Make `module.name` pause after it returns, on a thread's first attempt only.

    Patched on a check that a service makes inside its transaction, it holds both threads
    between reading the case and writing the change: without the row lock, both would pass
    the check on the state before either wrote, and both would write.
    """
    original = getattr(module, name)

    def paused(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        if getattr(_attempt, "first", False):
            time.sleep(seconds)
        return result

    setattr(module, name, paused)
    try:
        yield
    finally:
        setattr(module, name, original)


def _sqlite_lock(exc: BaseException) -> bool:
    """SQLite's answer to two writers at once: 'database is locked' or, for the shared-cache
    in-memory test database, 'database table is locked'. PostgreSQL waits on the row lock."""
    return connection.vendor == "sqlite" and "locked" in str(exc)


@dataclass
class Outcome:
    result: object = None
    error: BaseException | None = None
    lock_retries: int = 0


def at_once(*calls: Callable[[], object], attempts: int = 200) -> list[Outcome]:
    """Run each call in its own thread, released together by a barrier.

    Each thread has its own connection (Django's connections are per thread) and closes it
    when done. On SQLite a writer that meets another one's lock gets an OperationalError
    at once instead of waiting; like a client told to try again, the thread then retries
    the call after a short random pause (the outcome is still decided by the database: the
    retry sees the other thread's committed change). PostgreSQL never takes this path.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(outcome: Outcome, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=60)
            for attempt in range(attempts):
                _attempt.first = attempt == 0
                try:
                    outcome.result = call()
                    return
                except OperationalError as exc:
                    if not _sqlite_lock(exc) or attempt == attempts - 1:
                        raise
                    outcome.lock_retries += 1
                    time.sleep(random.uniform(0.002, 0.03))
        except BaseException as exc:
            outcome.error = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(outcome, call), name=f"racer-{i}")
        for i, (outcome, call) in enumerate(zip(outcomes, calls, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a racing thread did not finish"
    return outcomes
