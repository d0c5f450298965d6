"""The village's change-of-occupancy reports and a case's visitors, as staff pages (they were
in the API only): listed for the jurisdiction's desk, recorded through their services, bad
input refused by name with nothing recorded."""

from __future__ import annotations

import pytest

from permitdesk.cases.models import ChangeOfOccupancyReport, Visitor
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.staff.conftest import client_of

pytestmark = pytest.mark.django_db

VILLAGE = "village-ord-08-457"
REPORTS = f"/staff/{VILLAGE}/change-reports/"


@pytest.fixture
def village(db: None) -> factories.People:
    return factories.people(VILLAGE)


def test_the_clerk_records_and_lists_a_change_of_occupancy(
    village: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-20 10:00"))
    home = factories.unit(VILLAGE, parcel="V-77", owner=village.owner)
    clerk = client_of(village.clerk)
    assert f'href="{REPORTS}"' in clerk.get("/staff/").content.decode()
    assert "No change of occupancy has been reported." in clerk.get(REPORTS).content.decode()
    done = clerk.post(REPORTS, {"parcel": "V-77", "unit": "", "changed_on": "2026-09-01"})
    assert done.status_code == 302
    report = ChangeOfOccupancyReport.objects.get(unit=home)
    assert report.late  # 80 days after the change: past the village's 30
    page = clerk.get(REPORTS).content.decode()
    assert "Sep 1, 2026" in page
    assert "Late" in page


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"parcel": "NOPE", "changed_on": "2026-11-01"}, "No unit of"),
        ({"parcel": "V-78", "changed_on": "yesterday"}, "Enter a valid date"),
        ({"parcel": "V-78", "changed_on": "1990-01-01"}, "changed_on"),
    ],
)
def test_a_bad_report_is_refused_by_name(
    village: factories.People, clock: Clock, body: dict[str, str], words: str
) -> None:
    clock.set(central("2026-11-20 10:00"))
    factories.unit(VILLAGE, parcel="V-78", owner=village.owner)
    refused = client_of(village.clerk).post(REPORTS, body)
    assert refused.status_code == 422
    assert words in refused.content.decode()
    assert not ChangeOfOccupancyReport.objects.exists()


def test_claytons_desk_is_told_it_asks_for_no_report(who: factories.People) -> None:
    page = client_of(who.clerk).get("/staff/clayton-mo/change-reports/").content.decode()
    assert "asks for no change-of-occupancy report" in page
    assert (
        'href="/staff/clayton-mo/change-reports/"'
        not in client_of(who.clerk).get("/staff/").content.decode()
    )


def test_the_clerk_adds_a_visitor_to_a_case(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-20 10:00"))
    case = factories.submitted(who)
    clerk = client_of(who.clerk)
    assert (
        f"/staff/cases/{case.pk}/visitors/"
        in clerk.get(f"/staff/cases/{case.pk}/").content.decode()
    )
    done = clerk.post(
        f"/staff/cases/{case.pk}/visitors/", {"name": "Cousin Vi", "arrived_on": "2026-11-15"}
    )
    assert done.status_code == 302
    assert Visitor.objects.get(application=case).name == "Cousin Vi"
    assert "Cousin Vi" in clerk.get(done["Location"]).content.decode()
    refused = clerk.post(f"/staff/cases/{case.pk}/visitors/", {"name": "", "arrived_on": "x"})
    assert refused.status_code == 422
    assert "Visitor&#x27;s name" in refused.content.decode()
    assert Visitor.objects.count() == 1
