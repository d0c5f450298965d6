"""occupants.add_visitor: someone staying with the household for a while."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Visitor
from permitdesk.cases.services import occupants
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def visit(
    actor: User,
    case: Application,
    name: str = "Cousin Al",
    arrived_on: dt.date = factories.WEDNESDAY,
) -> Visitor:
    return occupants.add_visitor(
        actor=actor, application=case, name=name, arrived_on=arrived_on, now=factories.ON_WEDNESDAY
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(visit, who.owner, factories.submitted(who), name="  "),
        "required",
        "a visitor needs a name",
        id="no name",
    ),
    pytest.param(
        lambda who: partial(
            visit, who.owner, factories.submitted(who), arrived_on=dt.date(2020, 1, 1)
        ),
        "out-of-range",
        "arrived_on 2020-01-01 is out of range",
        id="an arrival more than three years back",
    ),
    pytest.param(
        lambda who: partial(
            visit, who.owner, factories.submitted(who), arrived_on=dt.date(2028, 1, 1)
        ),
        "out-of-range",
        "arrived_on 2028-01-01 is out of range",
        id="an arrival more than a year ahead",
    ),
    pytest.param(
        lambda who: partial(visit, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant adds one",
    ),
    pytest.param(
        lambda who: partial(visit, who.owner, factories.withdrawn(who)),
        "status",
        "cannot add occupant a case that is withdrawn",
        id="a withdrawn case",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_visitor_writes_one_audit_event(who: factories.People) -> None:
    case = factories.submitted(who)
    with writes_one_event("add-visitor") as written:
        visit(who.owner, case, name=" Cousin Al ")
    assert written.event.after == {"name": "Cousin Al", "arrived_on": "2026-11-18"}
