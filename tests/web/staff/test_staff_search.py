"""Search by address (from its start), parcel, permit number or name, within the jurisdictions
where the user works the cases; newest first, 25 to a page."""

from __future__ import annotations

import pytest

from permitdesk.cases.models import Occupant
from permitdesk.records.models import Party
from tests import factories
from tests.web.staff.conftest import client_of


def found(who: factories.People, q: str, user: object = None) -> str:
    response = client_of(user or who.clerk).get("/staff/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_search_finds_by_address_parcel_permit_number_and_names(who: factories.People) -> None:
    permit = factories.issued(who)  # its occupant is Ada Tenant
    case = permit.application
    other = factories.submitted(who)
    tenant = Party.objects.create(kind="tenant", name="Grace Hopper")
    other.parties.add(tenant)
    link = f'href="/staff/cases/{case.pk}/"'
    other_link = f'href="/staff/cases/{other.pk}/"'
    assert link in found(who, "10 n central")  # the address from its start, any case
    by_parcel = found(who, case.unit.property.parcel_id)
    assert link in by_parcel
    assert other_link not in by_parcel
    by_permit = found(who, permit.number.lower())
    assert link in by_permit
    assert other_link not in by_permit
    assert Occupant.objects.filter(application=case, last_name="Tenant").exists()
    by_occupant = found(who, "tenant")
    assert link in by_occupant
    assert other_link not in by_occupant
    by_party = found(who, "hopper")
    assert other_link in by_party
    assert link not in by_party
    assert "0 cases found" in found(who, "Nowhere Street")


@pytest.mark.django_db
def test_search_sees_only_the_users_jurisdictions(who: factories.People) -> None:
    case = factories.submitted(who)
    page = found(who, case.unit.property.parcel_id, who.clerk_elsewhere)
    assert "0 cases found" in page


@pytest.mark.django_db
def test_search_pages_by_25(who: factories.People) -> None:
    for _ in range(26):
        factories.submitted(who)
    first = found(who, "10 N")
    assert "26 cases found" in first
    assert "Page 1 of 2" in first
    assert first.count('href="/staff/cases/') == 25
    second = client_of(who.clerk).get("/staff/search/", {"q": "10 N", "page": "2"}).content.decode()
    assert second.count('href="/staff/cases/') == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "message"), [("", "This field is required"), ("x" * 101, "at most 100")]
)
def test_a_search_without_usable_words_says_why(
    who: factories.People, q: str, message: str
) -> None:
    response = client_of(who.clerk).get("/staff/search/", {"q": q})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_q-error"' in page
    assert message in page


@pytest.mark.django_db
def test_an_inspector_has_no_search(who: factories.People) -> None:
    assert client_of(who.inspector).get("/staff/search/", {"q": "10"}).status_code == 403
