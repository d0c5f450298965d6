"""Moving or cancelling an inspection request from the applicant's pages: the days a new
request could take, the pack's word on the fee, the refusal once the day is set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.services import inspections
from permitdesk.law.loader import get_pack
from permitdesk.web.applicant.inspections import inspection_days
from tests import factories
from tests.factories.recent import paid, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client: Client) -> User:
    person = factories.user("owner")
    client.force_login(person)
    return person


def booked(owner: User) -> tuple[Application, Inspection, list[dt.date]]:
    """A paid Clayton case whose inspection is requested now for the first day offered."""
    crew = factories.staff("clayton-mo")
    case = paid(submitted(owner, "clayton-mo"), crew["clerk"])
    days = inspection_days(get_pack("clayton-mo"), case, timezone.now())
    visit = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=days[0],
        window="am",
        contact_name="Olive Owner",
        contact_phone="314-555-0100",
        now=timezone.now(),
    )
    return case, visit, days


def test_the_case_page_offers_to_move_or_cancel_a_pending_request(
    client: Client, owner: User
) -> None:
    case, visit, _ = booked(owner)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/inspections/{visit.pk}/change/"' in body
    # Honest about the state: no promise of the day before an inspector is assigned.
    assert "The inspector visits on the day requested" not in body
    assert "the day is confirmed then" in body


def test_the_change_page_lists_the_days_and_says_there_is_no_fee(
    client: Client, owner: User
) -> None:
    case, visit, days = booked(owner)
    body = client.get(f"/cases/{case.pk}/inspections/{visit.pk}/change/").content.decode()
    assert f'value="{days[1].isoformat()}"' in body
    assert "There is no fee for moving or cancelling a request." in body
    assert "no cancellation or re-scheduling fee" in body  # the pack's citation


def test_a_request_is_moved(client: Client, owner: User) -> None:
    case, visit, days = booked(owner)
    response = client.post(
        f"/cases/{case.pk}/inspections/{visit.pk}/change/",
        {"wanted_on": days[1].isoformat(), "window": "pm"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.scheduled_on, visit.window) == (days[1], "pm")


def test_a_day_not_offered_is_refused_beside_its_field(client: Client, owner: User) -> None:
    case, visit, days = booked(owner)
    response = client.post(
        f"/cases/{case.pk}/inspections/{visit.pk}/change/",
        {"wanted_on": "2020-01-01", "window": "pm"},
    )
    assert response.status_code == 422
    assert "is not a day the inspection can be placed on" in str(
        response.context["form"].errors["wanted_on"]
    )
    visit.refresh_from_db()
    assert visit.scheduled_on == days[0]


def test_a_request_is_cancelled(client: Client, owner: User) -> None:
    case, visit, _ = booked(owner)
    response = client.post(
        f"/cases/{case.pk}/inspections/{visit.pk}/cancel/", {"reason": "tenant delayed"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=case.pk).status == "submitted"
    assert AuditEvent.objects.get(action="cancel-inspection").after["reason"] == "tenant delayed"
    assert client.get(f"/cases/{case.pk}/inspections/{visit.pk}/change/").status_code == 404


def test_once_the_day_is_set_the_page_says_so_and_changes_nothing(
    client: Client, owner: User
) -> None:
    case, visit, _ = booked(owner)
    Inspection.objects.filter(pk=visit.pk).update(scheduled_on=timezone.localdate())
    url = f"/cases/{case.pk}/inspections/{visit.pk}/"
    page = client.get(url + "change/")
    assert "already on the inspector&#x27;s schedule" in page.content.decode()
    assert client.post(url + "cancel/").status_code == 409
    assert Inspection.objects.filter(pk=visit.pk).exists()


def test_another_applicants_request_is_not_found(client: Client, owner: User) -> None:
    _, visit, _ = booked(factories.user("someone-else"))
    mine = submitted(owner, "clayton-mo")
    for case in (visit.application_id, mine.pk):
        url = f"/cases/{case}/inspections/{visit.pk}/"
        assert client.get(url + "change/").status_code == 404
        assert client.post(url + "cancel/").status_code == 404
    assert Inspection.objects.filter(pk=visit.pk).exists()
