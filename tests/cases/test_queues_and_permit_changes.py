"""The clerk's queues, amended permits and lapsed approvals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.selectors.queues import clerk_queue
from permitdesk.cases.services import (
    applications,
    approvals,
    inspections,
    occupants,
    payments,
    permits,
)
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import pass_inspection
from tests.moments import central

pytestmark = pytest.mark.django_db
NOW = central("2026-03-02 10:00")
AFTER = central("2026-03-05 10:00")  # the day after the inspection passed


def approved_case(slug: str, crew: dict[str, User], parcel: str, fee_item: str) -> Application:
    owner = factories.user(f"owner-{parcel}")
    home = factories.unit(slug, "single-family", parcel=parcel, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=home, fee_item=fee_item, trigger="lease", now=NOW
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=balance_due(case), now=NOW
    )
    pass_inspection(
        case,
        requester=owner,
        crew=crew,
        wanted_on=dt.date(2026, 3, 4),
        requested_at=NOW,
        passed_at=central("2026-03-04 10:00"),
    )
    case.refresh_from_db()
    return case


def test_each_queue_holds_the_cases_in_its_state(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    slug = "st-louis-county-mo"
    crew = factories.staff(slug)
    owner = factories.user("queue-owner")
    fresh = applications.submit_application(
        actor=owner,
        unit=factories.unit(slug, "condo", 5, parcel="A", owner=owner),
        fee_item="re-occupancy-permit",
        trigger="sale",
        now=NOW,
    )
    paid = applications.submit_application(
        actor=owner,
        unit=factories.unit(slug, "condo", 5, parcel="B", owner=owner),
        fee_item="re-occupancy-permit",
        trigger="sale",
        now=NOW,
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=paid, method="check", amount=Decimal("80.00"), now=NOW
    )
    inspections.request_inspection(
        actor=owner,
        application=paid,
        wanted_on=dt.date(2026, 3, 5),
        window="pm",
        contact_name="O",
        contact_phone="1",
        now=NOW,
    )
    approved = approved_case(slug, crew, "C", "re-occupancy-permit")
    jurisdiction = fresh.jurisdiction_id

    def ids(queue: str, today: dt.date = dt.date(2026, 3, 5)) -> list[int]:
        return [c.pk for c in clerk_queue(jurisdiction, queue, today)]

    assert ids("new") == [fresh.pk]
    assert ids("awaiting-payment") == [fresh.pk]
    assert ids("ready-to-schedule") == [paid.pk]
    assert ids("awaiting-occupants") == [approved.pk]
    assert ids("lapsing") == []  # valid through July 2, 2026 (120 days)
    assert ids("lapsing", dt.date(2026, 6, 25)) == [approved.pk]
    with django_assert_num_queries(1):
        cases = list(clerk_queue(jurisdiction, "awaiting-payment", dt.date(2026, 3, 5)))
        assert cases[0].balance_due == Decimal("80.00")
        assert str(cases[0].unit.property.address) == "10 N Central Ave"


def test_an_unknown_queue_is_refused_with_the_queues_there_are() -> None:
    with pytest.raises(ValueError, match="one of: new, awaiting-payment"):
        clerk_queue(1, "everything", dt.date(2026, 3, 5))


def test_an_amended_permit_supersedes_the_issued_one_and_st_clair_charges_25() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = approved_case(slug, crew, "D", "occupancy-inspection")
    occupants.add_occupant(
        actor=crew[Role.CLERK], application=case, first_name="G", last_name="Renter", now=AFTER
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="cash", amount=Decimal("35.00"), now=AFTER
    )
    first = permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=AFTER, evidence="lease"
    )
    occupants.add_occupant(
        actor=crew[Role.CLERK], application=case, first_name="H", last_name="Renter", now=AFTER
    )
    amended = permits.amend_permit(actor=crew[Role.CLERK], application=case, now=AFTER)
    first.refresh_from_db()
    assert first.end_reason == "superseded by an amended permit"
    assert amended.kind == Permit.Kind.AMENDED
    assert balance_due(case) == Decimal("25.00")  # Occupancy Permit Amended


def test_an_approval_lapses_only_after_its_window() -> None:
    slug = "clayton-mo"
    crew = factories.staff(slug)
    case = approved_case(slug, crew, "E", "residential-occupancy")
    assert case.approval.valid_through == dt.date(2026, 6, 2)  # March 4 + 90 days
    with pytest.raises(Refused, match="still valid"):
        approvals.lapse_approval(actor=None, application=case, now=central("2026-06-02 23:00"))
    approvals.lapse_approval(actor=None, application=case, now=central("2026-06-03 08:00"))
    case.refresh_from_db()
    assert case.status == Application.Status.LAPSED
