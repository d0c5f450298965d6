"""inspections.record_inspection_result: passed, failed (with violations) or no access."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import inspections
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import anywhere
from tests.factories.anywhere import MONDAY, SUNDAY
from tests.factories.anywhere import file_case as _file
from tests.factories.anywhere import pay as _pay
from tests.factories.anywhere import record as _record
from tests.factories.steps import book as _book
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
    with writes_one_event("record-passed", messages=("inspection-passed",)) as written:
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
    with writes_one_event("record-passed", messages=("inspection-passed",)) as written:
        record(who.official, visit, at="2026-11-17 11:00", override_reason=" owner away ")
    override = written.event.after["override"]
    assert override["reason"] == "owner away"
    assert "the inspection is booked for 2026-11-18" in override["refused"]


def test_a_sunday_application_cannot_be_inspected_or_permitted_on_sunday() -> None:
    crew, case, visit = anywhere.booked_for_wednesday("clayton-mo", filed=SUNDAY)
    # Processed at the start of Tuesday (24 business hours from Monday's opening); the
    # request, read Monday before 4:00 PM, goes on Tuesday (cutoff_read_at: request).
    assert local(get_pack("clayton-mo"), case.processed_at) == central("2026-11-17 00:00")
    with pytest.raises(Refused, match="no inspection can be received before then") as refused:
        _record(crew, visit, SUNDAY, "passed")
    assert refused.value.code == "not-processed"
    assert refused.value.overridable
    # Processed, but still before the day it was booked for.
    with pytest.raises(Refused, match="booked for 2026-11-18; its result cannot be recorded"):
        _record(
            crew,
            visit,
            central("2026-11-17 09:00"),
            "passed",
        )
    visit.refresh_from_db()
    case.refresh_from_db()
    assert visit.result == "pending"
    assert case.status == "inspection-requested"
    assert not AuditEvent.objects.filter(action="record-passed").exists()


def test_only_a_code_official_overrides_the_schedule_and_the_override_is_audited() -> None:
    crew, case, visit = anywhere.booked_for_wednesday("clayton-mo", filed=SUNDAY)
    with pytest.raises(Forbidden, match="only a code official"):
        inspections.record_inspection_result(
            actor=crew[Role.INSPECTOR],
            inspection=visit,
            result="passed",
            now=SUNDAY,
            override_reason="urgent",
        )
    inspections.record_inspection_result(
        actor=crew[Role.CODE_OFFICIAL],
        inspection=visit,
        result="passed",
        now=central("2026-11-17 09:00"),
        override_reason="Inspected early at the owner's request; unit vacant and ready.",
    )
    event = AuditEvent.objects.get(action="record-passed")
    assert event.after["override"]["reason"].startswith("Inspected early")
    assert "booked for 2026-11-18" in event.after["override"]["refused"]
    # The approval counts from the day of the inspection that passed (approval_counts_from).
    case.refresh_from_db()
    assert case.approval.approved_on == dt.date(2026, 11, 17)
    assert case.approval.valid_through == dt.date(2027, 2, 15)  # 90 days, start excluded


def test_the_approval_counts_from_the_inspection_day_not_a_late_recording() -> None:
    crew, case, visit = anywhere.booked_for_wednesday("clayton-mo")
    _record(
        crew,
        visit,
        central("2026-11-20 08:00"),
        "passed",  # typed in two days later
    )
    case.refresh_from_db()
    assert case.approval.approved_on == dt.date(2026, 11, 18)


def test_the_village_inspection_waits_for_the_third_visits_fee() -> None:
    slug = "village-ord-08-457"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    case = _file(slug, owner)
    _pay(case, crew[Role.CLERK], MONDAY)
    day = dt.date(2026, 11, 17)
    for _visit in (1, 2):
        visit = _book(case, crew, owner, day, central(f"{day - dt.timedelta(days=1)} 07:00"))
        _record(
            crew,
            visit,
            central(f"{day} 10:00"),
            "failed",
            violations=[ViolationInput("PM 304", "Broken window")],
        )
        day += dt.timedelta(days=1)
    # The third inspection adds $40 (§2 covers one re-inspection); booking comes first...
    third = _book(case, crew, owner, dt.date(2026, 11, 20), central("2026-11-19 07:00"))
    assert balance_due(case) == Decimal("40.00")
    # ...but it is not received unpaid: "The fee shall be paid prior to the time of the inspection."
    with pytest.raises(Refused, match=r"paid before the inspection; 40\.00 is due"):
        _record(
            crew,
            third,
            central("2026-11-20 10:00"),
            "passed",
        )


def test_a_village_violation_notice_states_the_maximum_penalty() -> None:
    slug = "village-ord-08-457"
    crew, _, visit = anywhere.booked_for_wednesday(slug)
    _record(
        crew,
        visit,
        central("2026-11-18 10:00"),
        "failed",
        violations=[ViolationInput("PM 704", "No smoke alarm in the hallway")],
    )
    notice = OutboxMessage.objects.get(kind="violation-notice")
    assert "fine not to exceed $500.00" in notice.body
    assert "imprisonment not to exceed 90 days" in notice.body


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
