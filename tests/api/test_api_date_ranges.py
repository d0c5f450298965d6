"""A date typed far outside any real case (9999-12-31, 0001-01-01) is refused with 422 naming
the field and the range allowed, and nothing is stored; a date inside the range is taken. The
ranges are permitdesk.rules.bounds' (docs/input-ranges.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from permitdesk.cases.models import ChangeOfOccupancyReport, InspectionRequest, Permit, Visitor
from permitdesk.cases.services import payments
from tests.api.client import Api, Clock
from tests.factories import MONDAY, failed_in_the_village, people, submitted
from tests.factories.records import recorded_unit
from tests.moments import central

pytestmark = pytest.mark.django_db

VILLAGE = "village-ord-08-457"
CONTACT = {"window": "am", "contact_name": "O", "contact_phone": "1"}


def _refused(answer: tuple[int, object], field: str, earliest: str, latest: str) -> None:
    status, body = answer
    assert status == 422, body
    [error] = body["detail"]  # type: ignore[index]
    assert (error["loc"], error["type"]) == (["body", field], "out-of-range")
    assert f"must be between {earliest} and {latest}" in error["msg"]


def test_an_inspection_booked_for_9999_is_refused(clock: Clock) -> None:
    clock.set(central("2026-11-16 11:00"))
    who = people()
    case = submitted(who)
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    path = f"/applications/{case.pk}/inspection-requests"
    far = Api(who.owner).post(path, {"wanted_on": "9999-12-31", **CONTACT})
    _refused(far, "wanted_on", "2026-11-16", "2027-11-17")
    assert not InspectionRequest.objects.exists()
    status, _ = Api(who.owner).post(path, {"wanted_on": "2027-11-17", **CONTACT})
    assert status == 201


@pytest.mark.parametrize("arrived_on", ["0001-01-01", "9999-12-31"])
def test_a_visitor_arriving_in_year_1_or_9999_is_refused(clock: Clock, arrived_on: str) -> None:
    clock.set(central("2026-11-16 11:00"))
    who = people(VILLAGE)
    case = failed_in_the_village(who)
    path = f"/applications/{case.pk}/visitors"
    answer = Api(who.owner).post(path, {"name": "A Visitor", "arrived_on": arrived_on})
    _refused(answer, "arrived_on", "2023-11-14", "2027-11-17")
    assert not Visitor.objects.exists()
    status, _ = Api(who.owner).post(path, {"name": "A Visitor", "arrived_on": "2023-11-14"})
    assert status == 201


def test_a_correction_due_in_9999_is_refused(clock: Clock) -> None:
    clock.set(central("2026-11-16 11:00"))
    who = people(VILLAGE)
    case = failed_in_the_village(who)
    path = f"/applications/{case.pk}/conditional-permits"
    body = {"owner_statement": "will fix the gutters", "correction_due_on": "9999-12-31"}
    _refused(Api(who.official).post(path, body), "correction_due_on", "2026-11-16", "2027-11-17")
    assert not Permit.objects.exists()
    status, _ = Api(who.official).post(path, {**body, "correction_due_on": "2027-11-17"})
    assert status == 201


@pytest.mark.parametrize("changed_on", ["0001-01-01", "9999-12-31"])
def test_a_change_of_occupancy_in_year_1_or_9999_is_refused(clock: Clock, changed_on: str) -> None:
    clock.set(central("2026-11-16 11:00"))
    who = people(VILLAGE)
    unit = recorded_unit(who.owner, VILLAGE)
    path = f"/units/{unit.pk}/change-of-occupancy-reports"
    _refused(
        Api(who.owner).post(path, {"changed_on": changed_on}),
        "changed_on",
        "2023-11-14",
        "2027-11-17",
    )
    assert not ChangeOfOccupancyReport.objects.exists()
    assert Api(who.owner).post(path, {"changed_on": "2023-11-14"})[0] == 201
