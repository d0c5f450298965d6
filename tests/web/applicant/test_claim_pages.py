"""Claiming a relation to a recorded property: the add-a-property form sends a recorded parcel
to the claim form, filled in; the claim's refusals sit beside their fields; the case list shows
every relation and its status."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.records.models import Relation
from tests import factories

pytestmark = pytest.mark.django_db

CLAIM = {
    "jurisdiction": "clayton-mo",
    "parcel_id": "P-1",
    "kind": "tenant",
    "unit_label": "",
    "evidence": "lease of 2026-10-01, 12 months",
}


@pytest.fixture
def tenant(client: Client) -> User:
    factories.unit("clayton-mo", parcel="P-1", owner=factories.user("owner"))
    person = factories.user("tenant")
    client.force_login(person)
    return person


def test_a_recorded_parcel_is_offered_as_a_claim(client: Client, tenant: User) -> None:
    body = {
        "jurisdiction": "clayton-mo",
        "parcel_id": "P-1",
        "address": "10 N Central Ave",
        "city": "Clayton",
        "state": "MO",
        "zip_code": "63105",
        "relation": "tenant",
    }
    response = client.post("/properties/new/", body)
    assert response.status_code == 422
    page = response.content.decode()
    assert "already recorded in City of Clayton, Missouri" in page
    assert (
        'href="/properties/claim/?jurisdiction=clayton-mo&amp;parcel_id=P-1&amp;kind=tenant"'
        in page
    )
    filled = client.get("/properties/claim/?jurisdiction=clayton-mo&parcel_id=P-1&kind=tenant")
    assert 'value="P-1"' in filled.content.decode()


def test_a_claim_is_sent_to_the_clerk_and_listed_as_claimed(client: Client, tenant: User) -> None:
    response = client.post("/properties/claim/", CLAIM)
    assert (response.status_code, response["Location"]) == (302, "/cases/")
    relation = Relation.objects.get(person=tenant)
    assert (relation.kind, relation.status) == ("tenant", "claimed")
    listed = client.get("/cases/").content.decode()
    assert "claimed — the clerk verifies it" in listed
    assert "(parcel P-1)" in listed


def test_a_refused_claim_is_the_fields_error_and_stores_nothing(
    client: Client, tenant: User
) -> None:
    response = client.post("/properties/claim/", {**CLAIM, "evidence": ""})
    assert response.status_code == 422
    assert "the lease (what it is, its date, its reference)" in response.content.decode()
    unknown = client.post("/properties/claim/", {**CLAIM, "parcel_id": "NOPE"})
    assert unknown.status_code == 422
    assert "Parcel NOPE is not recorded" in unknown.content.decode()
    assert not Relation.objects.filter(person=tenant).exists()


def test_a_tenants_claim_shows_the_property_but_adds_no_unit(client: Client, tenant: User) -> None:
    client.post("/properties/claim/", CLAIM)
    place = Relation.objects.get(person=tenant).property
    assert client.get(f"/properties/{place.pk}/").status_code == 200
    assert client.get(f"/properties/{place.pk}/units/new/").status_code == 404
