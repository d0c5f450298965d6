"""occupants.report_change_of_occupancy: the village's report of a new occupancy of a unit."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import ChangeOfOccupancyReport
from permitdesk.cases.services import occupants
from permitdesk.records.models import Unit
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def report(
    actor: User, unit: Unit, changed_on: dt.date = dt.date(2026, 11, 2)
) -> ChangeOfOccupancyReport:
    return occupants.report_change_of_occupancy(
        actor=actor, unit=unit, changed_on=changed_on, now=factories.MONDAY
    )


def village_unit(who: factories.People) -> Unit:
    """A village unit the applicant applied for (which makes it theirs to report on)."""
    return factories.submitted(who, factories.VILLAGE, "occupancy-permit", "sale").unit


REFUSALS = [
    pytest.param(
        lambda who: partial(report, who.owner, factories.submitted(who).unit),
        "not-offered",
        "asks for no change-of-occupancy report",
        id="a Clayton unit",
    ),
    pytest.param(
        lambda who: partial(report, who.other, village_unit(who)),
        "not-found",
        "not found",
        id="someone with no tie to the unit",
    ),
    pytest.param(
        lambda who: partial(
            report,
            factories.user("village-insp", Role.INSPECTOR, factories.VILLAGE),
            village_unit(who),
        ),
        "forbidden",
        "inspectors do not record properties, units or changes of occupancy",
        id="an inspector of the village",
    ),
    pytest.param(
        lambda who: partial(report, who.owner, village_unit(who), dt.date(2022, 1, 1)),
        "out-of-range",
        "changed_on 2022-01-01 is out of range",
        id="a change more than three years back",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_report_writes_one_audit_event(who: factories.People) -> None:
    unit = village_unit(who)
    with writes_one_event("report-change-of-occupancy") as written:
        made = report(who.owner, unit, dt.date(2026, 10, 1))
    assert written.event.jurisdiction_slug == factories.VILLAGE
    assert written.event.after == {
        "changed_on": "2026-10-01",
        "due_on": made.due_on.isoformat(),
        "late": made.late,
    }
    assert made.late  # reported 46 days after the change: the 30 days had passed


def test_a_change_of_occupancy_report_after_30_days_is_recorded_as_late() -> None:
    # the village's clerk reports for the owner (the owner of a property they recorded may too)
    owner = factories.user("village-clerk", Role.CLERK, "village-ord-08-457")
    house = factories.unit("village-ord-08-457", "single-family")
    on_time = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 10:00")
    )
    late = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-04-01 10:00")
    )
    assert (on_time.due_on, on_time.late, late.late) == (dt.date(2026, 3, 31), False, True)
    # 8:30 PM on the last day is 01:30 the next day in UTC: still on time, the village's day.
    evening = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 20:30")
    )
    assert (evening.reported_at.astimezone(dt.UTC).date(), evening.late) == (
        dt.date(2026, 4, 1),
        False,
    )
    clayton_clerk = factories.user("clayton-clerk", Role.CLERK, "clayton-mo")
    with pytest.raises(Refused, match="asks for no change-of-occupancy report"):
        occupants.report_change_of_occupancy(
            actor=clayton_clerk,
            unit=factories.unit("clayton-mo", parcel="P-9"),
            changed_on=dt.date(2026, 3, 1),
            now=central("2026-03-02 10:00"),
        )
