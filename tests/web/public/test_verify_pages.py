"""Permit verification through the test client: by number and by the QR code's token, valid or
ended and why, conditional and temporary permits, nothing private, and a 404 that discloses
nothing for an unknown number."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from permitdesk.cases.models import Permit
from permitdesk.cases.services import permit_endings
from permitdesk.documents.permit import verify_url
from tests import factories
from tests.factories import paperwork
from tests.moments import central
from tests.web.public.pages import field_error, kept, page

pytestmark = pytest.mark.django_db


def test_a_permit_found_by_its_number_is_valid_with_its_dates_but_not_its_place(
    client: Client,
) -> None:
    # Numbers are sequential: by number alone, no address (decision 0007).
    permit = paperwork.clayton_permit(factories.people())
    body = page(client, f"/verify/?number={permit.number}")
    assert f"Permit {permit.number}" in body
    assert "Valid: in force" in body
    assert "November 18, 2026" in body  # issued on, in Clayton's zone
    assert "City of Clayton, Missouri" in body
    assert "10 N Central Ave" not in body
    assert "Clayton, MO" not in body
    assert "Shown when you scan the permit's QR code" in body


def test_the_qr_code_token_leads_to_the_same_permit_with_its_place(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    body = page(client, f"/verify/{permit.verification_token}/")
    assert f"Permit {permit.number}" in body
    assert "Valid: in force" in body
    assert "10 N Central Ave" in body
    assert "Clayton, MO" in body


def test_past_the_rate_limit_the_page_asks_to_wait(client: Client, settings: Any) -> None:
    settings.VERIFY_RATE_LIMIT = 2
    permit = paperwork.clayton_permit(factories.people())
    for _ in range(2):
        assert client.get(f"/verify/?number={permit.number}").status_code == 200
    response = client.get(f"/verify/{permit.verification_token}/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Too many permit verifications from your address: at most 2 every 60 seconds" in (
        response.content.decode()
    )


def test_the_url_printed_in_the_permits_qr_code_is_this_page(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    printed = verify_url(permit)
    assert printed.startswith(settings.PUBLIC_URL)
    body = page(client, urlsplit(printed).path)
    assert f"Permit {permit.number}" in body


# The page's random CSRF token, which may by chance spell a short name ("Zo"): not content.
CSRF_TOKEN = re.compile(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]*')


def test_nothing_private_is_shown(client: Client) -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    for url in (f"/verify/?number={permit.number}", f"/verify/{permit.verification_token}/"):
        body = CSRF_TOKEN.sub(r"\1", page(client, url))
        for private in ("Ada", "Tenant", "Ben", "Zo", "Łukasz", "李", "unrelated resident"):
            assert private not in body, (url, private)
        assert who.owner.username not in body.replace("Owner", "")
        assert who.owner.email not in body
        assert who.clerk.username not in body


def test_an_ended_permit_says_when_and_why(client: Client) -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    permit_endings.end_permit(
        actor=who.clerk, permit=permit, reason="change-of-tenancy", now=central("2026-11-20 09:00")
    )
    body = page(client, f"/verify/{permit.verification_token}/")
    assert "Not valid: ended" in body
    assert "Ended on November 20, 2026: ended on a change of tenancy." in body


def test_a_permit_whose_term_is_over_is_ended(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    # Test data: a permit whose term ran out (no service moves the calendar).
    Permit.objects.filter(pk=permit.pk).update(ends_on=dt.date(2020, 1, 31))
    body = page(client, f"/verify/{permit.verification_token}/")
    assert "Not valid: ended" in body
    assert "Its term ended on January 31, 2020." in body


def test_a_number_typed_in_lower_case_is_found(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    body = page(client, f"/verify/?number=+{permit.number.lower()}+")
    assert f"Permit {permit.number}" in body


def test_a_token_with_one_character_changed_is_no_permit(client: Client) -> None:
    token = paperwork.clayton_permit(factories.people()).verification_token
    changed = token[:-1] + ("B" if token[-1] == "A" else "A")
    assert "No permit with this number" in page(client, f"/verify/{changed}/", 404)


def test_a_conditional_permit_shows_its_correction_date(client: Client) -> None:
    _, permit = paperwork.village_conditional(factories.people("village-ord-08-457"))
    body = page(client, f"/verify/?number={permit.number}")
    assert "Conditional occupancy permit" in body
    assert "corrected by December 31, 2026" in body


def test_a_temporary_st_clair_permit_does_not_authorize_occupancy(client: Client) -> None:
    temporary, certificate = paperwork.st_clair_permits(factories.people("st-clair-county-il"))
    body = page(client, f"/verify/?number={temporary.number}")
    assert "Temporary occupancy permit" in body
    assert "does not authorize anyone to occupy" in body
    assert "Not valid: ended" in body  # the certificate of occupancy ended it
    body = page(client, f"/verify/?number={certificate.number}")
    assert "Valid: in force" in body
    assert "does not authorize" not in body


def test_an_unknown_number_or_token_is_a_404_that_discloses_nothing(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    for url in ("/verify/?number=CM-2026-999999-S1", "/verify/not-a-token/"):
        body = page(client, url, 404)
        assert "No permit with this number" in body
        assert permit.number not in body
        assert "10 N Central" not in body


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the permit number, as printed on the permit"),
        ("   ", "Enter the permit number, as printed on the permit"),
        ("X" * 65, "A permit number is at most 64 characters; this one has 65."),
        ("CM\x00", "Null characters are not allowed."),
    ],
)
def test_a_bad_number_is_refused_next_to_the_field(
    client: Client, typed: str, message: str
) -> None:
    body = page(client, f"/verify/?number={quote(typed)}", 422)
    assert message in field_error(body, "number")
    if len(typed) == 65:
        assert kept(body, "number") == typed


def test_a_token_too_long_or_with_a_nul_is_no_permit(client: Client) -> None:
    page(client, f"/verify/{'x' * 300}/", 404)
    page(client, "/verify/a%00b/", 404)


def test_verification_runs_the_same_queries_whatever_the_number_of_permits(
    client: Client,
) -> None:
    who = factories.people()
    first = paperwork.clayton_permit(who)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            page(client, f"/verify/{first.verification_token}/")
            page(client, f"/verify/?number={first.number}")
            page(client, "/verify/?number=nothing", 404)
        counts.append(len(queries))
        for _ in range(3):  # more cases, more permits
            factories.issued(who)
    assert counts[0] == counts[1]
    assert counts[0] <= 7
