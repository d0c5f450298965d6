"""Applying through the applicant pages: the fee quote first (nothing stored), then the
application with its parties; refusals next to the field they concern, the input kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.cases.models import Application
from permitdesk.records.models import Party, Unit
from tests import factories
from tests.factories.records import recorded_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client: Client) -> User:
    person = factories.user("owner")
    client.force_login(person)
    return person


def form(unit: Unit, **changes: str) -> dict[str, str]:
    return {
        "unit": str(unit.pk),
        "trigger": "lease",
        "owner_name": "Olive Owner",
        "owner_email": "olive@example.test",
        "owner_phone": "314-555-0100",
        "agent_name": "Max Agent",
        "agent_email": "max@example.test",
        "agent_phone": "",
        "tenant_name": "",
        "tenant_email": "",
        "tenant_phone": "",
        **changes,
    }


def test_the_quote_lists_the_fees_with_citations_and_stores_nothing(
    client: Client, owner: User
) -> None:
    unit = recorded_unit(owner, "clayton-mo")
    response = client.post("/apply/", form(unit, step="quote"))
    assert response.status_code == 200
    quote = response.context["quote"]
    assert quote.item == "residential-occupancy"
    assert quote.total > 0
    html = response.content.decode()
    assert f"${quote.total:,.2f}" in html
    assert quote.lines[0].citation in html
    assert "Submit the application" in html
    assert not Application.objects.exists()


def test_submitting_applies_with_the_parties_and_shows_the_case(
    client: Client, owner: User
) -> None:
    unit = recorded_unit(owner, "st-louis-county-mo")
    response = client.post("/apply/", form(unit, step="submit", tenant_name="Tess Tenant"))
    case = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.applicant, case.fee_item, case.trigger) == (owner, "re-occupancy-permit", "lease")
    parties = sorted((p.kind, p.name, p.email) for p in case.parties.all())
    assert parties == [
        (Party.Kind.MANAGING_AGENT, "Max Agent", "max@example.test"),
        (Party.Kind.OWNER, "Olive Owner", "olive@example.test"),
        (Party.Kind.TENANT, "Tess Tenant", ""),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Application submitted; fees assessed" in page
    assert "Managing agent: Max Agent" in page


def test_an_event_the_ordinance_does_not_cover_is_an_error_on_the_event(
    client: Client, owner: User
) -> None:
    unit = recorded_unit(owner, "clayton-mo")  # Clayton's permits are for rentals only
    response = client.post("/apply/", form(unit, trigger="sale", step="submit"))
    assert response.status_code == 422
    errors = response.context["form"].errors["trigger"]
    assert errors[0].startswith("No application is called for")
    html = response.content.decode()
    assert 'id="id_trigger-error"' in html
    assert 'value="Olive Owner"' in html
    assert not Application.objects.exists()


def test_party_details_need_a_name_and_valid_contacts(client: Client, owner: User) -> None:
    unit = recorded_unit(owner, "clayton-mo")
    data = form(unit, step="submit", owner_name="", agent_name="", owner_phone="call me")
    response = client.post("/apply/", data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"owner_name", "owner_phone", "agent_name"}
    assert "whose details" in errors["agent_name"][0]
    assert 'value="call me"' in response.content.decode()
    assert not Application.objects.exists()


def test_a_unit_of_another_applicants_property_cannot_be_chosen(
    client: Client, owner: User
) -> None:
    theirs = recorded_unit(factories.user("someone-else"), "clayton-mo")
    response = client.post("/apply/", form(theirs, step="submit"))
    assert response.status_code == 422
    assert "unit" in response.context["form"].errors
    assert not Application.objects.exists()


def test_the_village_quote_is_its_occupancy_permit_fee(client: Client, owner: User) -> None:
    unit = recorded_unit(owner, "village-ord-08-457")
    response = client.post("/apply/", form(unit, trigger="sale", step="quote"))
    assert response.context["quote"].item == "occupancy-permit"
    assert response.context["quote"].total == Decimal("80.00")


def test_st_clair_quotes_the_permit_fee_due_later_too(client: Client, owner: User) -> None:
    unit = recorded_unit(owner, "st-clair-county-il")
    response = client.post("/apply/", form(unit, step="quote"))
    assert response.context["quote"].item == "occupancy-inspection"
    assert response.context["later"].total == Decimal("35.00")
    assert "Due later, when the inspection is approved" in response.content.decode()


def test_the_same_form_sent_twice_makes_one_application(client: Client, owner: User) -> None:
    unit = recorded_unit(owner, "clayton-mo")
    quoted = client.post("/apply/", form(unit, step="quote"))
    key = quoted.context["key"]
    assert f'name="key" value="{key}"' in quoted.content.decode()
    first = client.post("/apply/", form(unit, step="submit", key=key))
    again = client.post("/apply/", form(unit, step="submit", key=key))
    case = Application.objects.get()
    assert first["Location"] == again["Location"] == f"/cases/{case.pk}/"
