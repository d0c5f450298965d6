"""The occupants page: a move-in date with each name; an occupant changed or removed until
the permit is issued, then refused with the reason; another applicant's occupant not found."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Occupant
from permitdesk.cases.services import occupants, permits
from tests import factories
from tests.factories.recent import approved, paid, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client: Client) -> User:
    person = factories.user("owner")
    client.force_login(person)
    return person


def named(case: Application, first: str = "Ada") -> Occupant:
    return occupants.add_occupant(
        actor=case.applicant,
        application=case,
        first_name=first,
        last_name="Tenant",
        age=34,
        relationship="head",
        now=timezone.now(),
    )


def soon() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=10)


def test_an_occupant_is_added_with_a_move_in_date(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    response = client.post(
        f"/cases/{case.pk}/occupants/",
        {"first_name": "Ada", "last_name": "Tenant", "moves_in_on": soon().isoformat()},
    )
    assert response.status_code == 302
    assert case.occupants.get().moves_in_on == soon()
    page = client.get(f"/cases/{case.pk}/occupants/").content.decode()
    assert f"Moves in {soon():%A, %B %-d, %Y}" in page
    assert 'Change<span class="usa-sr-only"> Ada Tenant</span>' in page


def test_a_move_in_date_out_of_range_is_refused_beside_its_field(
    client: Client, owner: User
) -> None:
    case = submitted(owner, "clayton-mo")
    response = client.post(
        f"/cases/{case.pk}/occupants/",
        {"first_name": "Ada", "last_name": "Tenant", "moves_in_on": "2099-01-01"},
    )
    assert response.status_code == 422
    assert "out of range" in str(response.context["form"].errors["moves_in_on"])
    assert not case.occupants.exists()


def test_an_occupant_is_changed_from_their_own_form(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    ada = named(case)
    url = f"/cases/{case.pk}/occupants/{ada.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Ada"' in form.content.decode()
    response = client.post(
        url,
        {
            "change-first_name": "Ada",
            "change-last_name": "Tenant-Smith",
            "change-age": "35",
            "change-relationship": "head",
            "change-moves_in_on": soon().isoformat(),
        },
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.last_name, ada.age, ada.moves_in_on) == ("Tenant-Smith", 35, soon())
    assert AuditEvent.objects.filter(action="change-occupant", object_id=str(ada.pk)).exists()


def test_a_change_without_a_name_is_refused_and_changes_nothing(
    client: Client, owner: User
) -> None:
    case = submitted(owner, "clayton-mo")
    ada = named(case)
    response = client.post(
        f"/cases/{case.pk}/occupants/{ada.pk}/",
        {"change-first_name": "", "change-last_name": "Tenant"},
    )
    assert response.status_code == 422
    assert "first_name" in response.context["form"].errors
    ada.refresh_from_db()
    assert ada.first_name == "Ada"


def test_an_occupant_is_removed(client: Client, owner: User) -> None:
    case = submitted(owner, "clayton-mo")
    ada = named(case)
    response = client.post(f"/cases/{case.pk}/occupants/{ada.pk}/remove/")
    assert response.status_code == 302
    assert not case.occupants.exists()
    assert client.get(f"/cases/{case.pk}/occupants/{ada.pk}/remove/").status_code == 405


def test_after_the_permit_is_issued_a_change_is_refused_with_the_reason(
    client: Client, owner: User
) -> None:
    crew = factories.staff("clayton-mo")
    case = paid(submitted(owner, "clayton-mo"), crew["clerk"])
    approved(case, crew)
    ada = named(case)
    permits.issue_permit(actor=crew["clerk"], application=case, now=timezone.now())
    page = client.get(f"/cases/{case.pk}/occupants/").content.decode()
    assert "/remove/" not in page
    assert "changed by the division, by amending the permit" in page
    removed = client.post(f"/cases/{case.pk}/occupants/{ada.pk}/remove/")
    assert removed.status_code == 409
    assert "only until the permit is issued" in removed.content.decode()
    changed = client.post(
        f"/cases/{case.pk}/occupants/{ada.pk}/",
        {"change-first_name": "Ada", "change-last_name": "Other"},
    )
    assert changed.status_code == 422
    assert "only until the permit is issued" in changed.content.decode()
    assert Occupant.objects.get(pk=ada.pk).last_name == "Tenant"


def test_another_applicants_occupant_is_not_found(client: Client, owner: User) -> None:
    theirs = submitted(factories.user("someone-else"), "clayton-mo")
    ada = named(theirs)
    mine = submitted(owner, "clayton-mo")
    assert client.get(f"/cases/{theirs.pk}/occupants/{ada.pk}/").status_code == 404
    assert client.get(f"/cases/{mine.pk}/occupants/{ada.pk}/").status_code == 404
    assert client.post(f"/cases/{mine.pk}/occupants/{ada.pk}/remove/").status_code == 404
    assert Occupant.objects.filter(pk=ada.pk).exists()
