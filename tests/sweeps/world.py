"""Cases with deadlines, built through the services, for the sweep to act on; and the whole
state a sweep changes, to compare two runs."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from typing import Any

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Permit, Visitor
from permitdesk.cases.services import occupants
from permitdesk.sweeps.models import Flag
from tests import factories
from tests.concurrency import cases as county
from tests.moments import central

# Clayton's cases (tests.factories) pass on Wednesday 2026-11-18: the approval is valid
# through 2027-02-16 (90 days) and a permit issued that day ends on 2031-11-18 (five years).
CLAYTON_APPROVAL_LAST_DAY = dt.date(2027, 2, 16)
CLAYTON_PERMIT_LAST_DAY = dt.date(2031, 11, 18)
# The county's case (tests.concurrency.cases) complies on 2026-04-03: names due 2026-08-01.
COUNTY_NAMES_DUE = dt.date(2026, 8, 1)


@dataclass(frozen=True)
class Deadlines:
    who: factories.People
    clayton_approved: list[Application]
    clayton_permits: list[Permit]
    county_approved: Application


def deadlines(approved: int = 1, issued: int = 1) -> Deadlines:
    """Clayton cases approved and issued on 2026-11-18, and a county case approved (with its
    occupants named) on 2026-04-03."""
    who = factories.people()
    return Deadlines(
        who=who,
        clayton_approved=[factories.approved(who) for _ in range(approved)],
        clayton_permits=[factories.issued(who) for _ in range(issued)],
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


def village_visitor(who: factories.People, name: str, arrived_on: dt.date) -> Visitor:
    """A visitor at a village house, on a case whose permit is issued; recorded on the day
    they arrive (at the earliest when the case is made), as rules.bounds allows."""
    case = factories.submitted(who, "village-ord-08-457", "occupancy-permit", "sale")
    recorded = max(factories.MONDAY, central(f"{arrived_on.isoformat()} 12:00"))
    return occupants.add_visitor(
        actor=who.owner, application=case, name=name, arrived_on=arrived_on, now=recorded
    )


_reports = itertools.count(1)


def change_report(changed_on: dt.date, reported: str) -> ChangeOfOccupancyReport:
    """The village's report of a change on `changed_on`, made at `reported` (local time)."""
    n = next(_reports)
    clerk = factories.user(f"reporter-{n}", Role.CLERK, "village-ord-08-457")
    house = factories.unit("village-ord-08-457", parcel=f"R-{n}")
    return occupants.report_change_of_occupancy(
        actor=clerk, unit=house, changed_on=changed_on, now=central(reported)
    )


def _flag_name(pk: int) -> str:
    flag = Flag.objects.get(pk=pk)
    return f"{flag.kind} {flag.object_type} {flag.object_id}"


def state() -> dict[str, list[Any]]:
    """Everything a sweep may change, without the ids a database sequence hands out (a run
    rolled back on PostgreSQL has used some up)."""
    events = [
        (
            e.action,
            e.object_type,
            _flag_name(int(e.object_id)) if e.object_type == "Flag" else e.object_id,
            e.application_id,
            e.jurisdiction_slug,
            e.at.isoformat(),
            json.dumps(e.before, sort_keys=True),
            json.dumps(e.after, sort_keys=True),
        )
        for e in AuditEvent.objects.all()
    ]
    return {
        "applications": sorted(Application.objects.values_list("pk", "status")),
        "permits": sorted(
            (p, str(at), reason)
            for p, at, reason in Permit.objects.values_list("pk", "ended_at", "end_reason")
        ),
        "flags": sorted(
            (k, t, o, str(at), str(due), detail)
            for k, t, o, at, due, detail in Flag.objects.values_list(
                "kind", "object_type", "object_id", "raised_at", "due_on", "detail"
            )
        ),
        "outbox": sorted(OutboxMessage.objects.values_list("key", "to", "subject", "body")),
        "audit": sorted(events),
    }
