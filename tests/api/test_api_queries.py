"""A read costs a fixed number of queries whatever the size of the case or of the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from permitdesk.cases.services import occupants
from tests.api.client import Api
from tests.factories import MONDAY, approved, issued, people, submitted

pytestmark = pytest.mark.django_db


def _queries(api: Api, path: str) -> int:
    with CaptureQueriesContext(connection) as seen:
        status, _ = api.get(path)
    assert status == 200
    return len(seen.captured_queries)


def test_a_case_costs_the_same_queries_however_many_occupants_and_permits_it_has() -> None:
    who = people()
    case = approved(who)
    clerk = Api(who.clerk)
    path = f"/applications/{case.pk}"
    small = _queries(clerk, path)
    for n in range(4):
        occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name=f"Child {n}",
            last_name="Tenant",
            age=n,
            relationship="child",
            now=MONDAY,
        )
    assert _queries(clerk, path) == small


def test_the_case_list_and_the_audit_cost_the_same_queries_for_more_rows() -> None:
    who = people()
    first = issued(who).application
    clerk = Api(who.clerk)
    small = (_queries(clerk, "/applications"), _queries(clerk, f"/applications/{first.pk}/audit"))
    for _ in range(5):
        submitted(who)
        occupants.add_occupant(
            actor=who.owner, application=first, first_name="A", last_name="B", now=MONDAY
        )
    assert small == (
        _queries(clerk, "/applications"),
        _queries(clerk, f"/applications/{first.pk}/audit"),
    )


def test_verification_costs_the_same_queries_for_any_permit() -> None:
    who = people()
    permit = issued(who)
    assert _queries(Api(), f"/verify/{permit.number}") <= 3
