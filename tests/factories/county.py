"""St. Louis County's re-occupancy case of a house and the people around it (two clerks, an
inspector, a buyer), built through the services: for the tests of two calls at once and of
the sweep's naming deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.cases.services import applications, inspections, occupants, payments
from tests.factories.records import staff, unit, user
from tests.factories.steps import book
from tests.moments import central

SLUG = "st-louis-county-mo"


@dataclass(frozen=True)
class Crew:
    clerk: User
    second_clerk: User
    inspector: User
    applicant: User


def crew(slug: str = SLUG) -> Crew:
    members = staff(slug)
    tag = slug.split("-")[0]
    return Crew(
        clerk=members[Role.CLERK],
        second_clerk=user(f"{tag}-clerk-2", Role.CLERK, slug),
        inspector=members[Role.INSPECTOR],
        applicant=user(f"{tag}-buyer"),
    )


def submitted_case(people: Crew) -> Application:
    """A St. Louis County re-occupancy case for a house: $80 due."""
    home = unit(SLUG, "single-family", bedrooms=("140", "100"), owner=people.applicant)
    return applications.submit_application(
        actor=people.applicant,
        unit=home,
        fee_item="re-occupancy-permit",
        trigger="sale",
        now=central("2026-04-01 10:00"),
    )


def approved_case_with_occupants(people: Crew) -> Application:
    """The same case paid, inspected, passed and with its two occupants named: issuable."""
    case = submitted_case(people)
    now = central("2026-04-01 10:30")
    payments.record_payment(
        actor=people.clerk, application=case, method="check", amount=Decimal("80.00"), now=now
    )
    inspection = book(
        case,
        {Role.CLERK: people.clerk, Role.INSPECTOR: people.inspector},
        people.applicant,
        dt.date(2026, 4, 3),
        now,
        contact=("Bea Buyer", "314-555-0100"),
    )
    inspections.record_inspection_result(
        actor=people.inspector,
        inspection=inspection,
        result="passed",
        now=central("2026-04-03 10:30"),
    )
    for first, age, relationship in (("Bea", 41, "head of household"), ("Cal", 12, "son")):
        occupants.add_occupant(
            actor=people.applicant,
            application=case,
            first_name=first,
            last_name="Buyer",
            age=age,
            relationship=relationship,
            now=central("2026-04-03 12:00"),
        )
    case.refresh_from_db()
    assert case.status == Application.Status.APPROVED
    return case
