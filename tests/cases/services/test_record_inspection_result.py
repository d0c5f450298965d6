"""inspections.record_inspection_result: passed, failed (with violations) or no access."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.services import inspections
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

GUTTERS = [ViolationInput("PM 304.7", "Gutters detached", "Reattach them")]


def record(
    actor: User,
    visit: Inspection,
    result: str = "passed",
    at: str = "2026-11-18 10:00",
    **more: Any,
) -> Inspection:
    return inspections.record_inspection_result(
        actor=actor, inspection=visit, result=result, now=central(at), **more
    )


def _unpaid_in_st_clair(who: factories.People) -> partial[Inspection]:
    """St. Clair: the fees are paid before the approved inspection report."""
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = factories.submitted(who, slug, "occupancy-inspection", "lease")
    visit = factories.request(case, who.owner, factories.WEDNESDAY, factories.MONDAY)
    return partial(record, crew[Role.CODE_OFFICIAL], visit)


REFUSALS = [
    pytest.param(
        lambda who: partial(record, who.inspector_unassigned, factories.scheduled(who)[1]),
        "not-found",
        "not found",
        id="an inspector not assigned to it",
    ),
    pytest.param(
        lambda who: partial(record, who.owner, factories.scheduled(who)[1]),
        "forbidden",
        "may not record result",
        id="the applicant records it",
    ),
    pytest.param(
        lambda who: partial(record, who.clerk, factories.scheduled(who)[1]),
        "forbidden",
        "may not record result",
        id="a clerk records it",
    ),
    pytest.param(
        lambda who: partial(record, who.inspector, factories.scheduled(who)[1], "maybe"),
        "choice",
        "result 'maybe' is not one of: passed, failed, no-access",
        id="a result that does not exist",
    ),
    pytest.param(
        lambda who: partial(record, who.inspector, factories.failed(who)[1]),
        "status",
        "cannot record result a case that is failed",
        id="an inspection already recorded",
    ),
    pytest.param(
        lambda who: partial(record, who.inspector, factories.scheduled(who)[1], "failed"),
        "required",
        "a failed inspection lists at least one violation",
        id="a failure without a violation",
    ),
    pytest.param(
        lambda who: partial(
            record, who.inspector, factories.scheduled(who)[1], at="2026-11-17 11:00"
        ),
        "before-inspection-day",
        "the inspection is booked for 2026-11-18",
        id="before the day it was booked for",
    ),
    pytest.param(
        lambda who: partial(
            record, who.inspector, factories.scheduled(who)[1], at="2026-11-16 11:00"
        ),
        "not-processed",
        "no inspection can be received before then",
        id="before the application is processed",
    ),
    pytest.param(
        lambda who: partial(
            record,
            who.inspector,
            factories.scheduled(who)[1],
            at="2026-11-17 11:00",
            override_reason="early",
        ),
        "forbidden",
        "only a code official may override",
        id="an inspector overrides the day",
    ),
    pytest.param(
        lambda who: partial(
            record,
            who.inspector,
            factories.scheduled(who)[1],
            "failed",
            violations=[ViolationInput("PM 304.7", "Gutters", severity="cosmetic")],
        ),
        "unknown-severity",
        "severity 'cosmetic' is not one of: hazard, major, minor",
        id="a severity the pack does not define",
    ),
    pytest.param(
        _unpaid_in_st_clair,
        "fee-due",
        "fees must be paid before the approved inspection report",
        id="St. Clair's fees unpaid at the pass",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_pass_writes_one_audit_event_and_approves_the_case(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    with writes_one_event("record-passed") as written:
        record(who.inspector, visit)
    assert written.event.before == {"status": "inspection-requested"}
    assert written.event.after == {"status": "approved", "violations": 0}
    case.refresh_from_db()
    assert case.status == Application.Status.APPROVED
    assert case.approval.approved_on.isoformat() == "2026-11-18"


def test_a_failure_writes_one_audit_event_and_queues_the_violation_notice(
    who: factories.People,
) -> None:
    _, visit = factories.scheduled(who)
    with writes_one_event("record-failed", messages=("violation-notice",)) as written:
        record(who.inspector, visit, "failed", violations=GUTTERS)
    assert written.event.after == {"status": "failed", "violations": 1}
    assert [v.description for v in visit.violations.all()] == ["Gutters detached"]


def test_no_access_writes_one_audit_event_and_reopens_the_case(who: factories.People) -> None:
    _, visit = factories.scheduled(who)
    with writes_one_event("record-no-access") as written:
        record(who.inspector, visit, "no-access")
    assert written.event.after == {"status": "submitted", "violations": 0}


def test_a_code_officials_override_is_recorded_beside_the_refusal(who: factories.People) -> None:
    _, visit = factories.scheduled(who)
    with writes_one_event("record-passed") as written:
        record(who.official, visit, at="2026-11-17 11:00", override_reason=" owner away ")
    override = written.event.after["override"]
    assert override["reason"] == "owner away"
    assert "the inspection is booked for 2026-11-18" in override["refused"]


def test_each_violations_severity_sets_the_date_to_correct_it_by(who: factories.People) -> None:
    _, visit = factories.scheduled(who)
    record(
        who.inspector,
        visit,
        "failed",
        violations=[
            ViolationInput("IPMC 704.2", "No smoke alarm", severity="hazard"),
            ViolationInput("PM 304.7", "Gutters detached", severity="major"),
            ViolationInput("PM 304.2", "Peeling paint"),  # none given: no date
        ],
    )
    found = [(v.severity, v.correct_by) for v in visit.violations.order_by("pk")]
    # Failed Wednesday, November 18: the day after, two weeks after (the division's periods).
    assert found == [
        ("hazard", dt.date(2026, 11, 19)),
        ("major", dt.date(2026, 12, 2)),
        ("", None),
    ]
