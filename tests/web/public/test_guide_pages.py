"""The "do I need a permit?" guides through the test client: one per pack, the answer with its
reasons and citations, and the facts the rules need asked for next to their fields."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from permitdesk.law.loader import all_packs
from tests.web.public.pages import field_error, kept, page

pytestmark = pytest.mark.django_db


def test_the_guides_list_every_jurisdiction(client: Client) -> None:
    body = page(client, "/guide/")
    for pack in all_packs():
        assert f'href="/guide/{pack.slug}/"' in body
        assert pack.name in body


def test_a_guide_asks_the_eligibility_questions_before_answering(client: Client) -> None:
    body = page(client, "/guide/clayton-mo/")
    for name in ("event", "unit_type", "units_in_building", "rental", "approved_on"):
        assert f'name="{name}"' in body
    assert 'id="answer-heading"' not in body


def test_a_lease_in_st_louis_county_is_answered_with_reasons_and_citations(
    client: Client,
) -> None:
    body = page(client, "/guide/st-louis-county-mo/?event=sale&unit_type=single-family&on=")
    assert "Re-occupancy inspection and permit before moving in" in body
    assert "must obtain a re-occupancy inspection and permit before moving in" in body
    assert "Re-occupancy Ordinance Information (2007) — ¶1" in body
    # The fee that pays for what is required is one click away.
    assert 'href="/estimate/st-louis-county-mo/re-occupancy-permit/"' in body


def test_a_type_ii_unit_in_the_village_needs_no_permit_but_a_report(client: Client) -> None:
    body = page(
        client,
        "/guide/village-ord-08-457/?event=lease&unit_type=apartment&units_in_building=4&on=",
    )
    assert "No re-occupancy permit is required for a Type II unit" in body
    assert "Report of change of occupancy to the Village Clerk (within 30 days)" in body
    assert "requires 2 things" in body
    # What the answer assumed, the defaults included.
    assert "Newly constructed, never occupied before: <strong>no</strong>" in body


def test_the_event_is_required(client: Client) -> None:
    body = page(client, "/guide/clayton-mo/?event=&on=", 422)
    assert "Choose what happens at the unit: one of: sale, lease" in field_error(body, "event")


def test_a_fact_the_rules_need_is_asked_for_next_to_its_field(client: Client) -> None:
    body = page(client, "/guide/village-ord-08-457/?event=lease&on=", 422)
    error = field_error(body, "unit_type")
    assert "Unit type is needed to decide this: kind of dwelling unit; one of:" in error
    assert 'id="answer-heading"' not in body


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("event=lease&units_in_building=0", "units_in_building", "a whole number of at least 1"),
        ("event=lease&units_in_building=two", "units_in_building", "not 'two'"),
        ("event=lease&approved_on=31/12/2025", "approved_on", "must be a date YYYY-MM-DD"),
        ("event=party", "event", "party is not one of: sale, lease"),
        ("event=lease&rental=maybe", "rental", "maybe is not yes or no."),
        ("event=lease&on=tomorrow", "on", "Enter a date YYYY-MM-DD"),
    ],
)
def test_a_bad_fact_is_refused_with_what_is_allowed_and_kept(
    client: Client, query: str, field: str, message: str
) -> None:
    body = page(client, f"/guide/clayton-mo/?{query}", 422)
    assert message in field_error(body, field)
    typed = dict(part.split("=", 1) for part in query.split("&"))[field]
    if field in ("units_in_building", "approved_on", "on"):
        assert kept(body, field) == typed


def test_an_unknown_jurisdiction_is_a_404(client: Client) -> None:
    page(client, "/guide/atlantis/", 404)


def test_the_guides_read_no_database(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_max_num_queries(0):
        page(client, "/guide/")
        page(client, "/guide/clayton-mo/?event=lease&unit_type=apartment&on=")
