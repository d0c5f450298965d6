"""Cases at each stage, built through the services (not the API under test), and the people
around them: the applicant, another applicant, the staff, staff of another jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.inspections import ViolationInput
from tests.cases import factories
from tests.moments import central

MONDAY = central("2026-11-16 10:00")  # a Clayton case submitted now may be inspected Wednesday
WEDNESDAY = dt.date(2026, 11, 18)


@dataclass(frozen=True)
class People:
    owner: User  # the applicant of every case built here
    other: User  # another applicant
    clerk: User
    inspector: User  # assigned to the cases' inspections
    inspector_unassigned: User
    official: User
    clerk_elsewhere: User  # a clerk of St. Louis County

    def roles(self) -> dict[str, User | None]:
        """Every caller the permission tests try, anonymous last."""
        return {**self.__dict__, "anonymous": None}


def people(slug: str = "clayton-mo") -> People:
    crew = factories.staff(slug)
    return People(
        owner=factories.user("owner"),
        other=factories.user("other-applicant"),
        clerk=crew[Role.CLERK],
        inspector=crew[Role.INSPECTOR],
        inspector_unassigned=factories.user("inspector-2", Role.INSPECTOR, slug),
        official=crew[Role.CODE_OFFICIAL],
        clerk_elsewhere=factories.user("county-clerk", Role.CLERK, "st-louis-county-mo"),
    )


_parcels = iter(range(1, 10_000))


def submitted(
    who: People,
    slug: str = "clayton-mo",
    fee_item: str = "residential-occupancy",
    trigger: str = "lease",
) -> Application:
    """A case just submitted, nothing paid."""
    unit = factories.unit(slug, parcel=f"W-{next(_parcels)}")
    return applications.submit_application(
        actor=who.owner, unit=unit, fee_item=fee_item, trigger=trigger, now=MONDAY
    )


def scheduled(who: People) -> tuple[Application, Inspection]:
    """A Clayton case paid in full, its first inspection requested for Wednesday and assigned."""
    case = submitted(who)
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    inspection = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=WEDNESDAY,
        window="am",
        contact_name="O",
        contact_phone="1",
        now=MONDAY,
    )
    inspections.assign_inspector(
        actor=who.clerk, inspection=inspection, inspector=who.inspector, now=MONDAY
    )
    return case, inspection


def approved(who: People) -> Application:
    """A Clayton case that passed on Wednesday, with its one occupant named."""
    case, inspection = scheduled(who)
    on_wednesday = central("2026-11-18 10:00")
    inspections.record_inspection_result(
        actor=who.inspector, inspection=inspection, result="passed", now=on_wednesday
    )
    occupants.add_occupant(
        actor=who.owner,
        application=case,
        first_name="Ada",
        last_name="Tenant",
        age=34,
        relationship="head",
        now=on_wednesday,
    )
    return case


def issued(who: People) -> Permit:
    """The permit of an approved Clayton case, issued Wednesday."""
    case = approved(who)
    return permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))


def failed_in_the_village(who: People) -> Application:
    """A village case whose first inspection failed (where a conditional permit may follow)."""
    case = submitted(who, "village-ord-08-457", "occupancy-permit", "sale")
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    inspection = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=WEDNESDAY,
        window="am",
        contact_name="O",
        contact_phone="1",
        now=MONDAY,
    )
    inspections.assign_inspector(
        actor=who.clerk, inspection=inspection, inspector=who.inspector, now=MONDAY
    )
    inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=central("2026-11-18 10:00"),  # on the day it was booked for
        violations=[ViolationInput("PM 304.7", "Gutters detached")],
    )
    return case


def superuser() -> User:
    """Django's superuser, with no membership: the case service gives it nothing more."""
    return User.objects.create_superuser("root", "root@example.test", "x")
