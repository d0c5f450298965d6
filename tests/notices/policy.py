"""The e-mail worker's numbers in the tests, and when they queue and send (their cases:
tests/factories/paperwork.py)."""

from __future__ import annotations

import datetime as dt

from permitdesk.notices.outbox import Policy
from tests.moments import central

T0 = central("2026-11-18 12:00")  # when the worker tests queue and send
POLICY = Policy(  # the worker's numbers in the tests: four attempts, a minute's first wait
    max_attempts=4,
    retry=dt.timedelta(seconds=60),
    retry_max=dt.timedelta(minutes=10),
    lease=dt.timedelta(minutes=5),
)
