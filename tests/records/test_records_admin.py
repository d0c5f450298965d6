"""The records in Django's admin are for looking: its real forms add, change and delete
nothing (every edit is a records service's, audited), and each record links to its staff
page."""

from __future__ import annotations

import pytest
from django.test import Client

from permitdesk.records.models import Party, Unit
from tests import factories
from tests.writes import writes_nothing

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db: None) -> Client:
    client = Client()
    client.force_login(factories.superuser())
    return client


@pytest.fixture
def home(db: None) -> Unit:
    return factories.unit("clayton-mo")


@pytest.mark.parametrize(
    ("model", "route"), [("property", "properties"), ("unit", "units")], ids=["property", "unit"]
)
def test_the_change_page_is_read_only_and_links_to_the_staff_page(
    admin_client_: Client, home: Unit, model: str, route: str
) -> None:
    pk = home.property_id if model == "property" else home.pk
    page = admin_client_.get(f"/admin/records/{model}/{pk}/change/")
    assert page.status_code == 200
    assert f'href="/staff/{route}/{pk}/"'.encode() in page.content
    assert b'name="_save"' not in page.content


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/admin/records/property/{property}/change/", {"parcel_id": "X", "address": "1 Elm"}),
        ("/admin/records/unit/{unit}/change/", {"unit_type": "condo", "bedrooms-TOTAL_FORMS": "0"}),
        ("/admin/records/property/add/", {"parcel_id": "X"}),
        ("/admin/records/unit/{unit}/delete/", {"post": "yes"}),
        ("/admin/records/party/{party}/change/", {"kind": "owner", "name": "B"}),
        ("/admin/records/jurisdiction/{jurisdiction}/change/", {"name": "Gotham"}),
    ],
    ids=[
        "change a property",
        "change a unit",
        "add a property",
        "delete a unit",
        "change a party",
        "rename a jurisdiction",
    ],
)
def test_its_forms_write_nothing(
    admin_client_: Client, home: Unit, path: str, body: dict[str, str]
) -> None:
    party = Party.objects.create(kind="owner", name="A")
    ids = {
        "property": home.property_id,
        "unit": home.pk,
        "party": party.pk,
        "jurisdiction": home.property.jurisdiction_id,
    }
    with writes_nothing():
        response = admin_client_.post(path.format(**ids), body)
    assert response.status_code == 403


def test_the_list_links_each_party_to_its_staff_page(admin_client_: Client) -> None:
    party = Party.objects.create(kind="owner", name="A")
    page = admin_client_.get("/admin/records/party/")
    assert f'href="/staff/parties/{party.pk}/"'.encode() in page.content
