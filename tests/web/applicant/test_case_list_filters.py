"""An agent's case list: filtered by status and jurisdiction, searched by address or case
number, paginated with the filters kept; a bad filter is refused beside its field."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from permitdesk.cases.models import Application
from permitdesk.cases.selectors.applicant import CASES_PER_PAGE
from permitdesk.records.models import Property
from tests import factories
from tests.factories.recent import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(client: Client) -> User:
    person = factories.user("agent")
    client.force_login(person)
    return person


def listed(client: Client, query: str = "", status: int = 200) -> list[int]:
    response = client.get(f"/cases/?{query}")
    assert response.status_code == status
    return [case.pk for case in response.context["page"].object_list]


def test_the_list_filters_by_status_and_jurisdiction(client: Client, agent: User) -> None:
    clayton = submitted(agent, "clayton-mo")
    county = submitted(agent, "st-louis-county-mo")
    Application.objects.filter(pk=county.pk).update(status="approved")
    assert set(listed(client)) == {clayton.pk, county.pk}
    assert listed(client, "status=approved") == [county.pk]
    assert listed(client, "jurisdiction=clayton-mo") == [clayton.pk]
    assert listed(client, "status=approved&jurisdiction=clayton-mo") == []
    body = client.get("/cases/?status=approved&jurisdiction=clayton-mo").content.decode()
    assert "No case matches these filters." in body
    assert 'href="/cases/">Clear the filters' in body


def test_the_jurisdiction_filter_offers_only_those_with_cases(client: Client, agent: User) -> None:
    submitted(agent, "clayton-mo")
    factories.jurisdiction("village-ord-08-457")
    choices = dict(client.get("/cases/").context["form"].fields["jurisdiction"].choices)
    assert "clayton-mo" in choices
    assert "village-ord-08-457" not in choices


def test_the_search_finds_a_case_by_number_or_address(client: Client, agent: User) -> None:
    clayton = submitted(agent, "clayton-mo")
    county = submitted(agent, "st-louis-county-mo")
    Property.objects.filter(pk=county.unit.property_id).update(address="4417 Elm Street")
    assert listed(client, f"q={clayton.pk}") == [clayton.pk]
    assert listed(client, f"q=%23{clayton.pk}") == [clayton.pk]
    assert listed(client, "q=elm+st") == [county.pk]
    assert listed(client, "q=4417") == [county.pk]  # a street number, not a case number
    assert listed(client, "q=no+such+street") == []


def test_a_bad_filter_is_refused_beside_its_field_and_the_list_is_unfiltered(
    client: Client, agent: User
) -> None:
    case = submitted(agent, "clayton-mo")
    assert listed(client, "status=visa", status=422) == [case.pk]
    response = client.get("/cases/?jurisdiction=nowhere")
    assert "Select a valid choice" in str(response.context["form"].errors["jurisdiction"])


def test_another_applicants_cases_are_never_listed(client: Client, agent: User) -> None:
    theirs = submitted(factories.user("someone-else"), "clayton-mo")
    assert listed(client, f"q={theirs.pk}") == []


def test_the_pages_keep_the_filters(client: Client, agent: User) -> None:
    for _ in range(CASES_PER_PAGE + 1):
        submitted(agent, "clayton-mo")
    body = client.get("/cases/?status=submitted").content.decode()
    assert 'href="?status=submitted&amp;page=2"' in body
    assert len(listed(client, "status=submitted&page=2")) == 1
