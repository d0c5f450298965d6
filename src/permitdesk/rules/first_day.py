"""Why the first day an inspection can be booked for is that day, in words for the request
form, from the same rules the service applies (rules/calendar.earliest_inspection_day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from permitdesk.law.pack import Pack
from permitdesk.rules.calendar import (
    earliest_inspection_day,
    first_day_after,
    holiday_name,
    is_business_day,
    local,
    next_business_day,
    placed_on,
)


@dataclass(frozen=True)
class FirstDay:
    day: dt.date
    reasons: tuple[str, ...]
    citation: str | None


def _time(moment: dt.time) -> str:
    return dt.datetime.combine(dt.date(2000, 1, 1), moment).strftime("%-I:%M %p")


def first_day(pack: Pack, requested_at: dt.datetime, processed: dt.datetime | None) -> FirstDay:
    """The first day a request made at `requested_at` can be placed on, and why."""
    at = local(pack, requested_at, "requested_at")
    on = at.date()
    reasons: list[str] = []
    citation = None
    if pack.has_term("inspection_request_cutoff"):
        version = pack.term_version("inspection_request_cutoff", on)
        citation = pack.cite(version.citation)
        cutoff = dt.time.fromisoformat(pack.text("inspection_request_cutoff", on))
        reasons.append(
            f"Requests made before {_time(cutoff)} go on the schedule for the next business "
            "day; later ones, for the business day after."
        )
        if not is_business_day(pack, on):
            closed = holiday_name(pack, on) or f"a {on:%A}"
            reasons.append(
                f"Today is {closed}: a request made now is read the next business day morning."
            )
        placed = placed_on(pack, at)
    else:
        reasons.append("An inspection is booked from the next business day.")
        placed = next_business_day(pack, on)
    if processed is not None and first_day_after(pack, processed) > placed:
        ready = local(pack, processed, "processed_at")
        reasons.append(
            f"Your application is processed on {ready:%A, %B %-d at %-I:%M %p}; no "
            "inspection can be received before the business day after."
        )
    day = earliest_inspection_day(pack, requested_at, processed)
    reasons.append(f"So the first day offered is {day:%A, %B %-d}.")
    return FirstDay(day, tuple(reasons), citation)
