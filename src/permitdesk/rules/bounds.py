"""How far from today a date a person types may lie. These are sanity bounds, not law: no
ordinance sets them, so they are constants here rather than pack values, chosen wide enough
for every real case and narrow enough that a slip of the keyboard (9999-12-31, 0001-01-01) is
refused with a message instead of being stored. docs/input-ranges.md lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from permitdesk.rules.lifecycle import Refused


class OutOfRange(Refused):
    """A date outside its range; `field` names the input, as the API and the forms show it."""

    field: str

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason, code="out-of-range", field=field)


@dataclass(frozen=True)
class Range:
    """From `back` days before today to `ahead` days after it, both included."""

    back: int
    ahead: int

    def check(self, field: str, value: dt.date, today: dt.date) -> None:
        earliest = today - dt.timedelta(days=self.back)
        latest = today + dt.timedelta(days=self.ahead)
        if not earliest <= value <= latest:
            raise OutOfRange(
                field,
                f"{field} {value.isoformat()} is out of range: it must be between "
                f"{earliest.isoformat()} and {latest.isoformat()}",
            )


YEAR = 366
# An inspection is booked for today or a day within a year (the rules refuse a past day).
INSPECTION_BOOKING = Range(back=0, ahead=YEAR)
# A visitor's arrival is recorded up to three years after the fact (the village counts a
# visitor's periods per calendar year), or up to a year ahead for a stay already planned.
VISITOR_ARRIVAL = Range(back=3 * YEAR, ahead=YEAR)
# A conditional permit's correction date: after today (the service says so), within a year.
CORRECTION_DUE = Range(back=0, ahead=YEAR)
# A change of occupancy: the village asks for a report within 30 days, and a late one is still
# recorded (and flagged); three years back covers a late report, a year ahead a planned sale.
CHANGE_OF_OCCUPANCY = Range(back=3 * YEAR, ahead=YEAR)
# An occupant's move-in day (Clayton's "tenant names and/or occupancy date"): named before the
# move, up to a year ahead, or after it, up to a year back (a household named late).
MOVE_IN = Range(back=YEAR, ahead=YEAR)
# A written disclosure is recorded after it was handed over: up to three years back, not ahead.
DISCLOSURE_RECEIVED = Range(back=3 * YEAR, ahead=0)
# Clayton's prior-to-sale notice names a disposal still to come, up to three years ahead.
PLANNED_DISPOSAL = Range(back=0, ahead=3 * YEAR)
