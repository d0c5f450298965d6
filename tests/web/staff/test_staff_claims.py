"""The clerk's claims page: the jurisdiction's pending claims with their evidence, verified or
refused with a reason by plain POST forms (no script), the claimant e-mailed either way."""

from __future__ import annotations

import pytest
from django.test import Client

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.services import applications
from permitdesk.records.models import Relation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim() -> Relation:
    place = factories.unit("clayton-mo", parcel="P-1", owner=factories.user("owner")).property
    agent = factories.user("agent")
    return factories.relation(agent, place, kind="managing-agent", status="claimed")


def signed_in(person_name: str, role: str, slug: str = "clayton-mo") -> Client:
    client = Client()
    client.force_login(factories.user(person_name, role, slug))
    return client


def test_the_clerk_sees_the_claim_with_its_evidence(claim: Relation) -> None:
    page = signed_in("clerk", "clerk").get("/staff/claims/").content.decode()
    assert f"Claim {claim.pk}: managing agent of 10 N Central Ave" in page
    assert "signed paper" in page
    assert f'action="/staff/claims/{claim.pk}/verify/"' in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_another_jurisdictions_clerk_sees_none_of_it(claim: Relation) -> None:
    page = signed_in("county", "clerk", "st-louis-county-mo").get("/staff/claims/")
    assert "No claim is waiting." in page.content.decode()


def test_verifying_tells_the_claimant(claim: Relation) -> None:
    response = signed_in("clerk", "clerk").post(f"/staff/claims/{claim.pk}/verify/")
    assert (response.status_code, response["Location"]) == (302, "/staff/claims/")
    claim.refresh_from_db()
    assert claim.status == "verified"
    assert OutboxMessage.objects.get(kind="relation-decided").to == "agent@example.test"


def test_a_refusal_needs_a_reason(claim: Relation) -> None:
    clerk = signed_in("clerk", "clerk")
    response = clerk.post(f"/staff/claims/{claim.pk}/refuse/", {})
    assert response.status_code == 422
    assert f"Claim {claim.pk}: say why it is refused" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "claimed"
    clerk.post(f"/staff/claims/{claim.pk}/refuse/", {f"refuse-{claim.pk}-reason": "unsigned"})
    claim.refresh_from_db()
    assert (claim.status, claim.reason) == ("refused", "unsigned")


def test_a_decided_claim_is_a_409_not_a_500(claim: Relation) -> None:
    clerk = signed_in("clerk", "clerk")
    clerk.post(f"/staff/claims/{claim.pk}/verify/")
    again = clerk.post(f"/staff/claims/{claim.pk}/verify/")
    assert again.status_code == 409
    assert "This claim is verified" in again.content.decode()


def test_the_case_page_says_the_applicant_applies_on_a_claim(claim: Relation) -> None:
    case = applications.submit_application(
        actor=claim.person,
        unit=claim.property.units.get(),
        fee_item="residential-occupancy",
        trigger="lease",
        now=factories.MONDAY,
    )
    page = signed_in("clerk", "clerk").get(f"/staff/cases/{case.pk}/").content.decode()
    assert "claimed, not yet verified" in page


def test_the_clerk_ends_a_relation_from_the_property_page(claim: Relation) -> None:
    clerk = signed_in("clerk", "clerk")
    place = clerk.get(f"/staff/properties/{claim.property_id}/").content.decode()
    assert f'href="/staff/relations/{claim.pk}/end/"' in place
    form = clerk.get(f"/staff/relations/{claim.pk}/end/").content.decode()
    assert "End a relation to 10 N Central Ave" in form
    refused = clerk.post(f"/staff/relations/{claim.pk}/end/", {"reason": ""})
    assert refused.status_code == 422
    assert "Say why the relation ends" in refused.content.decode()
    done = clerk.post(f"/staff/relations/{claim.pk}/end/", {"reason": "the agreement ended"})
    assert done.status_code == 302
    assert done["Location"] == f"/staff/properties/{claim.property_id}/"
    claim.refresh_from_db()
    assert (claim.status, claim.reason) == ("ended", "the agreement ended")
    mail = OutboxMessage.objects.get(kind="relation-ended")
    assert (mail.to, "ended by the building division" in mail.body) == ("agent@example.test", True)
    again = clerk.get(f"/staff/relations/{claim.pk}/end/")
    assert again.status_code == 409
    assert "only a claimed or verified relation ends" in again.content.decode()
