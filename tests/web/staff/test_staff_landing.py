"""Where each user lands after signing in with no page asked for: a clerk or code official on
the work queue, an inspector on today's day sheet, an applicant on the home page; the public
home page sends staff to their own start, and a `next` page still wins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.accounts.models import Membership, Role
from tests import factories

pytestmark = pytest.mark.django_db

PHRASE = "a staff phrase"


def _signed_in(person: User, next_page: str | None = None) -> str:
    person.set_password(PHRASE)
    person.save()
    path = "/accounts/sign-in/" + (f"?next={next_page}" if next_page else "")
    answer = Client().post(path, {"username": person.username, "password": PHRASE})
    assert answer.status_code == 302
    return str(answer["Location"])


@pytest.mark.parametrize(
    ("role", "start"),
    [
        (Role.CLERK, "/staff/"),
        (Role.CODE_OFFICIAL, "/staff/"),
        (Role.INSPECTOR, "/staff/inspections/today/"),
        (Role.DIVISION_ADMIN, "/staff/"),
    ],
)
def test_staff_land_on_their_own_start_page(role: str, start: str) -> None:
    assert _signed_in(factories.user("someone", role, "clayton-mo")) == start


def test_a_clerk_who_also_inspects_lands_on_the_work_queue() -> None:
    person = factories.user("both", Role.INSPECTOR, "clayton-mo")
    Membership.objects.create(
        user=person, jurisdiction=factories.jurisdiction("clayton-mo"), role=Role.CLERK
    )
    assert _signed_in(person) == "/staff/"


def test_an_applicant_lands_on_the_home_page() -> None:
    assert _signed_in(factories.user("owner")) == "/"


def test_a_page_asked_for_wins_over_the_start_page() -> None:
    person = factories.user("clerk", Role.CLERK, "clayton-mo")
    assert _signed_in(person, "/staff/search/") == "/staff/search/"


def test_the_home_page_sends_staff_to_their_start_and_shows_others_the_home() -> None:
    inspector = Client()
    inspector.force_login(factories.user("insp", Role.INSPECTOR, "clayton-mo"))
    sent = inspector.get("/")
    assert sent.status_code == 302
    assert sent["Location"] == "/staff/inspections/today/"
    applicant = Client()
    applicant.force_login(factories.user("owner"))
    assert applicant.get("/").status_code == 200
    assert Client().get("/").status_code == 200
