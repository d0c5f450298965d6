"""A school confirms whether one named child is on a permit (decision 0008): the page answers
yes or no, never lists the household, names what is wrong with the question, and counts
against the verification rate limit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests import factories
from tests.factories import paperwork
from tests.web.public.pages import field_error, page

pytestmark = pytest.mark.django_db


def ask(number: str, first: str, last: str) -> str:
    return "/verify/child/?" + urlencode({"number": number, "first_name": first, "last_name": last})


def test_the_permit_page_offers_the_question_and_the_answer_is_yes_or_no(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())  # Ben Tenant, 6; Zoë Łukasz 李, 29
    result = page(client, f"/verify/?number={permit.number}")
    assert "Is a child on this permit?" in result
    assert f'name="number" value="{permit.number}"' in result
    yes = page(client, ask(permit.number.lower(), " ben", "tenant "))
    assert '<h2 class="usa-alert__heading">Yes</h2>' in yes
    assert "Zoë" not in yes
    assert "Łukasz" not in yes
    no = page(client, ask(permit.number, "Zoë", "Łukasz 李"))  # an adult: not a child
    assert '<h2 class="usa-alert__heading">No</h2>' in no
    assert "Ben" not in no


def test_a_question_without_a_name_says_which_name(client: Client) -> None:
    permit = paperwork.clayton_permit(factories.people())
    body = page(client, ask(permit.number, "Ben", ""), status=422)
    assert field_error(body, "last_name") == "Enter the child's last name, as the parent gave it."
    assert field_error(body, "first_name") == ""
    long = page(client, ask(permit.number, "B" * 101, "Tenant"), status=422)
    assert "at most 100 characters" in field_error(long, "first_name")
    # Without a permit number the question starts over from the verify page.
    body = page(client, "/verify/child/?first_name=Ben&last_name=Tenant", status=422)
    assert "Enter the permit number" in field_error(body, "number")
    assert "Permit number" in page(client, "/verify/child/")
    assert "No permit with this number" in page(client, ask("XX-1", "Ben", "Tenant"), status=404)
    nul = client.get(ask(permit.number + "\x00", "Ben", "Tenant"))
    assert nul.status_code == 422


def test_child_questions_count_against_the_verification_limit(
    client: Client, settings: Any
) -> None:
    settings.VERIFY_RATE_LIMIT = 2
    permit = paperwork.clayton_permit(factories.people())
    assert client.get(f"/verify/?number={permit.number}").status_code == 200
    assert client.get(ask(permit.number, "Ben", "Tenant")).status_code == 200
    limited = client.get(ask(permit.number, "Ben", "Tenant"))
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert "too many permit verifications" in limited.content.decode().lower()
