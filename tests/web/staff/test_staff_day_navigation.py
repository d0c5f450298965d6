"""The inspector's sheet of another day: the day before or ahead, within bounds."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.moments import central
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db


def test_the_inspector_looks_ahead_to_the_day_of_the_inspection(
    who: factories.People, clock: Clock
) -> None:
    booked = visits.visit(who)  # Wednesday the 18th
    clock.set(central("2026-11-16 15:00"))  # Monday
    client = client_of(who.inspector)
    today = client.get("/staff/inspections/today/").content.decode()
    assert "No inspection is assigned to you today." in today
    assert 'href="?ahead=1"' in today
    wednesday = client.get("/staff/inspections/today/", {"ahead": "2"})
    page = wednesday.content.decode()
    assert wednesday.status_code == 200
    assert "Inspections on Wednesday, November 18" in page
    assert f"/staff/inspections/{booked.pk}/" in page
    assert 'href="?ahead=1"' in page  # previous day
    assert 'href="?ahead=3"' in page  # next day


def test_a_day_out_of_range_or_not_a_number_is_named(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-16 15:00"))
    client = client_of(who.inspector)
    for bad in ("99", "soon"):
        response = client.get("/staff/inspections/today/", {"ahead": bad})
        page = response.content.decode()
        assert response.status_code == 422
        assert "Days from today" in page
        assert "Monday, November 16, 2026" in page  # today's sheet instead
