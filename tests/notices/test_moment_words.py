"""How a moment is said in a letter or an e-mail (cases.messages.moment)."""

from __future__ import annotations

import datetime as dt

from permitdesk.cases.messages import moment
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import zone


def test_a_moment_is_said_by_the_jurisdictions_clock() -> None:
    pack = get_pack("clayton-mo")
    at = dt.datetime(2026, 11, 17, 16, 0, tzinfo=dt.UTC)  # 10:00 in Clayton (CST)
    assert moment(pack, at) == "Tuesday, November 17, 2026, 10:00 AM"


def test_midnight_is_said_as_the_start_of_the_day_not_12_00_am() -> None:
    # A processing time counted from a weekend ends at a business day's midnight.
    pack = get_pack("clayton-mo")
    at = dt.datetime(2026, 10, 14, 0, 0, tzinfo=zone(pack))
    assert moment(pack, at) == "the start of Wednesday, October 14, 2026"
    assert moment(pack, at + dt.timedelta(minutes=1)) == "Wednesday, October 14, 2026, 12:01 AM"
