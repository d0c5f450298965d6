"""Cases whose documents the tests read back, one or more per jurisdiction, built through the
services on top of tests/api/factories.py (the people and the Clayton and village stages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.services import inspections, occupants, payments, permits
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.factories import pass_inspection
from tests.moments import central

# Clayton names each tenant, children and unrelated residents included; a name from outside
# Latin-1 shows the PDF does not crash on it.
CLAYTON_HOUSEHOLD = (
    ("Ben", "Tenant", 6, "son"),
    ("Zoë", "Łukasz 李", 29, "unrelated resident"),
)
VILLAGE_HOUSEHOLD = (
    ("Dana", "Buyer", 41, "head of household"),
    ("Eli", "Buyer", 12, "son"),
)  # the unit's two bedrooms (120 and 100 sq ft) hold two at 70 sq ft each


def crew(who: factories.People) -> dict[str, object]:
    return {"clerk": who.clerk, "inspector": who.inspector, "code-official": who.official}


def _name(
    case: Application,
    household: tuple[tuple[str, str, int, str], ...],
    now: dt.datetime,
    who: factories.People,
) -> None:
    for first, last, age, relationship in household:
        occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name=first,
            last_name=last,
            age=age,
            relationship=relationship,
            now=now,
        )


def clayton_permit(who: factories.People) -> Permit:
    """Issued Wednesday 2026-11-18 11:00 for Ada Tenant, her son and an unrelated resident."""
    case = factories.approved(who)
    _name(case, CLAYTON_HOUSEHOLD, central("2026-11-18 10:30"), who)
    return permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))


def clayton_failed(who: factories.People) -> Inspection:
    """Clayton's first inspection, failed on 2026-11-18 at 9:30 with two violations."""
    _, inspection = factories.scheduled(who)
    return inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=[
            ViolationInput("IPMC 704.2", "No smoke alarm in bedroom 2", "Install a smoke alarm"),
            ViolationInput("IPMC 305.3", "Peeling paint in the stairwell"),
        ],
    )


def village_conditional(who: factories.People) -> tuple[Inspection, Permit]:
    """The village case failed on 2026-11-16; a conditional permit to correct by 2026-12-31."""
    case = factories.failed_in_the_village(who)
    failed = case.inspections.get(number=1)
    permit = permits.issue_conditional_permit(
        actor=who.official,
        application=case,
        owner_statement="I will re-hang the gutters",
        correction_due_on=dt.date(2026, 12, 31),
        now=central("2026-11-17 09:00"),
    )
    return failed, permit


def village_permit(who: factories.People) -> Permit:
    """A village permit listing two occupants with ages and relationships (§1.C)."""
    case = factories.submitted(who, "village-ord-08-457", "occupancy-permit", "sale")
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    pass_inspection(
        case,
        requester=who.owner,
        crew=crew(who),  # type: ignore[arg-type]
        wanted_on=factories.WEDNESDAY,
        requested_at=factories.MONDAY,
        passed_at=central("2026-11-18 10:00"),
    )
    _name(case, VILLAGE_HOUSEHOLD, central("2026-11-18 10:30"), who)
    return permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))


def st_louis_permit(who: factories.People) -> Permit:
    case = factories.submitted(who, "st-louis-county-mo", "re-occupancy-permit", "sale")
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    pass_inspection(
        case,
        requester=who.owner,
        crew=crew(who),  # type: ignore[arg-type]
        wanted_on=factories.WEDNESDAY,
        requested_at=factories.MONDAY,
        passed_at=central("2026-11-18 10:00"),
    )
    _name(case, (("Gus", "Purchaser", 50, "head"),), central("2026-11-18 10:30"), who)
    return permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 11:00"))


def st_clair_permits(who: factories.People) -> tuple[Permit, Permit]:
    """St. Clair's temporary permit, then the certificate on a lease that ends it."""
    case = factories.submitted(who, "st-clair-county-il", "occupancy-inspection", "lease")
    temporary = permits.issue_temporary_permit(
        actor=who.official, application=case, now=factories.MONDAY
    )
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="cash",
        amount=Decimal("125.00"),
        now=factories.MONDAY,
    )
    pass_inspection(
        case,
        requester=who.owner,
        crew=crew(who),  # type: ignore[arg-type]
        wanted_on=factories.WEDNESDAY,
        requested_at=factories.MONDAY,
        passed_at=central("2026-11-18 10:00"),
    )
    _name(case, (("Hal", "Renter", 30, "head"),), central("2026-11-18 10:30"), who)
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="cash",
        amount=Decimal("35.00"),
        now=central("2026-11-18 10:40"),
    )
    permit = permits.issue_permit(
        actor=who.clerk, application=case, now=central("2026-11-18 11:00"), evidence="lease"
    )
    temporary.refresh_from_db()
    return temporary, permit
