"""The code official's conditional permit (the village) and temporary permit (St. Clair), and
the audit history of a case in plain words."""

from __future__ import annotations

import pytest

from permitdesk.cases.models import Permit
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.staff.conftest import client_of


@pytest.fixture
def village(db: None) -> factories.People:
    return factories.people("village-ord-08-457")


@pytest.mark.django_db
def test_the_village_official_issues_a_conditional_permit(
    village: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 12:00"))
    case = factories.failed_in_the_village(village)
    official = client_of(village.official)
    assert "Issue a conditional permit" in official.get(f"/staff/cases/{case.pk}/").content.decode()
    response = official.post(
        f"/staff/cases/{case.pk}/conditional-permit/",
        {"owner_statement": "Gutters reattached by Dec 15", "correction_due_on": "2026-12-15"},
    )
    assert response.status_code == 302
    permit = Permit.objects.get(application=case)
    assert (permit.kind, str(permit.correction_due_on)) == ("conditional", "2026-12-15")
    case.refresh_from_db()
    assert case.status == "conditional"


@pytest.mark.django_db
def test_a_correction_date_not_in_the_future_is_refused_beside_it(
    village: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 12:00"))
    case = factories.failed_in_the_village(village)
    response = client_of(village.official).post(
        f"/staff/cases/{case.pk}/conditional-permit/",
        {"owner_statement": "Will fix", "correction_due_on": "2026-11-18"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_correction_due_on-error"' in page
    assert "The correction date must be in the future." in page
    assert not Permit.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_a_clerk_may_not_issue_a_conditional_permit(village: factories.People) -> None:
    case = factories.failed_in_the_village(village)
    clerk = client_of(village.clerk)
    assert (
        "Issue a conditional permit" not in clerk.get(f"/staff/cases/{case.pk}/").content.decode()
    )
    response = clerk.post(
        f"/staff/cases/{case.pk}/conditional-permit/",
        {"owner_statement": "Will fix", "correction_due_on": "2030-01-01"},
    )
    assert response.status_code == 403
    assert not Permit.objects.filter(application=case).exists()


@pytest.mark.django_db
def test_clayton_offers_no_conditional_permit(who: factories.People) -> None:
    case = factories.submitted(who)
    page = client_of(who.official).get(f"/staff/cases/{case.pk}/").content.decode()
    assert "conditional permit" not in page.lower()
    assert "temporary permit" not in page.lower()


@pytest.mark.django_db
def test_the_st_clair_official_issues_a_temporary_permit() -> None:
    st_clair = factories.people("st-clair-county-il")
    case = factories.submitted(st_clair, "st-clair-county-il", "occupancy-inspection", "lease")
    official = client_of(st_clair.official)
    unticked = official.post(f"/staff/cases/{case.pk}/temporary-permit/", {})
    assert unticked.status_code == 422
    assert 'id="id_utilities_in_owner_name-error"' in unticked.content.decode()
    assert not Permit.objects.filter(application=case).exists()
    done = official.post(
        f"/staff/cases/{case.pk}/temporary-permit/", {"utilities_in_owner_name": "on"}
    )
    assert done.status_code == 302
    assert Permit.objects.get(application=case).kind == "temporary"


@pytest.mark.django_db
def test_the_history_says_who_did_what_when_in_plain_words(who: factories.People) -> None:
    case, _visit = factories.scheduled(who)
    page = client_of(who.official).get(f"/staff/cases/{case.pk}/history/").content.decode()
    assert "recorded a payment" in page
    assert "requested an inspection" in page
    assert "assigned the inspector" in page
    assert "clayton-inspector" in page  # the inspector named, not their id
    assert "Balance due" in page
    assert "80.00" in page
