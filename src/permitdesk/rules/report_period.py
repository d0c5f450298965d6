"""The period a clerk asks an export or a print run for: from and to, both included, in the
jurisdiction's own days. What is asked must be a period that has happened (no day after
today) and at most MAX_DAYS long. A check of the office's, not a rule of the law."""

from __future__ import annotations

import datetime as dt

# A year and a day (a leap year's 366 days): the longest period a report covers, a year's
# cases or payments for the annual accounts. It bounds one download: a year of letters is
# some thousands of PDF pages for a county, a year of CSV a few megabytes.
MAX_DAYS = 366


def problems(first: dt.date, last: dt.date, today: dt.date) -> dict[str, str]:
    """What is wrong with the period, by field ("from", "to"); empty when it may be asked."""
    found: dict[str, str] = {}
    if first > today:
        found["from"] = f"From {first.isoformat()} is after today, {today.isoformat()}."
    if last > today:
        found["to"] = (
            f"To {last.isoformat()} is after today, {today.isoformat()}: "
            "choose today or an earlier day."
        )
    if last < first:
        found["to"] = (
            f"To {last.isoformat()} is before From {first.isoformat()}: "
            "the period runs from the earlier day to the later."
        )
    elif (last - first).days + 1 > MAX_DAYS:
        found["to"] = (
            f"The period is {(last - first).days + 1} days; it may be at most {MAX_DAYS} days "
            "(a year): ask for it in parts."
        )
    return found
