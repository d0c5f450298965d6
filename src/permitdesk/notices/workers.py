"""Several outbox workers at once: `send_outbox --workers N`.

Each worker is a process of its own (forked from the command), with its own database
connection, its own SMTP connection and its own rendered documents: a worker spends its time
in Python (building each MIME message, the SMTP client, the ORM), which threads would share
one core for under the GIL, and in waiting on the database and the SMTP server, which the
other workers fill. They share the outbox through its claims (permitdesk.notices.claims): on
PostgreSQL each batch is picked with SKIP LOCKED, so workers take different rows and no
message is sent by two. SQLite lets one writer in at a time and cannot be shared by processes
that fork from a test's in-memory database: there, one worker.

A pass forks the workers, each drains what is due (its share of `limit`, if given), and the
pass ends when all have; a SIGTERM or SIGINT lets each finish the batch in hand.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from types import FrameType

from django.db import connection, connections

from permitdesk.law.loader import all_packs
from permitdesk.notices.outbox import Pass, deliver_due

_stopping = False
# A worker's connections inherited from the command, set aside unused and unclosed: see
# _set_aside_inherited_connections.
_inherited: list[object] = []


class NotParallel(ValueError):
    """The database cannot take several workers; the message names the option."""


def shares(limit: int | None, workers: int) -> list[int | None]:
    """Each worker's part of `limit` (no part of nothing); None for no limit."""
    if limit is None:
        return [None] * workers
    parts = [limit // workers + (1 if n < limit % workers else 0) for n in range(workers)]
    return [part for part in parts if part > 0]


def _stop(signum: int, frame: FrameType | None) -> None:
    global _stopping
    _stopping = True


def _set_aside_inherited_connections() -> None:
    """In each forked worker, first: any database connection the command still had open is
    set aside, so the worker opens its own. The command closes its connections before it
    forks, but Django keeps them per thread, and per asyncio context where a loop is running
    in the thread (asgiref's Local): one the command could not see from where it stood (a
    library running an event loop in the same thread, as Playwright's sync API does) would
    otherwise reach every worker, which would then talk over one socket at once. Set aside,
    not closed: closing it would end the command's session on the server. Kept referenced,
    so it is never finalized here (a worker leaves by os._exit)."""
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _inherited.append(conn.connection)
            conn.connection = None  # the next query connects afresh (connect() resets state)


def _worker(limit: int | None) -> Pass:
    """One forked worker's pass: its own connections, closed before it exits."""
    before = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return deliver_due(limit=limit, keep_going=lambda: not _stopping)
    finally:
        connections.close_all()
        for sig, handler in before.items():
            signal.signal(sig, handler)


def check_parallel(workers: int) -> None:
    if workers < 1:
        raise NotParallel(f"--workers must be at least 1, not {workers}")
    if workers > 1 and connection.vendor == "sqlite":
        raise NotParallel(
            f"--workers {workers} needs PostgreSQL: SQLite lets one writer in at a time, "
            "so run one worker"
        )


def run_workers(
    workers: int, *, limit: int | None = None, keep_going: Callable[[], bool] | None = None
) -> list[Pass]:
    """One pass of `workers` workers at once; what each did. One worker runs in this process."""
    check_parallel(workers)
    if workers == 1:
        return [deliver_due(limit=limit, keep_going=keep_going)]
    if connection.in_atomic_block:
        raise RuntimeError("workers are forked; start them outside a transaction")
    # The documents read the jurisdictions' packs (YAML, a fraction of a second each to parse):
    # parsed once here, every worker inherits them instead of parsing them again each pass.
    list(all_packs())
    # A forked child must never use the parent's database socket: close it, each opens its own.
    connections.close_all()
    parts = shares(limit, workers)
    pool = multiprocessing.get_context("fork").Pool(
        len(parts), initializer=_set_aside_inherited_connections
    )
    try:
        return pool.map(_worker, parts, chunksize=1)
    finally:
        pool.close()  # each worker leaves when it has done its part (no SIGTERM to them)
        pool.join()
