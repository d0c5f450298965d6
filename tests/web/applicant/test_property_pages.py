"""Adding a property and its units through the applicant pages: field errors next to their
fields with what was typed kept, nothing stored on a refusal, another's property is 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.audit.models import AuditEvent
from permitdesk.records.models import Bedroom, Property, Unit
from tests import factories
from tests.factories.records import recorded_unit

pytestmark = pytest.mark.django_db

PROPERTY = {
    "jurisdiction": "clayton-mo",
    "parcel_id": "18K-22-0304",
    "address": "7 Maryland Ave",
    "city": "Clayton",
    "state": "mo",
    "zip_code": "63105",
}


def bedrooms(*rows: dict[str, str], total: int = 6) -> dict[str, str]:
    data = {"bedroom-TOTAL_FORMS": str(total), "bedroom-INITIAL_FORMS": "0"}
    for i in range(total):
        row = rows[i] if i < len(rows) else {}
        data[f"bedroom-{i}-smoke_alarm"] = "on"  # the box is ticked on an untouched row
        data.update({f"bedroom-{i}-{k}": v for k, v in row.items()})
    return data


@pytest.fixture
def owner(client: Client) -> User:
    factories.jurisdiction("clayton-mo")
    person = factories.user("owner")
    client.force_login(person)
    return person


def test_the_pages_ask_for_sign_in(client: Client) -> None:
    for url in ("/cases/", "/properties/new/", "/apply/", "/cases/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


def test_a_property_is_recorded_and_audited_then_its_units_are_asked_for(
    client: Client, owner: User
) -> None:
    response = client.post("/properties/new/", PROPERTY)
    place = Property.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/properties/{place.pk}/units/new/"
    assert (place.parcel_id, place.state) == ("18K-22-0304", "MO")
    assert AuditEvent.objects.get(action="create-property").actor == owner


def test_property_field_errors_name_the_field_keep_the_input_and_store_nothing(
    client: Client, owner: User
) -> None:
    response = client.post(
        "/properties/new/", {**PROPERTY, "zip_code": "6310", "jurisdiction": "atlantis"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_zip_code-error"' in html
    assert "5 digits" in html
    assert 'id="id_jurisdiction-error"' in html
    assert 'value="7 Maryland Ave"' in html
    assert 'value="6310"' in html
    assert 'aria-describedby="id_zip_code-error"' in html
    assert not Property.objects.exists()


def test_a_parcel_recorded_already_is_an_error_on_the_parcel(client: Client, owner: User) -> None:
    client.post("/properties/new/", PROPERTY)
    response = client.post("/properties/new/", {**PROPERTY, "address": "8 Maryland Ave"})
    assert response.status_code == 422
    assert "already recorded" in response.context["form"].errors["parcel_id"][0]
    assert Property.objects.count() == 1


def test_a_unit_is_recorded_with_the_bedrooms_filled_in(client: Client, owner: User) -> None:
    place = recorded_unit(owner, "clayton-mo").property
    rows = (
        {"area_sqft": "140"},
        {"area_sqft": "90", "basement": "on", "egress_opening_sqft": "5.7", "smoke_alarm": ""},
    )
    data = {"label": "2B", "unit_type": "apartment", "units_in_building": "6"}
    data.update(bedrooms(*rows))
    data["bedroom-1-smoke_alarm"] = ""
    data["hallway_smoke_alarms"] = "yes"
    response = client.post(f"/properties/{place.pk}/units/new/", data)
    assert response.status_code == 302
    unit = Unit.objects.get(label="2B")
    assert (unit.unit_type, unit.units_in_building, unit.hallway_smoke_alarms) == (
        "apartment",
        6,
        True,
    )
    assert unit.livable_area_smoke_alarms is None
    rooms = list(Bedroom.objects.filter(unit=unit).order_by("area_sqft"))
    assert [(str(r.area_sqft), r.basement, r.smoke_alarm) for r in rooms] == [
        ("90.00", True, False),
        ("140.00", False, True),
    ]
    page = client.get(f"/properties/{place.pk}/").content.decode()
    assert "Unit 2B" in page
    assert "egress opening 5.70 sq ft" in page


def test_a_bad_bedroom_is_an_error_on_its_row_and_nothing_is_stored(
    client: Client, owner: User
) -> None:
    place = recorded_unit(owner, "clayton-mo").property
    data = {"label": "3", "unit_type": "apartment", "units_in_building": "0"}
    data.update(bedrooms({"area_sqft": "140"}, {"area_sqft": "-5"}, {"basement": "on"}))
    response = client.post(f"/properties/{place.pk}/units/new/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_bedroom-1-area_sqft-error"' in html
    assert "Give the bedroom&#x27;s floor area, or leave the row empty." in html  # row 3
    assert 'id="id_bedroom-3-area_sqft-error"' not in html  # an empty row is no bedroom
    assert 'id="id_units_in_building-error"' in html
    assert 'value="-5"' in html
    assert 'value="140"' in html
    assert not Unit.objects.filter(label="3").exists()


def test_a_unit_label_recorded_already_is_an_error_on_the_label(
    client: Client, owner: User
) -> None:
    place = recorded_unit(owner, "clayton-mo").property  # its unit has no label
    data = {"label": "", "unit_type": "single-family", "units_in_building": "1"}
    data.update(bedrooms())
    response = client.post(f"/properties/{place.pk}/units/new/", data)
    assert response.status_code == 422
    assert "already recorded" in response.context["form"].errors["label"][0]


def test_another_applicants_property_is_not_found(client: Client, owner: User) -> None:
    theirs = recorded_unit(factories.user("someone-else"), "clayton-mo").property
    assert client.get(f"/properties/{theirs.pk}/").status_code == 404
    data = {"label": "9", "unit_type": "apartment", "units_in_building": "2"}
    data.update(bedrooms())
    assert client.post(f"/properties/{theirs.pk}/units/new/", data).status_code == 404
    assert not Unit.objects.filter(label="9").exists()
