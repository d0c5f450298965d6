"""The record pages: a clerk edits a property, a unit and its bedrooms, and a party through
the records services (each edit audited before and after); bad input is named beside its
field (422) and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from permitdesk.audit.models import AuditEvent
from permitdesk.records.models import Bedroom, Party, Unit
from tests import factories
from tests.web.staff.conftest import client_of
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db

PLACE = {"parcel_id": "P-1", "address": "12 N Central Ave", "city": "Clayton", "state": "MO"}


@pytest.fixture
def home(who: factories.People) -> Unit:
    return factories.unit("clayton-mo", bedrooms=("120", "100"))


def test_the_property_page_shows_its_form_and_units(who: factories.People, home: Unit) -> None:
    response = client_of(who.clerk).get(f"/staff/properties/{home.property_id}/")
    assert response.status_code == 200
    assert b'value="10 N Central Ave"' in response.content
    assert f'href="/staff/units/{home.pk}/"'.encode() in response.content


def test_a_clerk_edits_a_property(who: factories.People, home: Unit) -> None:
    with writes_one_event("update-property") as written:
        response = client_of(who.clerk).post(f"/staff/properties/{home.property_id}/", PLACE)
    assert response.status_code == 302
    assert written.event.after is not None
    assert written.event.after["address"] == "12 N Central Ave"


def test_a_taken_parcel_id_is_named_beside_its_field(who: factories.People, home: Unit) -> None:
    factories.unit("clayton-mo", parcel="P-2")
    clerk = client_of(who.clerk)
    with writes_nothing():
        response = clerk.post(
            f"/staff/properties/{home.property_id}/", {**PLACE, "parcel_id": "P-2"}
        )
    assert response.status_code == 422
    assert b"Parcel P-2 is already recorded in this jurisdiction." in response.content
    assert b'id="id_parcel_id-error"' in response.content


def test_a_clerk_edits_a_unit(who: factories.People, home: Unit) -> None:
    body = {"unit_type": "duplex", "units_in_building": "2", "hallway_smoke_alarms": "yes"}
    with writes_one_event("update-unit"):
        response = client_of(who.official).post(f"/staff/units/{home.pk}/", body)
    assert response.status_code == 302
    home.refresh_from_db()
    assert (home.unit_type, home.hallway_smoke_alarms) == ("duplex", True)


def test_the_unit_page_has_a_form_per_bedroom(who: factories.People, home: Unit) -> None:
    response = client_of(who.clerk).get(f"/staff/units/{home.pk}/")
    assert response.status_code == 200
    for room in home.bedrooms.all():
        assert f'id="bedroom-{room.pk}-area_sqft"'.encode() in response.content
    assert b'id="new-bedroom-area_sqft"' in response.content


def test_bedrooms_are_added_changed_and_removed(who: factories.People, home: Unit) -> None:
    clerk = client_of(who.clerk)
    first = home.bedrooms.order_by("pk")[0]
    with writes_one_event("add-bedroom"):
        assert (
            clerk.post(f"/staff/units/{home.pk}/bedrooms/", {"area_sqft": "80"}).status_code == 302
        )
    with writes_one_event("change-bedroom") as written:
        body = {"bedroom": first.pk, "area_sqft": "70.5", "smoke_alarm": "on"}
        assert clerk.post(f"/staff/units/{home.pk}/bedrooms/change/", body).status_code == 302
    assert written.event.before is not None
    assert written.event.after is not None
    assert [r["area_sqft"] for r in written.event.after["bedrooms"]] == ["70.50", "100.00", "80.00"]
    with writes_one_event("remove-bedroom"):
        body = {"bedroom": first.pk}
        assert clerk.post(f"/staff/units/{home.pk}/bedrooms/remove/", body).status_code == 302
    assert sorted(Bedroom.objects.values_list("area_sqft", flat=True)) == [
        Decimal(80),
        Decimal(100),
    ]


def test_a_bad_area_is_named_and_changes_nothing(who: factories.People, home: Unit) -> None:
    first = home.bedrooms.order_by("pk")[0]
    clerk = client_of(who.clerk)
    with writes_nothing():
        response = clerk.post(
            f"/staff/units/{home.pk}/bedrooms/change/", {"bedroom": first.pk, "area_sqft": "-5"}
        )
    assert response.status_code == 422
    assert f'id="bedroom-{first.pk}-area_sqft-error"'.encode() in response.content


def test_another_units_bedroom_is_refused(who: factories.People, home: Unit) -> None:
    other = factories.unit("clayton-mo", parcel="P-2").bedrooms.first()
    assert other is not None
    clerk = client_of(who.clerk)
    with writes_nothing():
        response = clerk.post(f"/staff/units/{home.pk}/bedrooms/remove/", {"bedroom": other.pk})
    assert response.status_code == 422
    assert b"that bedroom is not one of this unit" in response.content


def test_a_clerk_edits_a_party_of_a_case(who: factories.People) -> None:
    party = Party.objects.create(kind="owner", name="Ada Owner")
    factories.submitted(who).parties.add(party)
    body = {"kind": "owner", "name": "Ada Owner", "email": "ada@example.test", "phone": "1"}
    clerk = client_of(who.clerk)
    with writes_one_event("update-party"):
        response = clerk.post(f"/staff/parties/{party.pk}/", body)
    assert response.status_code == 302
    with writes_nothing():
        bad = clerk.post(f"/staff/parties/{party.pk}/", {**body, "email": "ada@"})
    assert bad.status_code == 422
    assert AuditEvent.objects.filter(action="update-party").count() == 1


def test_the_case_page_links_the_desk_to_its_records(who: factories.People) -> None:
    case, _ = factories.scheduled(who)
    party = Party.objects.create(kind="tenant", name="Tess Tenant")
    case.parties.add(party)
    links = [
        f'href="/staff/properties/{case.unit.property_id}/"',
        f'href="/staff/units/{case.unit_id}/"',
        f'href="/staff/parties/{party.pk}/"',
    ]
    page = client_of(who.clerk).get(f"/staff/cases/{case.pk}/").content.decode()
    assert [link in page for link in links] == [True, True, True]
    inspector = client_of(who.inspector).get(f"/staff/cases/{case.pk}/").content.decode()
    assert [link in inspector for link in links] == [False, False, False]


def test_the_unit_page_reads_as_many_queries_whatever_its_bedrooms(who: factories.People) -> None:
    clerk = client_of(who.clerk)
    counts = []
    for parcel, rooms in (("P-1", ("100",)), ("P-2", ("100",) * 6)):
        unit = factories.unit("clayton-mo", parcel=parcel, bedrooms=rooms)
        clerk.get(f"/staff/units/{unit.pk}/")  # the session and memberships, read once
        with CaptureQueriesContext(connection) as queries:
            assert clerk.get(f"/staff/units/{unit.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
