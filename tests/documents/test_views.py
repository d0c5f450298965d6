"""The PDF downloads: who gets each document (the case's applicant and its jurisdiction's
staff; anyone else 404, signed out to sign-in), the clerk-only letter batch, query counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permitdesk.cases.models import Payment
from permitdesk.cases.services import inspections, occupants, permits
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.documents.pdf import text
from tests.factories import paperwork
from tests.moments import central

pytestmark = pytest.mark.django_db

CASE_DOCUMENTS = {
    # caller -> status for a document of the owner's Clayton case
    "owner": 200,
    "clerk": 200,
    "official": 200,
    "inspector": 200,  # assigned to the case's inspection
    "other": 404,
    "inspector_unassigned": 404,
    "clerk_elsewhere": 404,
}
LETTERS = {
    "clerk": 200,
    "official": 200,
    "inspector": 403,
    "owner": 403,
    "clerk_elsewhere": 403,
}


def as_(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def document_urls(who: factories.People) -> dict[str, str]:
    permit = paperwork.clayton_permit(who)
    failed = paperwork.clayton_failed(who)
    payment = Payment.objects.filter(application=permit.application).first()
    assert payment is not None
    return {
        "permit": reverse("documents:permit", args=[permit.pk]),
        "violation-notice": reverse("documents:violation-notice", args=[failed.pk]),
        "receipt": reverse("documents:receipt", args=[payment.pk]),
    }


def test_each_case_document_is_served_to_those_who_may_see_the_case_and_404_to_others() -> None:
    who = factories.people()
    urls = document_urls(who)
    assert urls["permit"].startswith("/documents/permits/")
    for role, status in CASE_DOCUMENTS.items():
        caller = getattr(who, role)
        for kind, url in urls.items():
            response = as_(caller).get(url)
            assert (kind, role, response.status_code) == (kind, role, status)
            if status == 200:
                assert response["Content-Type"] == "application/pdf"
                assert response["Cache-Control"] == "private, no-store"
                assert response.content.startswith(b"%PDF-")


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back() -> None:
    who = factories.people()
    urls = document_urls(who)
    for url in [*urls.values(), "/documents/tenant-letters/clayton-mo/2026-11-18.pdf"]:
        response = as_(None).get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('web:sign-in')}?next={url}"


def test_the_document_the_view_serves_is_the_one_asked_for() -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    response = as_(who.owner).get(reverse("documents:permit", args=[permit.pk]))
    assert f"Permit number {permit.number}" in text(response.content)
    assert f'filename="permit-{permit.number}.pdf"' in response["Content-Disposition"]


def test_a_passed_inspection_has_no_notice_and_an_unknown_id_is_404() -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    passed = permit.application.inspections.get()
    assert (
        as_(who.clerk).get(reverse("documents:violation-notice", args=[passed.pk])).status_code
        == 404
    )
    assert as_(who.clerk).get(reverse("documents:permit", args=[999_999])).status_code == 404
    assert as_(who.clerk).post(reverse("documents:permit", args=[permit.pk])).status_code == 405


def test_the_days_tenant_letters_are_for_the_jurisdictions_clerks_and_code_officials() -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    url = reverse("documents:tenant-letters", args=["clayton-mo", "2026-11-18"])
    assert url == "/documents/tenant-letters/clayton-mo/2026-11-18.pdf"
    for role, status in LETTERS.items():
        response = as_(getattr(who, role)).get(url)
        assert (role, response.status_code) == (role, status)
    assert permit.number in text(as_(who.clerk).get(url).content)


def test_the_letter_batch_answers_404_for_a_bad_date_an_unknown_place_or_no_mailing() -> None:
    who = factories.people()
    clerk = as_(who.clerk)
    assert clerk.get("/documents/tenant-letters/clayton-mo/2026-02-30.pdf").status_code == 404
    assert clerk.get("/documents/tenant-letters/atlantis/2026-11-18.pdf").status_code == 404
    county_clerk = as_(who.clerk_elsewhere)  # St. Louis County's: it mails no letters
    response = county_clerk.get("/documents/tenant-letters/st-louis-county-mo/2026-11-18.pdf")
    assert response.status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_permits_queries_do_not_grow_with_its_occupants() -> None:
    who = factories.people()
    small = paperwork.clayton_permit(who)  # three occupants
    case = factories.approved(who)  # one occupant so far
    for n in range(5):
        occupants.add_occupant(
            actor=who.owner,
            application=case,
            first_name=f"Kid{n}",
            last_name="Tenant",
            now=central("2026-11-18 10:40"),
        )
    large = permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 12:00"))
    clerk = as_(who.clerk)
    few = _queries(clerk, reverse("documents:permit", args=[small.pk]))
    many = _queries(clerk, reverse("documents:permit", args=[large.pk]))
    assert few == many
    assert many <= 8


def test_the_letter_batch_queries_do_not_grow_with_the_days_permits() -> None:
    who = factories.people()
    url = reverse("documents:tenant-letters", args=["clayton-mo", "2026-11-18"])
    paperwork.clayton_permit(who)
    clerk = as_(who.clerk)
    one = _queries(clerk, url)
    for _ in range(3):
        case = factories.approved(who)
        permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 13:00"))
    assert _queries(clerk, url) == one
    assert one <= 8


def test_a_notices_and_a_receipts_queries_are_few_and_fixed() -> None:
    who = factories.people()
    two = paperwork.clayton_failed(who)  # two violations
    _, visit = factories.scheduled(who)
    six = inspections.record_inspection_result(
        actor=who.inspector,
        inspection=visit,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=[ViolationInput(f"IPMC 30{n}", f"Defect {n}") for n in range(6)],
    )
    clerk = as_(who.clerk)
    fewer = _queries(clerk, reverse("documents:violation-notice", args=[two.pk]))
    more = _queries(clerk, reverse("documents:violation-notice", args=[six.pk]))
    assert fewer == more
    assert more <= 9
    payment = Payment.objects.filter(application=two.application).get()
    assert _queries(clerk, reverse("documents:receipt", args=[payment.pk])) <= 8
