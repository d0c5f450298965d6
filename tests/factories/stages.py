"""Cases at each stage of their life, built through the real services (never by writing a
status), for the tests of what comes next. Clayton's unless named otherwise: submitted on a
Monday, $80 due, inspected the Wednesday after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.cases.services.permit_endings import end_permit
from tests.factories.people import People
from tests.factories.records import unit
from tests.factories.steps import request
from tests.moments import central

MONDAY = central("2026-11-16 10:00")  # a Clayton case submitted now may be inspected Wednesday
WEDNESDAY = dt.date(2026, 11, 18)
ON_WEDNESDAY = central("2026-11-18 10:00")
VILLAGE = "village-ord-08-457"

_parcels = iter(range(1, 10_000))


def submitted(
    who: People,
    slug: str = "clayton-mo",
    fee_item: str = "residential-occupancy",
    trigger: str = "lease",
) -> Application:
    """A case just submitted, nothing paid."""
    home = unit(slug, parcel=f"W-{next(_parcels)}", owner=who.owner)
    return applications.submit_application(
        actor=who.owner, unit=home, fee_item=fee_item, trigger=trigger, now=MONDAY
    )


def paid(who: People, case: Application | None = None) -> Application:
    """A Clayton case (or `case`) with its $80 paid by check at the counter."""
    case = case or submitted(who)
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    return case


def requested(who: People, case: Application | None = None) -> tuple[Application, Inspection]:
    """A paid case whose first inspection is requested for Wednesday, no inspector yet."""
    case = paid(who, case)
    return case, request(case, who.owner, WEDNESDAY, MONDAY)


def scheduled(who: People, case: Application | None = None) -> tuple[Application, Inspection]:
    """A Clayton case paid in full, its first inspection requested for Wednesday and assigned."""
    case, inspection = requested(who, case)
    inspections.assign_inspector(
        actor=who.clerk, inspection=inspection, inspector=who.inspector, now=MONDAY
    )
    return case, inspection


def failed(who: People, case: Application | None = None) -> tuple[Application, Inspection]:
    """A case whose first inspection failed on Wednesday, one violation noted."""
    case, inspection = scheduled(who, case)
    inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=ON_WEDNESDAY,  # on the day it was booked for
        violations=[ViolationInput("PM 304.7", "Gutters detached")],
    )
    return case, inspection


def approved(who: People) -> Application:
    """A Clayton case that passed on Wednesday, with its one occupant named."""
    case, inspection = scheduled(who)
    inspections.record_inspection_result(
        actor=who.inspector, inspection=inspection, result="passed", now=ON_WEDNESDAY
    )
    occupants.add_occupant(
        actor=who.owner,
        application=case,
        first_name="Ada",
        last_name="Tenant",
        age=34,
        relationship="head",
        now=ON_WEDNESDAY,
    )
    return case


def issued(who: People) -> Permit:
    """The permit of an approved Clayton case, issued Wednesday."""
    case = approved(who)
    return permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))


def ended(who: People) -> Permit:
    """A Clayton permit issued Wednesday and ended Thursday on a change of tenancy."""
    permit = issued(who)
    return end_permit(
        actor=who.clerk,
        permit=permit,
        reason="change-of-tenancy",
        now=central("2026-11-19 10:00"),
    )


def withdrawn(who: People) -> Application:
    """A Clayton case its applicant withdrew the day it was submitted."""
    return applications.withdraw_application(
        actor=who.owner, application=submitted(who), now=MONDAY
    )


def failed_in_the_village(who: People) -> Application:
    """A village case whose first inspection failed (where a conditional permit may follow);
    `who` are the village's people."""
    case, _ = failed(who, submitted(who, VILLAGE, "occupancy-permit", "sale"))
    return case


def conditional_in_the_village(who: People) -> Permit:
    """The village's conditional permit of a failed case, corrections due in a month."""
    return permits.issue_conditional_permit(
        actor=who.official,
        application=failed_in_the_village(who),
        owner_statement="I will reattach the gutters by December 18.",
        correction_due_on=dt.date(2026, 12, 18),
        now=ON_WEDNESDAY,
    )
