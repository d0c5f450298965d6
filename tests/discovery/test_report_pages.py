"""The public page "Report a change of occupancy": no sign-in; a good report is filed and the
reporter sent to its status page by its reference; a bad one is the form again (422) with the
field's message and nothing written; too many from one address are refused (429, Retry-After);
the status page and the owner-facing pages never show the reporter; linked from home and the
footer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from permitdesk.discovery.models import ChangeEvidence, Report, ReporterContact
from permitdesk.discovery.sweep import run_discovery
from tests import factories
from tests.api.client import Clock
from tests.discovery.conftest import County
from tests.moments import central

pytestmark = pytest.mark.django_db

NOW = central("2026-11-18 10:00")
GOOD = {
    "jurisdiction": "st-louis-county-mo",
    "address": "45 Pine Rd",
    "unit": "2B",
    "change": "new-tenants",
    "changed_on": "2026-11-02",
    "description": "",
    "name": "Ann Neighbour",
    "email": "ann.neighbour@example.test",
    "phone": "314-555-0101",
}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moment = Clock(monkeypatch)
    moment.set(NOW)
    return moment


def test_a_report_is_filed_and_its_status_shown_by_reference(
    client: Client, county: County, clock: Clock
) -> None:
    form = client.get("/report/")
    assert form.status_code == 200
    assert "Report a change of occupancy" in form.content.decode()
    sent = client.post("/report/", GOOD)
    assert sent.status_code == 302
    report = Report.objects.get()
    assert sent["Location"] == f"/report/{report.reference}/?new=1"
    page = client.get(sent["Location"]).content.decode()
    assert report.reference in page
    assert "Thank you: your report is received" in page
    assert "Received" in page
    assert report.contact.name == "Ann Neighbour"
    assert report.channel == "web"
    # By the reference as a person types it; an unknown one is a 404 that says nothing.
    typed = report.reference.lower().replace("-", " ")
    assert client.get("/report/check/", {"reference": typed})["Location"] == (
        f"/report/{report.reference}/"
    )
    assert client.get("/report/AAAA-AAAA-AAAA/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address", "", "Enter the street address of the home"),
        ("address", "the blue house by the park", "has no house number and street name"),
        ("changed_on", "2026-11-19", "after today (2026-11-18)"),
        ("changed_on", "yesterday", "Enter a date, like 2026-11-18."),
        ("jurisdiction", "springfield", "Choose where the home is from the list"),
        ("change", "painted", "Choose what changed from the list"),
        ("email", "not-an-address", "is not an e-mail address"),
    ],
)
def test_a_bad_report_is_the_form_again_with_the_fields_message(
    client: Client, county: County, clock: Clock, field: str, value: str, message: str
) -> None:
    answer = client.post("/report/", {**GOOD, field: value})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert message in page
    assert f'id="id_{field}-error"' in page
    assert (ChangeEvidence.objects.count(), Report.objects.count()) == (0, 0)


def test_too_many_reports_from_one_address_are_refused(
    client: Client, county: County, clock: Clock, settings: Any
) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "report": (3, 3600)}
    answers = [client.post("/report/", GOOD).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    limited = client.post("/report/", GOOD)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert "Please wait before sending another report" in limited.content.decode()
    assert Report.objects.count() == 3
    # Another address is not slowed by this one's reports.
    assert Client(REMOTE_ADDR="10.9.8.7").post("/report/", GOOD).status_code == 302


def test_the_status_page_never_shows_the_reporter_or_the_owner(
    client: Client, county: County, clock: Clock
) -> None:
    client.post("/report/", {**GOOD, "description": "Ann here; the Smiths moved in."})
    run_discovery(now=central("2026-12-03 06:00"))  # matched, then a lead
    report = Report.objects.get()
    page = client.get(f"/report/{report.reference}/").content.decode()
    assert "Under review" in page
    for secret in ("Ann Neighbour", "ann.neighbour@example.test", "314-555-0101", "Smiths"):
        assert secret not in page
    assert "21K340045" not in page  # the parcel matched is not the reporter's business
    assert ReporterContact.objects.count() == 1


def test_the_reporter_is_on_the_staff_lead_page_nowhere_else(
    client: Client, county: County, clock: Clock
) -> None:
    client.post("/report/", GOOD)
    client.post("/report/", {**GOOD, "name": "", "email": "", "phone": ""})  # merged, anonymous
    run_discovery(now=central("2026-12-03 06:00"))
    clerk = Client()
    clerk.force_login(county.clerk)
    page = clerk.get("/staff/st-louis-county-mo/leads/").content.decode()
    assert "New tenants (a rental)" in page
    assert 'Reports merged</dt><dd class="margin-left-0">2</dd>' in page
    assert "Ann Neighbour, ann.neighbour@example.test, 314-555-0101" in page
    assert "no contact given" in page
    owner = Client()
    owner.force_login(factories.user("owner-of-45"))  # an applicant: no staff role
    assert owner.get("/staff/st-louis-county-mo/leads/").status_code == 403


def test_home_and_footer_link_the_report_page(client: Client, county: County) -> None:
    home = client.get("/").content.decode()
    assert home.count('href="/report/"') == 2  # the home page's sentence and the footer
    assert 'href="/report/"' in client.get("/verify/").content.decode()


def test_the_report_date_is_checked_in_the_jurisdictions_day(
    client: Client, county: County, clock: Clock
) -> None:
    # 2026-11-19 00:30 UTC is still 2026-11-18 in St. Louis: "today" is the 18th there.
    clock.set(dt.datetime(2026, 11, 19, 0, 30, tzinfo=dt.UTC))
    answer = client.post("/report/", {**GOOD, "changed_on": "2026-11-19"})
    assert answer.status_code == 422
    assert "after today (2026-11-18)" in answer.content.decode()
