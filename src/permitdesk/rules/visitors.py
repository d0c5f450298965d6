"""The visitor rule (Ord. No. 08-457 §1.F): who is a visitor, and when a visitor becomes an
occupant the owner must report and add to the permit.

A visitor lives in the residence for no more than `visitor_period` consecutive days, and only
`visiting_periods_per_year` such period is allowed for the same person in a calendar year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from permitdesk.law.pack import Pack


@dataclass(frozen=True)
class Stay:
    arrived: dt.date
    left: dt.date | None = None  # None: still there


@dataclass(frozen=True)
class VisitorStatus:
    is_visitor: bool
    notify_and_amend_permit: bool
    days_this_stay: int
    periods_this_year: int
    reason: str
    citation: str


def visitor_status(pack: Pack, stays: Sequence[Stay], on: dt.date) -> VisitorStatus:
    """Whether the person with these `stays` is still a visitor on `on`."""
    period = pack.count("visitor_period", on)
    allowed = pack.count("visiting_periods_per_year", on)
    citation = pack.cite(pack.term_version("visitor_period", on).citation)
    for stay in stays:
        if stay.left is not None and stay.left < stay.arrived:
            raise ValueError(f"a stay cannot end ({stay.left}) before it begins ({stay.arrived})")
    current = [s for s in stays if s.arrived <= on and (s.left is None or s.left >= on)]
    if not current:
        return VisitorStatus(
            False, False, 0, 0, "Not staying at the residence on this date.", citation
        )
    stay = max(current, key=lambda s: s.arrived)
    days = (on - stay.arrived).days + 1  # the day of arrival is the first day of the stay
    periods = sorted({s.arrived for s in stays if s.arrived.year == on.year and s.arrived <= on})
    if days > period:
        reason = (
            f"Day {days} of a stay: more than {period} consecutive days is no visit; the owner "
            "must notify the Building Commissioner and the permit must be amended."
        )
        return VisitorStatus(False, True, days, len(periods), reason, citation)
    if len(periods) > allowed:
        reason = (
            f"Visiting period {len(periods)} of {on.year}: only {allowed} is allowed in a calendar "
            "year before notice and a permit amendment."
        )
        return VisitorStatus(False, True, days, len(periods), reason, citation)
    reason = f"Day {days} of at most {period}: a visitor, who need not be on the permit."
    return VisitorStatus(True, False, days, len(periods), reason, citation)
