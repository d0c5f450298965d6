"""The clerk's queues: each holds the cases in its state (cases.selectors.queues)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from permitdesk.accounts.models import Role
from permitdesk.cases.selectors.queues import clerk_queue
from permitdesk.cases.services import (
    applications,
    inspections,
    payments,
)
from tests import factories
from tests.factories.anywhere import approved_case
from tests.moments import central

pytestmark = pytest.mark.django_db
NOW = central("2026-03-02 10:00")


def test_each_queue_holds_the_cases_in_its_state(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    slug = "st-louis-county-mo"
    crew = factories.staff(slug)
    owner = factories.user("queue-owner")
    fresh, paid = (
        applications.submit_application(
            actor=owner,
            unit=factories.unit(slug, "condo", 5, parcel=parcel, owner=owner),
            fee_item="re-occupancy-permit",
            trigger="sale",
            now=NOW,
        )
        for parcel in ("A", "B")
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
