"""Cases with deadlines, built through the services (and, where a test needs what only
imported data holds, written directly), for the sweep to act on."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Permit, Visitor
from permitdesk.cases.services import occupants
from tests.factories import county, stages
from tests.factories.people import People, people
from tests.factories.records import unit, user
from tests.moments import central

# Clayton's cases (tests/factories/stages.py) pass on Wednesday 2026-11-18: the approval is valid
# through 2027-02-16 (90 days) and a permit issued that day ends on 2031-11-18 (five years).
CLAYTON_APPROVAL_LAST_DAY = dt.date(2027, 2, 16)
CLAYTON_PERMIT_LAST_DAY = dt.date(2031, 11, 18)
# The county's case (tests/factories/county.py) complies on 2026-04-03: names due 2026-08-01.
COUNTY_NAMES_DUE = dt.date(2026, 8, 1)


@dataclass(frozen=True)
class Deadlines:
    who: People
    clayton_approved: list[Application]
    clayton_permits: list[Permit]
    county_approved: Application


def world(approved: int = 1, issued: int = 1) -> Deadlines:
    """Clayton cases approved and issued on 2026-11-18, and a county case approved (with its
    occupants named) on 2026-04-03."""
    who = people()
    return Deadlines(
        who=who,
        clayton_approved=[stages.approved(who) for _ in range(approved)],
        clayton_permits=[stages.issued(who) for _ in range(issued)],
        county_approved=county.approved_case_with_occupants(county.crew()),
    )


def left_over_temporary_permit(permit: Permit) -> Permit:
    """A temporary permit still in force beside the certificate, as data imported from an
    earlier system can leave it (issue_permit itself ends them)."""
    return Permit.objects.create(
        application=permit.application,
        number=f"{permit.number}-T",
        kind=Permit.Kind.TEMPORARY,
        issued_at=permit.issued_at - dt.timedelta(days=20),
    )


def second_permit_in_force(permit: Permit) -> Permit:
    """An amended permit in force beside the standard one, with the same last day (imported
    data again; amend_permit itself supersedes the one in force): the case ends with the
    second of the two to end."""
    return Permit.objects.create(
        application=permit.application,
        number=f"{permit.number}-A",
        kind=Permit.Kind.AMENDED,
        issued_at=permit.issued_at + dt.timedelta(days=1),
        ends_on=permit.ends_on,
    )


def village_visitor(who: People, name: str, arrived_on: dt.date) -> Visitor:
    """A visitor at a village house, on a case whose permit is issued; recorded on the day
    they arrive (at the earliest when the case is made), as rules.bounds allows."""
    case = stages.submitted(who, "village-ord-08-457", "occupancy-permit", "sale")
    recorded = max(stages.MONDAY, central(f"{arrived_on.isoformat()} 12:00"))
    return occupants.add_visitor(
        actor=who.owner, application=case, name=name, arrived_on=arrived_on, now=recorded
    )


_reports = itertools.count(1)


def change_report(changed_on: dt.date, reported: str) -> ChangeOfOccupancyReport:
    """The village's report of a change on `changed_on`, made at `reported` (local time)."""
    n = next(_reports)
    clerk = user(f"reporter-{n}", Role.CLERK, "village-ord-08-457")
    house = unit("village-ord-08-457", parcel=f"R-{n}")
    return occupants.report_change_of_occupancy(
        actor=clerk, unit=house, changed_on=changed_on, now=central(reported)
    )
