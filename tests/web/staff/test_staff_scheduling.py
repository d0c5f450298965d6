"""The clerk schedules an inspection on the case page and assigns or reassigns its inspector;
a date the rules refuse is shown beside the date field and nothing is scheduled."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.cases.models import Inspection
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.staff.conftest import client_of


def schedule(client, case, **data):  # type: ignore[no-untyped-def]
    body = {
        "wanted_on": "2026-11-18",
        "window": "am",
        "contact_name": "Ada Owner",
        "contact_phone": "314-555-0100",
        "inspector": "",
        **data,
    }
    return client.post(f"/staff/cases/{case.pk}/inspections/", body)


@pytest.mark.django_db
def test_a_clerk_schedules_an_inspection_and_assigns_it(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-16 11:00"))
    case = factories.submitted(who)
    response = schedule(client_of(who.clerk), case, inspector=str(who.inspector.pk))
    assert response.status_code == 302
    visit = Inspection.objects.get(application=case)
    assert (visit.scheduled_on, visit.window, visit.inspector) == (
        dt.date(2026, 11, 18),
        "am",
        who.inspector,
    )
    assert visit.request.contact_phone == "314-555-0100"


@pytest.mark.django_db
def test_a_day_before_claytons_processing_time_is_refused_beside_the_date(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-16 11:00"))
    case = factories.submitted(who)
    response = schedule(client_of(who.clerk), case, wanted_on="2026-11-17")
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_wanted_on-error"' in page
    assert "The first day this request can be placed on is 2026-11-18" in page
    assert 'value="314-555-0100"' in page
    assert not Inspection.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_schedule_form_errors_name_the_fields(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-16 11:00"))
    case = factories.submitted(who)
    response = schedule(
        client_of(who.clerk), case, wanted_on="someday", window="night", contact_name=""
    )
    assert response.status_code == 422
    page = response.content.decode()
    for field in ("wanted_on", "window", "contact_name"):
        assert f'id="id_{field}-error"' in page
    assert not Inspection.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_a_clerk_reassigns_an_inspection(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/inspections/{visit.pk}/assign/",
        {f"assign-{visit.pk}-inspector": str(who.inspector_unassigned.pk)},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.inspector == who.inspector_unassigned


@pytest.mark.django_db
def test_only_the_jurisdictions_inspectors_may_be_assigned(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/inspections/{visit.pk}/assign/",
        {f"assign-{visit.pk}-inspector": str(who.clerk_elsewhere.pk)},
    )
    assert response.status_code == 422
    assert f'id="id_assign-{visit.pk}-inspector-error"' in response.content.decode()
    visit.refresh_from_db()
    assert visit.inspector == who.inspector


@pytest.mark.django_db
def test_a_recorded_inspection_cannot_be_reassigned(who: factories.People) -> None:
    case = factories.approved(who)
    visit = case.inspections.get()
    response = client_of(who.clerk).post(
        f"/staff/cases/{case.pk}/inspections/{visit.pk}/assign/",
        {f"assign-{visit.pk}-inspector": str(who.inspector_unassigned.pk)},
    )
    assert response.status_code == 422
    assert "The inspection is already recorded." in response.content.decode()
    visit.refresh_from_db()
    assert visit.inspector == who.inspector
