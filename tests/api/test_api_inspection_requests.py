"""Moving and cancelling a pending inspection over the API
(cases.services.inspection_requests): within the pack's cut-off, no fee (no pack names one),
each refusal answered with its field and writing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from permitdesk.cases.models import Application, Inspection
from tests.api.client import Api, Clock
from tests.factories import failed, people, scheduled
from tests.moments import central
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

MONDAY_LATER = central("2026-11-16 11:00")  # the case was booked Monday for Wednesday
THURSDAY_PM = {"wanted_on": "2026-11-19", "window": "pm"}


def test_the_applicant_moves_the_inspection_and_the_inspector_is_released(clock: Clock) -> None:
    clock.set(MONDAY_LATER)
    who = people()
    case, visit = scheduled(who)
    messages = ("inspection-rescheduled", "inspection-rescheduled")
    with writes_one_event("reschedule-inspection", messages):
        status, body = Api(who.owner).post(f"/inspections/{visit.pk}/reschedule", THURSDAY_PM)
    assert status == 200, body
    assert (body["id"], body["scheduled_on"], body["window"], body["inspector"]) == (
        visit.pk,
        "2026-11-19",
        "pm",
        None,
    )
    case.refresh_from_db()
    assert case.status == Application.Status.INSPECTION_REQUESTED


def test_a_clerk_cancels_it_and_the_case_goes_back_to_submitted(clock: Clock) -> None:
    clock.set(MONDAY_LATER)
    who = people()
    case, visit = scheduled(who)
    messages = ("inspection-cancelled", "inspection-cancelled")
    with writes_one_event("cancel-inspection", messages) as written:
        status, body = Api(who.clerk).post(
            f"/inspections/{visit.pk}/cancel", {"reason": "tenant delayed"}
        )
    assert status == 200, body
    assert (body["id"], body["status"], body["inspections"]) == (case.pk, "submitted", [])
    assert "request-inspection" in body["allowed_actions"]
    assert written.event.after["reason"] == "tenant delayed"
    assert not Inspection.objects.filter(pk=visit.pk).exists()


# (who, when, the action, the body) → (status, the field or error type named)
REFUSALS = [
    pytest.param(
        "owner",
        MONDAY_LATER,
        "reschedule",
        {"wanted_on": "2026-11-21", "window": "am"},
        409,
        "wanted_on",
        id="to a Saturday",
    ),
    pytest.param(
        "owner",
        MONDAY_LATER,
        "reschedule",
        {"wanted_on": "2026-11-18", "window": "am"},
        409,
        "wanted_on",
        id="to the day and time it has",
    ),
    pytest.param(
        "owner",
        MONDAY_LATER,
        "reschedule",
        {"wanted_on": "2026-11-19", "window": "noon"},
        422,
        "window",
        id="a part of the day that is not one",
    ),
    pytest.param(
        "owner",
        MONDAY_LATER,
        "reschedule",
        {"wanted_on": "2029-11-19"},
        422,
        "wanted_on",
        id="years ahead",
    ),
    pytest.param(
        "owner",
        central("2026-11-17 16:30"),
        "reschedule",
        THURSDAY_PM,
        409,
        "inspection",
        id="after the cut-off the day before",
    ),
    pytest.param(
        "owner", central("2026-11-18 08:00"), "cancel", {}, 409, "inspection", id="on the day"
    ),
    pytest.param("inspector", MONDAY_LATER, "cancel", {}, 403, None, id="by its inspector"),
    pytest.param("other", MONDAY_LATER, "reschedule", THURSDAY_PM, 404, None, id="a stranger"),
    pytest.param("recorded", MONDAY_LATER, "cancel", {}, 409, None, id="a visit recorded"),
]


@pytest.mark.parametrize(("role", "at", "action", "body", "status", "field"), REFUSALS)
def test_a_refused_change_names_its_field_and_writes_nothing(
    clock: Clock, role: str, at: Any, action: str, body: Any, status: int, field: str | None
) -> None:
    who = people()
    if role == "recorded":
        _, visit = failed(who)
        role = "owner"
    else:
        _, visit = scheduled(who)
    clock.set(at)
    caller = Api(who.roles()[role])
    with writes_nothing():
        found, answer = caller.post(f"/inspections/{visit.pk}/{action}", body)
    assert found == status, answer
    if status == 409 and field is not None:
        assert answer["field"] == field
    elif status == 422:
        assert [e["loc"][:2] for e in answer["detail"]] == [["body", field]]
    else:
        assert answer["detail"]
