"""The date range of an export, read from a query string or a command line: `from` and `to`,
both ISO dates, both included, in the jurisdiction's own time zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import zone

# What an export may ask for (docs/input-ranges.md): nothing recorded is older than 2000, and
# the day after `to` must still be a date (9999-12-31 ran into OverflowError mid-stream).
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(9998, 12, 31)


class BadParameter(ValueError):
    """Input an export cannot use; the message names the parameter."""


@dataclass(frozen=True)
class DateRange:
    first: dt.date
    last: dt.date  # included

    def moments(self, pack: Pack) -> tuple[dt.datetime, dt.datetime]:
        """[start, end): local midnight of the first day to local midnight after the last."""
        tz = zone(pack)
        start = dt.datetime.combine(self.first, dt.time(0), tzinfo=tz)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
        return start, end


def _date(name: str, value: str | None) -> dt.date:
    if value is None or not value.strip():
        raise BadParameter(f"{name} is required: a date such as 2026-11-01")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadParameter(
            f"{name} '{value[:40]}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01"
        ) from None
    if not EARLIEST <= day <= LATEST:
        raise BadParameter(
            f"{name} {day.isoformat()} is out of range: it must be between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}"
        )
    return day


def date_range(first: str | None, last: str | None) -> DateRange:
    start, end = _date("from", first), _date("to", last)
    if end < start:
        raise BadParameter(
            f"to {end.isoformat()} is before from {start.isoformat()}: "
            "the range runs from the earlier date to the later"
        )
    return DateRange(start, end)
