"""The public fee estimator through the test client: every item of every pack, the amounts and
citations, and every refusal shown next to the field it concerns, with what was typed kept."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from permitdesk.law.loader import all_packs
from permitdesk.law.schema import FactSpec
from tests.web.public.pages import alert, field_error, kept, page

pytestmark = pytest.mark.django_db

EVERY_ITEM = [(pack.slug, item) for pack in all_packs() for item in pack.fees.items]


def _sample(spec: FactSpec) -> str:
    """A value each fact allows (its minimum, its first choice)."""
    if spec.type == "choice":
        return (spec.choices or [""])[0]
    if spec.type == "bool":
        return "false"
    if spec.type == "date":
        return "2026-01-15"
    low = spec.minimum if spec.minimum is not None and spec.minimum > 0 else 1
    return str(low)


def test_the_chooser_lists_every_item_of_every_pack(client: Client) -> None:
    body = page(client, "/estimate/")
    for slug, item in EVERY_ITEM:
        assert f'value="{slug}/{item}"' in body
        assert f'href="/estimate/{slug}/{item}/"' in body


def test_choosing_an_item_leads_to_its_page(client: Client) -> None:
    response = client.get("/estimate/?item=clayton-mo/building-permit")
    assert response.status_code == 302
    assert response["Location"] == "/estimate/clayton-mo/building-permit/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("item=", "Choose a fee item from the list."),
        ("item=clayton-mo/no-such-fee", "clayton-mo/no-such-fee is not a fee item of any"),
    ],
)
def test_the_chooser_refuses_what_is_not_on_the_list(
    client: Client, query: str, message: str
) -> None:
    body = page(client, f"/estimate/?{query}", 422)
    assert message in field_error(body, "item")


@pytest.mark.parametrize(("slug", "item"), EVERY_ITEM)
def test_every_item_is_estimated_from_its_declared_facts(
    client: Client, slug: str, item: str
) -> None:
    fee_item = next(p for p in all_packs() if p.slug == slug).fees.items[item]
    facts = {name: _sample(spec) for name, spec in fee_item.facts.items()}
    # Every declared fact is a field of the form, labelled from the pack.
    blank = page(client, f"/estimate/{slug}/{item}/")
    for name, spec in fee_item.facts.items():
        assert f'name="{name}"' in blank
        assert f'<label class="usa-label" for="id_{name}">' in blank or spec.type == "bool"
    response = client.get(f"/estimate/{slug}/{item}/?{urlencode({**facts, 'on': ''})}")
    body = response.content.decode()
    if response.status_code == 422:  # the first row and column of a table may be NP
        assert "is NP, not permitted" in alert(body)
    else:
        assert response.status_code == 200
        assert 'id="estimate-heading"' in body
        assert "Total fees" in body or "does not issue this" in body


def test_a_clayton_building_permit_by_construction_cost(client: Client) -> None:
    body = page(
        client,
        "/estimate/clayton-mo/building-permit/?construction_cost=50000&inspections=2&on=2026-11-23",
    )
    # $30 application, 2 × $30 inspections, 50 started $1,000 × $12 = $600.
    assert "$12.00 × 50 of 1,000 dollars" in body
    assert "$600.00" in body
    assert "$690.00" in body
    assert "Building Permits 1) — $12.00 per $1,000 of construction cost" in body
    assert "in effect from August 1, 2010" in body
    assert kept(body, "construction_cost") == "50000"
    # What the estimate assumed, defaults included.
    assert "Construction cost of the work (dollars): <strong>50,000</strong>" in body


def test_a_clayton_building_permit_by_type_of_construction(client: Client) -> None:
    body = page(
        client,
        "/estimate/clayton-mo/building-permit-new-other/"
        "?occupancy_group=store&construction_class=IIB&volume_cuft=20000&on=2026-11-23",
    )
    # STORE in type IIB is $24.68 per started 1,000 cubic feet: 20 × $24.68 = $493.60.
    assert "$24.68 (STORE, type IIB) × 20 of 1,000 cubic feet" in body
    assert "$553.60" in body
    assert "Attachment 1, Type of Construction (effective October 1, 2005)" in body
    assert '<option value="IIB" selected>' in body


def test_a_not_permitted_cell_of_the_table_is_refused_above_the_form(client: Client) -> None:
    body = page(
        client,
        "/estimate/clayton-mo/building-permit-new-other/"
        "?occupancy_group=store&construction_class=VB&volume_cuft=20000&on=",
        422,
    )
    assert "Occupancy group 'store' (STORE) in construction class 'VB' is NP" in alert(body)
    assert 'id="estimate-heading"' not in body


def test_a_st_clair_occupancy_inspection_by_unit_type(client: Client) -> None:
    body = page(client, "/estimate/st-clair-county-il/occupancy-inspection/?unit_type=duplex&on=")
    assert "$100.00 (duplex), flat" in body
    assert "St. Clair County, IL — Occupancy Program — Program Fees" in body


def test_a_refundable_deposit_is_kept_apart_from_the_fees(client: Client) -> None:
    body = page(client, "/estimate/clayton-mo/demolition-permit/?total_demolition=true&on=")
    # $30 application + $80 demolition in fees; the $1,000 cash deposit is refundable.
    assert "$110.00" in body
    assert "Refundable deposits (apart from fees)" in body
    assert "$1,000.00" in body


def test_an_item_issued_elsewhere_says_who_issues_it(client: Client) -> None:
    body = page(client, "/estimate/clayton-mo/electrical-permit/")
    assert "does not issue this: All electrical permits are obtained and inspected" in body
    assert "Total fees" not in body


def test_an_estimate_says_which_defaults_it_assumed(client: Client) -> None:
    body = page(client, "/estimate/clayton-mo/mechanical-permit/?furnaces_btu=120000&on=")
    assert "Each furnace&#x27;s rating in BTU, e.g. 120000,250000: <strong>120,000</strong>" in body
    assert "Each boiler&#x27;s rating in BTU: <strong>none</strong>" in body
    assert "(at least the final one): <strong>1</strong>" in body


def test_an_item_with_no_required_fact_is_estimated_at_once(client: Client) -> None:
    body = page(client, "/estimate/st-clair-county-il/occupancy-permit/")
    assert "$35.00" in body
    assert 'id="estimate-heading"' in body


def test_an_item_with_a_required_fact_waits_for_the_form(client: Client) -> None:
    body = page(client, "/estimate/clayton-mo/building-permit/")
    assert 'id="estimate-heading"' not in body
    assert field_error(body, "construction_cost") == ""


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("construction_cost=abc", "construction_cost", "must be a number of at least 0.01"),
        ("construction_cost=0", "construction_cost", "0 is too small"),
        ("construction_cost=", "construction_cost", "a number of at least 0.01"),
        ("construction_cost=5000&inspections=1.5", "inspections", "a whole number of at least 0"),
        ("construction_cost=5000&on=someday", "on", "Enter a date YYYY-MM-DD"),
        ("construction_cost=" + "9" * 201, "construction_cost", "at most 200 characters, not 201"),
        ("construction_cost=5000&on=1990-01-01", "on", "not in force on 1990-01-01"),
    ],
)
def test_a_bad_fact_is_named_with_what_is_allowed_and_kept(
    client: Client, query: str, field: str, message: str
) -> None:
    body = page(client, f"/estimate/clayton-mo/building-permit/?{query}", 422)
    assert message in field_error(body, field)
    assert 'id="estimate-heading"' not in body
    typed = dict(part.split("=", 1) for part in query.split("&"))
    assert kept(body, field) == typed[field]


def test_a_choice_not_in_the_pack_names_the_choices(client: Client) -> None:
    body = page(client, "/estimate/st-clair-county-il/occupancy-inspection/?unit_type=castle", 422)
    assert "castle is not one of: apartment, mobile-home, duplex, condo, single-family" in (
        field_error(body, "unit_type")
    )


def test_a_required_choice_left_empty_says_so(client: Client) -> None:
    body = page(client, "/estimate/st-clair-county-il/occupancy-inspection/?unit_type=&on=", 422)
    assert "Choose kind of dwelling unit: one of:" in field_error(body, "unit_type")


def test_an_unknown_item_or_jurisdiction_is_a_404(client: Client) -> None:
    assert "has no fee item" in page(client, "/estimate/clayton-mo/no-such-fee/", 404)
    page(client, "/estimate/atlantis/building-permit/", 404)


def test_the_estimator_reads_no_database(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # The law is in the packs, loaded once per process: the pages query nothing per item.
    with django_assert_max_num_queries(0):
        page(client, "/estimate/")
        page(client, "/estimate/clayton-mo/building-permit/?construction_cost=1&on=")
