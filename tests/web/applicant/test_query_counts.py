"""The applicant pages run the same number of queries for a user with one case as for one
with thirty, and for a case with two events as for one with dozens."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.cases.services import occupants, payments
from tests import factories
from tests.factories.recent import submitted

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30  # session, user, the page's reads, the navigation's memberships


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= MAX_QUERIES, [q["sql"] for q in captured]
    return len(captured)


def busy(case: Application, clerk: User, events: int) -> None:
    """`events` one-dollar payments and as many occupants: the timeline grows by 2 x events."""
    for n in range(events):
        payments.record_payment(
            actor=clerk,
            application=case,
            method="check",
            amount=Decimal("1.00"),
            now=timezone.now(),
        )
        occupants.add_occupant(
            actor=case.applicant,
            application=case,
            first_name=f"Person{n}",
            last_name="Doe",
            now=timezone.now(),
        )


def test_the_pages_read_as_much_for_thirty_cases_as_for_one(client: Client) -> None:
    clerk = factories.staff("clayton-mo")[Role.CLERK]
    small, large = factories.user("small"), factories.user("large")
    one = submitted(small, "clayton-mo")
    busy(one, clerk, 1)
    cases = [submitted(large, "clayton-mo") for _ in range(30)]
    busy(cases[0], clerk, 20)
    counts = {}
    for person, case in ((small, one), (large, cases[0])):
        client.force_login(person)
        counts[person.username] = [
            queries(client, url)
            for url in (
                "/cases/",
                "/cases/?page=2",
                f"/cases/{case.pk}/",
                f"/cases/{case.pk}/occupants/",
                f"/cases/{case.pk}/inspection/",
                "/apply/",
                f"/properties/{case.unit.property_id}/",
            )
        ]
    assert counts["small"] == counts["large"]
