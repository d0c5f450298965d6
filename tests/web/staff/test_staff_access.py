"""Who gets into the staff pages: staff of the case's jurisdiction; an applicant gets 403, a
stranger is sent to sign in, another jurisdiction's case is not found; no admin for applicants."""

from __future__ import annotations

import pytest

from tests import factories
from tests.web.staff.conftest import client_of

STAFF_PAGES = ["/staff/", "/staff/search/?q=10", "/staff/inspections/today/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_an_applicant_is_refused_every_staff_page(who: factories.People, path: str) -> None:
    response = client_of(who.owner).get(path)
    assert response.status_code == 403
    assert b"You may not do that" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_stranger_is_sent_to_sign_in(path: str) -> None:
    response = client_of(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.django_db
def test_the_applicant_of_a_case_gets_no_staff_page_of_it(who: factories.People) -> None:
    case = factories.submitted(who)
    assert client_of(who.owner).get(f"/staff/cases/{case.pk}/").status_code == 403


@pytest.mark.django_db
def test_another_jurisdictions_case_is_not_found(who: factories.People) -> None:
    case = factories.submitted(who)
    elsewhere = client_of(who.clerk_elsewhere)
    assert elsewhere.get(f"/staff/cases/{case.pk}/").status_code == 404
    assert elsewhere.get(f"/staff/cases/{case.pk}/history/").status_code == 404
    posted = elsewhere.post(
        f"/staff/cases/{case.pk}/payments/", {"method": "check", "amount": "80.00", "key": "k"}
    )
    assert posted.status_code == 404
    assert not case.payments.exists()
    assert elsewhere.get("/staff/clayton-mo/queues/new/").status_code == 404


@pytest.mark.django_db
def test_an_inspector_sees_only_the_inspections_assigned_to_them(who: factories.People) -> None:
    _, inspection = factories.scheduled(who)
    other = client_of(who.inspector_unassigned)
    assert other.get(f"/staff/inspections/{inspection.pk}/").status_code == 404
    assert client_of(who.inspector).get(f"/staff/inspections/{inspection.pk}/").status_code == 200
    # and the case page only of cases they inspect
    assert other.get(f"/staff/cases/{inspection.application_id}/").status_code == 404


@pytest.mark.django_db
def test_an_inspector_has_no_work_queue_of_cases(who: factories.People) -> None:
    assert client_of(who.inspector).get("/staff/clayton-mo/queues/new/").status_code == 403


@pytest.mark.django_db
def test_an_inspector_may_not_see_the_audit_history_of_a_case(who: factories.People) -> None:
    case, _inspection = factories.scheduled(who)
    # inspectors see the case they inspect but not its audit history (view-audit)
    assert client_of(who.inspector).get(f"/staff/cases/{case.pk}/history/").status_code == 403
    assert client_of(who.clerk).get(f"/staff/cases/{case.pk}/history/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["owner", "clerk", "inspector", "official"])
def test_the_admin_is_for_django_staff_only(who: factories.People, role: str) -> None:
    response = client_of(getattr(who, role)).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_superuser_gets_the_admin(who: factories.People) -> None:
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.test", "x")
    assert client_of(admin).get("/admin/").status_code == 200
