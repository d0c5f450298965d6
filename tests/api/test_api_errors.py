"""Bad input is answered for people and never with a 500: 400 for malformed JSON, 422 naming
the field or the fact, 409 with the rule that refuses; the OpenAPI document says so."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from permitdesk.accounts.models import Role
from permitdesk.api.schemas.permits import EndReason
from permitdesk.cases.models import Application
from permitdesk.cases.services.permit_endings import END_REASONS
from tests import factories
from tests.api.client import Api, Clock
from tests.factories import people, submitted
from tests.factories.anywhere import file_case as _file

QUOTE = {"jurisdiction": "clayton-mo", "item": "residential-occupancy"}


def _quote(**changes: Any) -> tuple[int, Any]:
    return Api().post("/quotes", {**QUOTE, **changes})


def test_malformed_json_and_non_json_numbers_are_400() -> None:
    client = Client()
    for body in ("{bad", '{"jurisdiction": NaN}', '{"facts": {"a": Infinity}}'):
        response = client.post("/api/quotes", body, content_type="application/json")
        assert response.status_code == 400, body
        assert "detail" in response.json()


def test_a_bad_fact_is_422_naming_the_fact() -> None:
    status, errors = _quote(facts={"unit_type": "studio"})
    assert status == 422
    assert errors["detail"] == [
        {
            "loc": ["body", "facts", "unit_type"],
            "msg": "unit_type 'studio' is not one of: apartment, condo, duplex, "
            "single-family, mobile-home",
            "type": "fact",
        }
    ]


def test_a_missing_fact_an_unknown_item_and_a_date_before_the_law_are_422() -> None:
    status, errors = _quote()
    assert (status, errors["detail"][0]["loc"]) == (422, ["body", "facts", "unit_type"])
    assert "unit_type is required" in errors["detail"][0]["msg"]
    status, errors = _quote(item="kennel-licence")
    assert (status, errors["detail"][0]["type"]) == (422, "unknown-name")
    assert "not a fee item of clayton-mo" in errors["detail"][0]["msg"]
    status, errors = _quote(facts={"unit_type": "condo"}, on="2001-01-01")
    assert (status, errors["detail"][0]["type"]) == (422, "not-in-force")
    assert "in force from: 2010-08-01" in errors["detail"][0]["msg"]


def test_a_not_permitted_cell_of_the_fee_table_is_422() -> None:
    facts = {"occupancy_group": "parking-structure", "construction_class": "VB", "volume_cuft": 1}
    status, errors = _quote(item="building-permit-new-other", facts=facts)
    assert (status, errors["detail"][0]["type"]) == (422, "not-permitted")
    assert "NP, not permitted" in errors["detail"][0]["msg"]


def test_a_date_fact_that_runs_past_year_9999_is_422_not_500() -> None:
    # St. Clair adds its one-year approval validity to approved_on.
    facts = {"event": "sale", "unit_type": "single-family", "approved_on": "9999-12-01"}
    body = {"jurisdiction": "st-clair-county-il", "facts": facts}
    status, errors = Api().post("/eligibility", body)
    assert (status, errors["detail"][0]["loc"]) == (422, ["body", "facts", "approved_on"])


def test_an_unknown_jurisdiction_is_422_and_its_items_are_422() -> None:
    assert _quote(jurisdiction="atlantis")[0] == 422
    assert Api().get("/jurisdictions/atlantis/items")[0] == 422


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"on": 0}, "on"),  # a number is not a date
        ({"on": "2026-01-01T00:00:00"}, "on"),  # nor is a date and time
        ({"facts": {"unit_type": "condo\x00"}}, "facts"),  # PostgreSQL cannot hold NUL
        ({"item": "x" * 65}, "item"),
    ],
)
def test_field_errors_are_422_with_the_field(changes: dict[str, Any], field: str) -> None:
    status, errors = _quote(**changes)
    assert status == 422
    assert errors["detail"][0]["loc"][:2] == ["body", field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"method": "check", "amount": 80}, "amount"),  # money is text: a float loses cents
        ({"method": "check", "amount": "80.001"}, "amount"),
        ({"method": "check", "amount": "12345678901.00"}, "amount"),  # past 12 digits
        ({"method": "check", "amount": "-5.00"}, "amount"),
        ({"method": "ch\x00eck", "amount": "80.00"}, "method"),
        ({"method": "c" * 21, "amount": "80.00"}, "method"),
    ],
)
def test_money_is_bounded_text(clock: Clock, body: dict[str, Any], field: str) -> None:
    who = people()
    case = submitted(who)
    status, errors = Api(who.clerk).post(f"/applications/{case.pk}/payments", body)
    assert status == 422
    assert errors["detail"][0]["loc"] == ["body", field]


@pytest.mark.django_db
def test_an_id_past_the_database_range_is_422_not_500() -> None:
    api = Api(factories.user("someone"))
    assert api.get(f"/applications/{2**63}")[0] == 422
    assert api.get("/applications/0")[0] == 422
    assert api.get("/applications/abc")[0] == 422
    assert api.get(f"/applications/{2**63 - 1}")[0] == 404
    assert api.get("/applications", limit=10**12)[0] == 422
    status, errors = api.get("/applications", after="bm90LWEtY3Vyc29y")  # "not-a-cursor"
    assert (status, errors["detail"][0]["loc"]) == (422, ["query", "after"])


@pytest.mark.django_db
def test_a_refusal_is_409_with_its_reason_code_and_field(clock: Clock) -> None:
    who = people()
    case = submitted(who)
    status, body = Api(who.owner).post(
        f"/applications/{case.pk}/occupants", {"first_name": " ", "last_name": "B"}
    )
    assert (status, body) == (
        409,
        {
            "detail": "an occupant needs a first and a last name",
            "citation": None,
            "code": "required",
            "field": "first_name",
        },
    )


@pytest.mark.django_db
def test_applying_for_a_unit_one_has_no_relation_to_is_409_on_the_unit(clock: Clock) -> None:
    who = people()
    home = factories.unit("clayton-mo", owner=who.owner)
    body = {"unit": home.pk, "fee_item": "residential-occupancy", "trigger": "lease"}
    status, refused = Api(who.other).post("/applications", body)
    assert (status, refused["code"], refused["field"]) == (409, "no-relation", "unit")
    assert refused["detail"].startswith("you have no relation to this property on record")
    assert "owner or managing agent" in refused["citation"]
    assert Api(who.owner).post("/applications", body)[0] == 201


@pytest.mark.django_db
def test_the_portal_session_is_accepted_and_a_post_needs_its_csrf_token() -> None:
    clerk = factories.user("clerk", Role.CLERK, "clayton-mo")
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    assert client.get("/api/applications").status_code == 200
    body = {"jurisdiction": "clayton-mo", "parcel_id": "P", "address": "1 A St", "city": "C"}
    body |= {"state": "MO", "zip_code": "63105"}
    response = client.post("/api/properties", body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    client.get("/admin/login/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/properties", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_an_address_that_grows_in_upper_case_still_fits_its_column() -> None:
    body = {"jurisdiction": "clayton-mo", "parcel_id": "P-ß", "address": "Straße " * 28}
    body |= {"city": "Clayton", "state": "MO", "zip_code": "63105"}
    factories.jurisdiction("clayton-mo")
    status, place = Api(factories.user("owner")).post("/properties", body)
    assert status == 201, place
    assert place["address"] == body["address"].strip()


def test_the_end_reasons_are_the_services() -> None:
    assert EndReason.__args__ == END_REASONS  # type: ignore[attr-defined]


def test_the_openapi_document_and_its_docs_are_served() -> None:
    client = Client()
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "PermitDesk API"
    assert "/api/verify/{number_or_token}" in document["paths"]
    assert client.get("/api/docs").status_code == 200


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_415_and_changes_nothing() -> None:
    from permitdesk.records.models import Property

    who = people()
    place = {
        "jurisdiction": "clayton-mo",
        "parcel_id": "T-1",
        "address": "1 Main St",
        "city": "Clayton",
        "state": "MO",
        "zip_code": "63105",
    }
    api = Api(who.owner)
    for kind in ("text/plain", "application/x-www-form-urlencoded", "text/json"):
        response = api.client.post(
            "/api/properties", json.dumps(place), content_type=kind, headers=api.headers
        )
        assert response.status_code == 415, kind
        assert response.json() == {
            "detail": f"Content-Type '{kind}' is not supported: send the body as application/json"
        }
    assert not Property.objects.exists()
    assert api.post("/properties", place)[0] == 201


def test_an_unknown_api_path_is_a_json_404_and_a_portal_path_a_page() -> None:
    response = Client().get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("no API endpoint at /api/no-such-endpoint")
    page = Client().get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_a_body_over_the_size_limit_is_a_json_413(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({**QUOTE, "facts": {"note": "x" * 2000}})
    response = Client().post("/api/quotes", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "the request body is larger than the 1000 bytes this site takes"
    }


@pytest.mark.django_db
def test_the_api_answers_422_naming_what_can_be_filed(client) -> None:  # type: ignore[no-untyped-def]
    owner = factories.user("owner")
    home = factories.unit("clayton-mo", owner=owner)
    client.force_login(owner)
    response = client.post(
        "/api/applications",
        {"unit": home.pk, "fee_item": "dumpster-permit", "trigger": "lease"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "these can be filed: residential-occupancy" in str(response.json())
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_saturday_inspection(client) -> None:  # type: ignore[no-untyped-def]
    owner = factories.user("owner")
    case = _file("clayton-mo", owner)
    client.force_login(owner)
    response = client.post(
        f"/api/applications/{case.pk}/inspection-requests",
        {"wanted_on": "2027-01-09", "window": "am", "contact_name": "O", "contact_phone": "1"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "not a business day" in response.json()["detail"]
