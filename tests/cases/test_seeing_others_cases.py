"""A unit's verified owner of record or managing agent sees the cases others filed on it, read
only, in the portal, the API and the PDFs (cases.permissions, decision 0013); a buyer, a
tenant, or a relation claimed, refused or ended sees none of them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django.fixtures import Settings

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.cases.models import Application
from permitdesk.cases.permissions import may_see_case, visible_applications
from permitdesk.cases.services.applications import withdraw_application
from permitdesk.records.models import Relation, Unit
from tests import factories
from tests.api.client import Api

pytestmark = pytest.mark.django_db

SEES = [("owner", "verified"), ("managing-agent", "verified")]
SEES_NOTHING = [
    (kind, status)
    for kind in Relation.Kind.values
    for status in Relation.Status.values
    if (kind, status) not in SEES
]


def viewer_of(case: Application, kind: str, status: str, unit: Unit | None = None) -> User:
    """A third person with a `kind` relation of `status` to the case's parcel (or `unit`)."""
    viewer = factories.user("viewer")
    factories.relation(viewer, case.unit.property, kind=kind, status=status, unit=unit)
    return viewer


def sees(viewer: User, case: Application) -> set[str]:
    """Where `viewer` sees the case: the ORM rule, the one-case rule, the API's case file and
    list, the portal's case page and list, the permit PDF."""
    found = set()
    if visible_applications(viewer).filter(pk=case.pk).exists():
        found.add("visible_applications")
    inspectors = set(case.inspections.values_list("inspector_id", flat=True)) - {None}
    if may_see_case(viewer, case.applicant_id, case.jurisdiction_id, inspectors, case.unit_id):
        found.add("may_see_case")
    api = Api(viewer)
    if api.get(f"/applications/{case.pk}")[0] == 200:
        found.add("api case")
    if any(item["id"] == case.pk for item in api.get("/applications")[1]["items"]):
        found.add("api list")
    browser = Client()
    browser.force_login(viewer)
    if browser.get(f"/cases/{case.pk}/").status_code == 200:
        found.add("case page")
    if f"/cases/{case.pk}/" in browser.get("/cases/").content.decode():
        found.add("case list")
    permit = case.permits.first()
    if permit is not None and browser.get(f"/documents/permits/{permit.pk}.pdf").status_code == 200:
        found.add("permit pdf")
    return found


EVERYWHERE = {
    "visible_applications",
    "may_see_case",
    "api case",
    "api list",
    "case page",
    "case list",
    "permit pdf",
}


@pytest.mark.parametrize(("kind", "status"), SEES)
def test_the_verified_owner_or_agent_sees_the_case_everywhere(kind: str, status: str) -> None:
    permit = factories.issued(factories.people())
    viewer = viewer_of(permit.application, kind, status)
    assert sees(viewer, permit.application) == EVERYWHERE


@pytest.mark.parametrize(("kind", "status"), SEES_NOTHING)
def test_any_other_relation_sees_nothing(kind: str, status: str) -> None:
    permit = factories.issued(factories.people())
    viewer = viewer_of(permit.application, kind, status)
    assert sees(viewer, permit.application) == set()


def test_the_owner_of_one_unit_sees_that_units_cases_only() -> None:
    who = factories.people()
    case = factories.submitted(who)
    neighbour = Unit.objects.create(property=case.unit.property, label="B", unit_type="condo")
    viewer = viewer_of(case, "owner", "verified", unit=neighbour)
    assert sees(viewer, case) == set()
    Relation.objects.filter(person=viewer).update(unit=case.unit)
    assert "case page" in sees(viewer, case)


def test_an_ended_relation_no_longer_sees_the_case() -> None:
    case = factories.submitted(factories.people())
    viewer = viewer_of(case, "managing-agent", "verified")
    assert "case page" in sees(viewer, case)
    Relation.objects.filter(person=viewer).update(status=Relation.Status.ENDED)
    assert sees(viewer, case) == set()


def test_the_owner_reads_but_does_not_act_on_anothers_case() -> None:
    who = factories.people()
    case = factories.submitted(who)
    viewer = viewer_of(case, "owner", "verified")
    with pytest.raises(Forbidden, match="its applicant and the building division act on it"):
        withdraw_application(actor=viewer, application=case, now=factories.MONDAY)
    stranger = factories.user("stranger")
    with pytest.raises(NotFound):
        withdraw_application(actor=stranger, application=case, now=factories.MONDAY)
    case.refresh_from_db()
    assert case.status == Application.Status.SUBMITTED
    status, body = Api(viewer).get(f"/applications/{case.pk}")
    assert (status, body["allowed_actions"]) == (200, [])


def test_the_owners_case_page_is_read_only(settings: Settings) -> None:
    # Clayton takes payment online (no provider is reached: nobody pays here)
    settings.PAYMENT_PROVIDERS = {
        "clayton-mo": {"provider": "stripe", "secret_key": "sk", "webhook_secret": "whsec"}
    }
    who = factories.people()
    case = factories.submitted(who)
    viewer = viewer_of(case, "owner", "verified")
    actions = (f"/cases/{case.pk}/pay/", f"/cases/{case.pk}/inspection/")
    applicants = Client()
    applicants.force_login(who.owner)
    assert all(url in applicants.get(f"/cases/{case.pk}/").content.decode() for url in actions)
    browser = Client()
    browser.force_login(viewer)
    page = browser.get(f"/cases/{case.pk}/").content.decode()
    assert "You see this case as the verified owner of record or managing agent" in page
    assert not any(url in page for url in actions)
    listing = browser.get("/cases/").content.decode()
    assert "Cases others filed on your properties" in listing
