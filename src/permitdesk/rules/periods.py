"""Periods of days and years, counted the way the jurisdiction's pack says."""

from __future__ import annotations

import datetime as dt

from permitdesk.law.pack import Pack


def add_years(start: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; February 29 becomes February 28."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def add_period(pack: Pack, start: dt.date, amount: int, unit: str, on: dt.date) -> dt.date:
    """The last day of a period of `amount` `unit` (days or years) that begins on `start`.

    With the pack's `deadline_day_counting` of exclude-start (the usual legal reckoning), the
    start day is not counted: 90 days from June 1 ends on August 30. With include-start, the
    start day is day one and the same period ends on August 29.
    """
    counting = pack.text("deadline_day_counting", on)
    if unit == "years":
        end = add_years(start, amount)
    elif unit == "days":
        end = start + dt.timedelta(days=amount)
    else:
        raise ValueError(f"a period is in days or years, not {unit!r}")
    if counting == "include-start":
        return end - dt.timedelta(days=1)
    if counting != "exclude-start":
        raise ValueError(f"unknown deadline_day_counting {counting!r}")
    return end


def days_before(end: dt.date, days: int) -> dt.date:
    """The last day to act when something must happen at least `days` before `end`."""
    return end - dt.timedelta(days=days)
