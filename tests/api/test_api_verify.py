"""Public verification (decision 0007): the sequential number shows whether a permit is valid
and its dates, never where it is; the token its QR code carries shows the place too; and each
client gets VERIFY_RATE_LIMIT lookups per VERIFY_RATE_WINDOW seconds, then a 429 in JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from permitdesk.cases.services import applications
from tests import factories
from tests.api.client import Api, Clock
from tests.factories import paperwork
from tests.factories.anywhere import MONDAY
from tests.factories.anywhere import issue as _issue
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_by_number_there_is_no_place_and_by_token_there_is(clock: Clock) -> None:
    clock.set(central("2026-11-20 09:00"))
    permit = paperwork.clayton_permit(factories.people())
    status, by_number = Api().get(f"/verify/{permit.number}")
    assert status == 200
    assert (by_number["status"], by_number["issued_on"]) == ("valid", "2026-11-18")
    assert [by_number[k] for k in ("address", "unit", "city", "state")] == [None] * 4
    status, by_token = Api().get(f"/verify/{permit.verification_token}")
    assert status == 200
    assert (by_token["address"], by_token["city"], by_token["state"]) == (
        "10 N Central Ave",
        "Clayton",
        "MO",
    )


def test_enumerating_numbers_runs_into_the_rate_limit(clock: Clock, settings: Any) -> None:
    settings.VERIFY_RATE_LIMIT, settings.VERIFY_RATE_WINDOW = 5, 60
    clock.set(central("2026-11-20 09:00:10"))
    permit = paperwork.clayton_permit(factories.people())
    prefix = permit.number[:-9]
    answers = [Api().get(f"/verify/{prefix}{n:06d}-S1")[0] for n in range(1, 6)]
    assert 429 not in answers
    response = Client().get(f"/api/verify/{permit.number}")
    assert response.status_code == 429
    assert response["Retry-After"] == "50"  # the window ends at 09:01:00
    assert response.json() == {
        "detail": "too many permit verifications from your address: at most 5 every 60 "
        "seconds; try again in 50 seconds"
    }
    clock.set(central("2026-11-20 09:01:00"))  # a new window
    assert Api().get(f"/verify/{permit.number}")[0] == 200


def test_each_client_has_its_own_count_behind_the_proxy(clock: Clock, settings: Any) -> None:
    settings.VERIFY_RATE_LIMIT, settings.CLIENT_IP_HEADER = 1, "HTTP_X_FORWARDED_FOR"
    clock.set(central("2026-11-20 09:00"))
    permit = paperwork.clayton_permit(factories.people())

    def ask(client: str) -> int:
        # The proxy appends the address it saw; an earlier entry is the client's own claim.
        forwarded = f"10.9.9.9, {client}"
        return (
            Client().get(f"/api/verify/{permit.number}", HTTP_X_FORWARDED_FOR=forwarded).status_code
        )

    assert [ask("192.0.2.1"), ask("192.0.2.2"), ask("192.0.2.1")] == [200, 200, 429]


def test_the_public_verification_no_longer_calls_the_earlier_permit_valid(client) -> None:  # type: ignore[no-untyped-def]
    slug = "clayton-mo"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family", owner=owner)
    first_case = applications.submit_application(
        actor=owner, unit=home, fee_item="residential-occupancy", trigger="lease", now=MONDAY
    )
    first = _issue(first_case, crew, dt.date(2026, 11, 18))
    second_case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="residential-occupancy",
        trigger="lease",
        now=central("2027-03-01 10:00"),
    )
    _issue(second_case, crew, dt.date(2027, 3, 4))
    body = client.get(f"/api/verify/{first.number}").json()
    assert body["status"] == "ended"


def test_a_school_learns_whether_one_child_is_on_the_permit_and_nothing_else(
    clock: Clock,
) -> None:
    clock.set(central("2026-11-20 09:00"))
    permit = paperwork.clayton_permit(factories.people())  # Ben Tenant, 6; Zoë Łukasz 李, 29
    path = f"/verify/{permit.number}/child"
    status, yes = Api().get(path, first_name="Ben", last_name="Tenant")
    assert status == 200
    assert yes == {"number": permit.number, "status": "valid", "named": True}
    # Any case or spacing; by the QR code's token too.
    status, spaced = Api().get(
        f"/verify/{permit.verification_token}/child", first_name=" ben ", last_name="TENANT"
    )
    assert (status, spaced["named"]) == (200, True)
    # An adult of the household, or a name not there: no, and no one else is named.
    for first, last in (("Zoë", "Łukasz 李"), ("Ben", "Smith"), ("Ada", "Tenant")):
        status, no = Api().get(path, first_name=first, last_name=last)
        assert (status, no) == (200, {"number": permit.number, "status": "valid", "named": False})


def test_a_child_on_an_ended_permit_is_not_confirmed(clock: Clock) -> None:
    from permitdesk.cases.services import permit_endings

    clock.set(central("2026-11-20 09:00"))
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    permit_endings.end_permit(
        actor=who.clerk, permit=permit, reason="change-of-tenancy", now=central("2026-11-19 09:00")
    )
    status, answer = Api().get(
        f"/verify/{permit.number}/child", first_name="Ben", last_name="Tenant"
    )
    assert (status, answer["status"], answer["named"]) == (200, "ended", False)


def test_a_child_question_names_what_is_wrong_and_counts_against_the_limit(
    clock: Clock, settings: Any
) -> None:
    settings.VERIFY_RATE_LIMIT, settings.VERIFY_RATE_WINDOW = 2, 60
    clock.set(central("2026-11-20 09:00:10"))
    permit = paperwork.clayton_permit(factories.people())
    status, body = Api().get(f"/verify/{permit.number}/child", first_name="Ben")
    assert status == 422
    assert "last_name" in str(body["detail"])
    status, _ = Api().get("/verify/CM-2026-999999-S1/child", first_name="Ben", last_name="Tenant")
    assert status == 404
    status, _ = Api().get(f"/verify/{permit.number}/child", first_name="Ben", last_name="Tenant")
    assert status == 200
    status, body = Api().get(f"/verify/{permit.number}/child", first_name="Ben", last_name="Tenant")
    assert status == 429
    assert "too many permit verifications" in body["detail"]
