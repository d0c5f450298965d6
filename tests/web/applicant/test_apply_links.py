"""The ways into the apply form: the signed-in home page, and the guide's answer (with the
event it was told, through the sign-in page for a visitor)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_signed_in_home_page_offers_to_apply(client: Client) -> None:
    client.force_login(factories.user("owner"))
    body = client.get("/").content.decode()
    assert 'id="home-apply" href="/apply/"' in body


def test_a_guide_answer_that_requires_a_permit_leads_to_the_apply_form(client: Client) -> None:
    client.force_login(factories.user("owner"))
    body = client.get("/guide/st-louis-county-mo/?event=sale&unit_type=single-family").content
    assert b'id="guide-apply" href="/apply/?trigger=sale"' in body


def test_a_visitor_is_sent_through_the_sign_in_page(client: Client) -> None:
    body = client.get("/guide/st-louis-county-mo/?event=sale&unit_type=single-family").content
    assert b'href="/accounts/sign-in/?next=%2Fapply%2F%3Ftrigger%3Dsale"' in body


def test_an_answer_that_requires_no_application_offers_none(client: Client) -> None:
    """The village's Type II unit: a report to the Clerk is required, not a permit."""
    body = client.get(
        "/guide/village-ord-08-457/?event=lease&unit_type=apartment&units_in_building=4&on="
    ).content.decode()
    assert "Report of change of occupancy" in body
    assert 'id="guide-apply"' not in body


def test_the_apply_form_starts_with_the_event_the_guide_was_told(client: Client) -> None:
    client.force_login(factories.user("owner"))
    response = client.get("/apply/?trigger=sale")
    assert response.context["form"]["trigger"].value() == "sale"
    assert client.get("/apply/?trigger=party").context["form"]["trigger"].value() is None
