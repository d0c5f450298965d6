"""inspections.assign_inspector: a clerk gives a requested inspection to an inspector."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def assign(actor: User, visit: Inspection, inspector: User) -> Inspection:
    return inspections.assign_inspector(
        actor=actor, inspection=visit, inspector=inspector, now=factories.MONDAY
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(assign, who.owner, factories.requested(who)[1], who.inspector),
        "forbidden",
        "may not assign inspector",
        id="the applicant assigns",
    ),
    pytest.param(
        lambda who: partial(assign, who.inspector, factories.scheduled(who)[1], who.inspector),
        "forbidden",
        "may not assign inspector",
        id="the assigned inspector reassigns",
    ),
    pytest.param(
        lambda who: partial(
            assign, who.clerk_elsewhere, factories.requested(who)[1], who.inspector
        ),
        "not-found",
        "not found",
        id="a clerk of another jurisdiction assigns",
    ),
    pytest.param(
        lambda who: partial(assign, who.clerk, factories.requested(who)[1], who.clerk),
        "not-inspector",
        "is not an inspector of",
        id="to a clerk",
    ),
    pytest.param(
        lambda who: partial(
            assign,
            who.clerk,
            factories.requested(who)[1],
            factories.user("county-inspector", "inspector", "st-louis-county-mo"),
        ),
        "not-inspector",
        "is not an inspector of",
        id="to an inspector of another jurisdiction",
    ),
    pytest.param(
        lambda who: partial(assign, who.clerk, factories.failed(who)[1], who.inspector_unassigned),
        "recorded",
        "the inspection is already recorded",
        id="an inspection already recorded",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_an_assignment_writes_one_audit_event(who: factories.People) -> None:
    _, visit = factories.requested(who)
    with writes_one_event("assign-inspector", messages=("inspector-assigned",)) as written:
        assign(who.clerk, visit, who.inspector)
    assert written.event.before == {"inspector": None}
    assert written.event.after == {"inspector": who.inspector.pk}


def test_a_reassignment_records_whom_it_replaced(who: factories.People) -> None:
    _, visit = factories.scheduled(who)
    with writes_one_event("assign-inspector", messages=("inspector-assigned",)) as written:
        assign(who.official, visit, who.inspector_unassigned)
    assert written.event.before == {"inspector": who.inspector.pk}
    assert written.event.after == {"inspector": who.inspector_unassigned.pk}
