"""A 403-then-2xx test for every role-restricted operation: the role that may see the case but
not take the action is refused (403), the role that may take it succeeds. Plus the 401s."""

from __future__ import annotations

from typing import Any

import pytest

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.records.models import Property
from tests import factories
from tests.api.client import Api, Clock
from tests.factories import (
    People,
    approved,
    failed_in_the_village,
    issued,
    people,
    scheduled,
    submitted,
)
from tests.moments import central

pytestmark = pytest.mark.django_db

PLACE = {
    "jurisdiction": "clayton-mo",
    "parcel_id": "M-1",
    "address": "1 Main St",
    "city": "Clayton",
    "state": "MO",
    "zip_code": "63105",
}


def _forbidden_then_allowed(
    path: str, body: Any, forbidden: Api, allowed: Api, status: int = 200
) -> Any:
    code, refused = forbidden.post(path, body)
    assert code == 403, refused
    code, answer = allowed.post(path, body)
    assert code == status, answer
    return answer


def test_payments_are_recorded_by_staff_not_the_applicant(clock: Clock) -> None:
    who = people()
    case = submitted(who)
    paid = _forbidden_then_allowed(
        f"/applications/{case.pk}/payments",
        {"method": "check", "amount": "80.00"},
        Api(who.owner),
        Api(who.clerk),
        201,
    )
    assert paid["amount"] == "80.00"


def test_a_fee_is_waived_by_a_code_official_not_a_clerk(clock: Clock) -> None:
    who = people()
    line = submitted(who).fee_lines.get()
    waived = _forbidden_then_allowed(
        f"/fee-lines/{line.pk}/waive", {"reason": "hardship"}, Api(who.clerk), Api(who.official)
    )
    assert waived["waived_reason"] == "hardship"


def test_the_inspector_is_assigned_by_staff_not_the_applicant(clock: Clock) -> None:
    who = people()
    _, inspection = scheduled(who)
    body = {"inspector": who.inspector_unassigned.pk}
    assigned = _forbidden_then_allowed(
        f"/inspections/{inspection.pk}/assign", body, Api(who.owner), Api(who.clerk)
    )
    assert assigned["inspector"] == who.inspector_unassigned.pk


def test_the_result_is_recorded_by_the_assigned_inspector_not_a_clerk(clock: Clock) -> None:
    clock.set(central("2026-11-18 10:00"))
    who = people()
    _, inspection = scheduled(who)
    result = _forbidden_then_allowed(
        f"/inspections/{inspection.pk}/result",
        {"result": "passed", "checklist": {"smoke alarms": True}, "notes": "all good"},
        Api(who.clerk),
        Api(who.inspector),
    )
    assert (result["result"], result["checklist"]) == ("passed", {"smoke alarms": True})


def test_the_permit_is_issued_by_staff_not_the_applicant(clock: Clock) -> None:
    clock.set(central("2026-11-18 11:00"))
    who = people()
    case = approved(who)
    permit = _forbidden_then_allowed(
        f"/applications/{case.pk}/permits", None, Api(who.owner), Api(who.clerk), 201
    )
    assert permit["kind"] == "standard"


def test_a_conditional_permit_is_issued_by_a_code_official_not_a_clerk(clock: Clock) -> None:
    clock.set(central("2026-11-18 11:00"))
    who = people("village-ord-08-457")
    case = failed_in_the_village(who)
    body = {"owner_statement": "will fix", "correction_due_on": "2026-12-31"}
    _forbidden_then_allowed(
        f"/applications/{case.pk}/conditional-permits", body, Api(who.clerk), Api(who.official), 201
    )


def test_a_temporary_permit_is_issued_by_a_code_official_not_a_clerk(clock: Clock) -> None:
    who = people("st-clair-county-il")
    case = submitted(who, "st-clair-county-il", "occupancy-inspection")
    permit = _forbidden_then_allowed(
        f"/applications/{case.pk}/temporary-permits", None, Api(who.clerk), Api(who.official), 201
    )
    assert permit["kind"] == "temporary"


def test_a_permit_is_ended_by_staff_not_the_applicant(clock: Clock) -> None:
    who = people()
    permit = issued(who)
    ended = _forbidden_then_allowed(
        f"/permits/{permit.pk}/end", {"reason": "change-of-tenancy"}, Api(who.owner), Api(who.clerk)
    )
    assert ended["end_reason"] == "change-of-tenancy"


def test_the_audit_trail_is_for_staff_not_the_applicant() -> None:
    who = people()
    case, _ = scheduled(who)
    path = f"/applications/{case.pk}/audit"
    assert Api(who.owner).get(path)[0] == 403
    status, trail = Api(who.clerk).get(path)
    assert status == 200
    first = trail["items"][0]
    assert (first["actor"], first["action"], first["before"]) == ("owner", "submit", None)
    assert first["after"]["total"] == "80.00"


def test_inspectors_record_neither_properties_nor_applications(clock: Clock) -> None:
    who: People = people()
    inspector, owner = Api(who.inspector), Api(who.owner)
    place = _forbidden_then_allowed("/properties", PLACE, inspector, owner, 201)
    unit = _forbidden_then_allowed(
        f"/properties/{place['id']}/units", {"unit_type": "condo"}, inspector, owner, 201
    )
    body = {"unit": unit["id"], "fee_item": "residential-occupancy", "trigger": "lease"}
    _forbidden_then_allowed("/applications", body, inspector, owner, 201)
    assert Property.objects.count() == 1
    assert Application.objects.filter(applicant=who.owner).count() == 1


def test_a_revoked_token_and_no_token_are_unauthorized() -> None:
    user = factories.user("someone", Role.CLERK, "clayton-mo")
    api = Api(user)
    assert api.get("/applications")[0] == 200
    user.api_tokens.update(revoked_at=central("2026-01-01 00:00"))
    assert api.get("/applications") == (401, {"detail": "Unauthorized"})
    api.headers["Authorization"] = "Bearer not-a-token"
    assert api.get("/applications")[0] == 401
