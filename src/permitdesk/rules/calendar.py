"""Business days, cut-offs and processing time, in the jurisdiction's own time zone.

Every function takes the moment it reasons about as an argument; none reads the clock.
Moments must be timezone-aware: a naive datetime is refused, since "4:00 PM" means nothing
without a zone.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

from permitdesk.law.pack import Pack

ONE_DAY = dt.timedelta(days=1)


class NaiveTime(ValueError):
    """A datetime without a time zone."""


def zone(pack: Pack) -> ZoneInfo:
    return _zone(pack.jurisdiction.time_zone)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local(pack: Pack, moment: dt.datetime, name: str = "now") -> dt.datetime:
    """`moment` in the jurisdiction's zone; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveTime(f"{name} must include a time zone offset, e.g. 2026-11-23T15:30:00-06:00")
    return moment.astimezone(zone(pack))


@lru_cache(maxsize=256)
def given_moment(
    text: str, *, option: str, example: str, error: type[ValueError] = ValueError
) -> dt.datetime:
    """A moment a person typed (`option`, e.g. --now): an ISO date and time with its offset;
    `error` (the caller's kind of bad input) says what is allowed, with `example`."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise error(
            f"{option} must be a date and time with offset, e.g. {example}, not {text!r}"
        ) from None
    if moment.tzinfo is None:
        raise error(f"{option} must include a time zone offset, e.g. {example}")
    return moment


def _holidays(state: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("US", subdiv=state, years=year)


def holiday_name(pack: Pack, day: dt.date) -> str | None:
    """The state's public holiday on `day`, if any (the `holidays` package's calendar)."""
    name = _holidays(pack.jurisdiction.state, day.year).get(day)
    return str(name) if name else None


def is_business_day(pack: Pack, day: dt.date) -> bool:
    return day.weekday() < 5 and holiday_name(pack, day) is None


def next_business_day(pack: Pack, day: dt.date) -> dt.date:
    """The first business day strictly after `day`."""
    day += ONE_DAY
    while not is_business_day(pack, day):
        day += ONE_DAY
    return day


def business_day_on_or_after(pack: Pack, day: dt.date) -> dt.date:
    return day if is_business_day(pack, day) else next_business_day(pack, day)


def _at(pack: Pack, day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=zone(pack))


def add_hours(pack: Pack, start: dt.datetime, hours: int, counting: str) -> dt.datetime:
    """`start` + `hours`, counted as `counting` says.

    clock-hours: elapsed time (so a 24-hour period across a daylight-saving change ends an hour
    earlier or later on the wall clock). business-hours: hours run only on business days, whole
    days at a time; a start on a closed day starts counting at the next business day's midnight.
    """
    begin = local(pack, start, "start")
    if counting == "clock-hours":
        return (begin.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(zone(pack))
    if counting != "business-hours":
        raise ValueError(f"unknown way of counting hours: {counting!r}")
    cursor = begin.replace(tzinfo=None)  # wall-clock arithmetic within business days
    if not is_business_day(pack, cursor.date()):
        cursor = dt.datetime.combine(business_day_on_or_after(pack, cursor.date()), dt.time())
    remaining = dt.timedelta(hours=hours)
    while True:
        day_end = dt.datetime.combine(cursor.date() + ONE_DAY, dt.time())
        if remaining <= day_end - cursor:
            return (cursor + remaining).replace(tzinfo=zone(pack))
        remaining -= day_end - cursor
        cursor = dt.datetime.combine(next_business_day(pack, cursor.date()), dt.time())


def processed_at(pack: Pack, submitted_at: dt.datetime, on: dt.date) -> dt.datetime:
    """When an application submitted at `submitted_at` has had its processing time."""
    hours = pack.count("processing_time", on)
    counting = pack.text("processing_counts", on) if pack.has_term("processing_counts") else None
    return add_hours(pack, submitted_at, hours, counting or "clock-hours")


def first_inspection_day(
    pack: Pack, requested_at: dt.datetime, processed: dt.datetime | None = None
) -> dt.date:
    """The first day an inspection requested at `requested_at` can be placed on.

    A request before the cut-off goes on the next business day; at or after it, the business
    day after that. No inspection before the application is processed: the pack's
    `cutoff_read_at` says how the two meet. `request` (Clayton): the cut-off is read at the
    request, and the inspection day must begin after processing has ended. `end-of-processing`:
    a request counts only once the application is processed, and the cut-off is read then.
    """
    moment = local(pack, requested_at, "requested_at")
    on = moment.date()
    reading = pack.text("cutoff_read_at", on) if pack.has_term("cutoff_read_at") else "request"
    if reading not in ("request", "end-of-processing"):
        raise ValueError(f"unknown cutoff_read_at reading {reading!r}")
    if processed is not None and reading == "end-of-processing":
        moment = max(moment, local(pack, processed, "processed_at"))
    day = placed_on(pack, moment)
    if processed is not None and reading == "request":
        day = max(day, first_day_after(pack, processed))
    return day


def placed_on(pack: Pack, moment: dt.datetime) -> dt.date:
    """The day the cut-off places a request made at `moment` on."""
    on = moment.date()
    cutoff = dt.time.fromisoformat(pack.text("inspection_request_cutoff", on))
    if not is_business_day(pack, on):
        rule = pack.term("requests_on_closed_days", on)
        if rule != "next-business-day-opening":
            raise ValueError(f"unknown requests_on_closed_days rule {rule!r}")
        moment = _at(pack, next_business_day(pack, on), dt.time())
    day = next_business_day(pack, moment.date())
    if moment.time() >= cutoff:
        day = next_business_day(pack, day)
    return day


def first_day_after(pack: Pack, moment: dt.datetime) -> dt.date:
    """The first business day that begins at or after `moment` (an inspection day must not
    begin before the application is processed)."""
    at = local(pack, moment, "processed_at")
    day = at.date() if at.time() == dt.time() else at.date() + ONE_DAY
    return business_day_on_or_after(pack, day)


def earliest_inspection_day(
    pack: Pack, requested_at: dt.datetime, processed: dt.datetime | None
) -> dt.date:
    """The first day an inspection requested at `requested_at` may be booked for, in the
    service and on the portal alike: where the pack has a cut-off, the day it allows; elsewhere
    the next business day, and not before a business day beginning after processing.

    Without a cut-off in the documents, a booking is for the next business day at the
    earliest: our choice, so the inspector has the day's list the evening before.
    """
    if pack.has_term("inspection_request_cutoff"):
        return first_inspection_day(pack, requested_at, processed)
    day = next_business_day(pack, local(pack, requested_at, "requested_at").date())
    if processed is not None:
        day = max(day, first_day_after(pack, processed))
    return day
