"""The sweep's command line, shared by `permitdesk sweep` and `manage.py sweep`: the options
(permitdesk.sweeps.arguments) checked, the run, and its report."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Protocol

from django.db import DatabaseError

from permitdesk.law.loader import pack_slugs
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import given_moment
from permitdesk.sweeps.run import report, run_sweep

BAD_INPUT = 2


class Stream(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool: ...


class SweepUsageError(ValueError):
    """Input the sweep cannot use; the message says what is allowed."""


def parse_now(text: str | None, clock: Callable[[], dt.datetime]) -> dt.datetime:
    if text is None:
        return clock()
    example = "2026-11-20T06:00-06:00"
    return given_moment(text, option="--now", example=example, error=SweepUsageError)


def check_jurisdiction(slug: str | None) -> None:
    if slug is None:
        return
    if slug not in pack_slugs():
        raise SweepUsageError(f"--jurisdiction {slug!r} is not one of: {', '.join(pack_slugs())}")
    if not Jurisdiction.objects.filter(slug=slug).exists():
        raise SweepUsageError(
            f"jurisdiction {slug} has no row in this database (run: manage.py load_jurisdictions)"
        )


def execute(
    options: argparse.Namespace,
    *,
    stdout: Stream,
    stderr: Stream,
    clock: Callable[[], dt.datetime],
) -> int:
    """Run the sweep the options ask for; print what it did. 0 done, 2 bad input, 1 failed."""
    try:
        now = parse_now(options.now, clock)
        if options.batch_size < 1:
            raise SweepUsageError(f"--batch-size must be at least 1, not {options.batch_size}")
        check_jurisdiction(options.jurisdiction)
    except SweepUsageError as error:
        stderr.write(f"sweep: {error}\n")
        return BAD_INPUT
    except DatabaseError as error:
        stderr.write(f"sweep: the database is not ready ({error}); run manage.py migrate\n")
        return 1
    show = options.progress or stderr.isatty()
    try:
        result = run_sweep(
            now=now,
            jurisdiction=options.jurisdiction,
            batch_size=options.batch_size,
            progress=stderr if show else None,
        )
    except DatabaseError as error:
        stderr.write(
            f"\nsweep: stopped by the database ({error}); the batches it committed stay, "
            "and the next run does the rest (run manage.py migrate if tables are missing)\n"
        )
        return 1
    scope = [options.jurisdiction] if options.jurisdiction else ["all jurisdictions"]
    stdout.write(report(result, scope) + "\n")
    return 0
