"""Every staff page runs the same number of SQL queries with one case as with many."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.moments import central
from tests.web.staff.conftest import client_of


def queries(client: Client, path: str) -> int:
    """The queries of a second visit (the first may set things up: the calendar feed)."""
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def grow(who: factories.People, more: int) -> None:
    """`more` cases in every stage the pages list: submitted, paid and scheduled for today."""
    for _ in range(more):
        factories.submitted(who)
        visits.visit(who, "pm")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        lambda case, visit: "/staff/",
        lambda case, visit: "/staff/clayton-mo/queues/new/",
        lambda case, visit: "/staff/clayton-mo/queues/awaiting-payment/",
        lambda case, visit: "/staff/clayton-mo/queues/ready-to-schedule/",
        lambda case, visit: "/staff/clayton-mo/queues/inspections-due/?sort=applicant",
        lambda case, visit: "/staff/clayton-mo/queues/awaiting-re-inspection/",
        lambda case, visit: "/staff/search/?q=10+N+Central",
        lambda case, visit: f"/staff/cases/{case.pk}/",
        lambda case, visit: f"/staff/cases/{case.pk}/history/",
        lambda case, visit: f"/staff/cases/{visit.application_id}/",
    ],
    ids=[
        "home",
        "new",
        "awaiting-payment",
        "ready-to-schedule",
        "inspections-due",
        "awaiting-re-inspection",
        "search",
        "case",
        "history",
        "visit",
    ],
)
def test_clerk_pages_query_the_same_at_two_sizes(
    who: factories.People, clock: Clock, page: Callable[..., str]
) -> None:
    clock.set(central(visits.WEDNESDAY_MORNING))
    case, visit = factories.submitted(who), visits.visit(who)
    clerk = client_of(who.official)
    path = page(case, visit)
    small = queries(clerk, path)
    grow(who, 6)
    assert queries(clerk, path) == small


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/inspections/today/", "inspection"])
def test_inspector_pages_query_the_same_at_two_sizes(
    who: factories.People, clock: Clock, path: str
) -> None:
    clock.set(central(visits.WEDNESDAY_MORNING))
    visit = visits.visit(who)
    visits.basement_bedroom(visit)
    target = f"/staff/inspections/{visit.pk}/" if path == "inspection" else path
    inspector = client_of(who.inspector)
    small = queries(inspector, target)
    grow(who, 6)
    assert queries(inspector, target) == small
