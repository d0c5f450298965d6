"""St. Louis County's flow end to end in the portal (issue 21): the clerk sends the county's
sales file from the leads page and imports it; the hourly sweep makes a lead of a sale with
no application by its day; the clerk sends the letter (its PDF, its e-mail); the buyer follows
the letter's link, signs up, claims the property and applies for what the letter names; the
lead shows closed at once; the case goes on through payment, inspection and permit (those
steps as the applicant browser test drives them). Screenshots and axe on each page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import permits
from permitdesk.discovery.models import Lead
from permitdesk.discovery.sweep import run_discovery
from tests.discovery.conftest import HEADER, County, county, row  # noqa: F401 (a fixture)
from tests.factories.recent import paid
from tests.web.applicant import browser
from tests.web.applicant.test_applicant_browser import inspect, later, see_the_permit
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long pass phrase"
LEADS = "/staff/st-louis-county-mo/leads/"


def test_a_sale_recorded_becomes_a_lead_a_letter_an_application_and_a_permit(
    site: Any,
    county: County,  # noqa: F811 (the discovery tests' fixture, imported above)
    tmp_path: Path,
) -> None:
    recorded = timezone.localdate() - dt.timedelta(days=40)  # past the pack's 30 days
    sales = tmp_path / "county-sales.csv"
    sales.write_text(
        f"{HEADER}\n{row(recorded=recorded.isoformat(), email='ann@example.test')}\n",
        encoding="utf-8",
    )

    # The clerk sends the sales file from the leads page: the dry run, then the import.
    sign_in(site, county.clerk.username, "x")
    site.goto(site.base + LEADS)
    site.get_by_role("link", name="Import a sales file").click()
    check_page(site, "county-flow-sales-file")
    site.get_by_label("Sales file (CSV)").set_input_files(str(sales))
    site.get_by_role("button", name="Check the file").click()
    expect(site.get_by_role("heading", name="Checked: ready to import")).to_be_visible()
    expect(site.get_by_text("New sales: 1")).to_be_visible()
    check_page(site, "county-flow-sales-file-checked")
    site.get_by_role("button", name="Import the 1 row").click()
    expect(site.get_by_role("status")).to_contain_text("Sales file imported: 1 row read, 1 new")
    expect(site.get_by_role("status")).to_contain_text("Matched by parcel id 1")

    # The hourly sweep: the sale is past its day with no application.
    assert run_discovery(now=timezone.now()).opened == 1
    lead = Lead.objects.get()
    site.reload()
    expect(
        site.get_by_role("heading", name=f"Lead {lead.pk}: 123 North Main Street")
    ).to_be_visible()
    check_page(site, "county-flow-lead-open")
    site.get_by_role("button", name=f"Send the letter for lead {lead.pk}").click()
    expect(site.get_by_role("status")).to_contain_text("letter recorded as sent")
    pdf = site.request.get(f"{site.base}{LEADS}{lead.pk}/letter.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    letter = OutboxMessage.objects.get(kind="discovery-lead-letter", to="ann@example.test")
    assert "Re-occupancy inspection and permit" in letter.body  # what to apply for
    link = next(line for line in letter.body.splitlines() if "/properties/claim/" in line)
    assert link.startswith(settings.PUBLIC_URL)
    site.context.clear_cookies()  # the clerk's session ends; the buyer's browser now

    # The buyer follows the letter: signs up, claims the property, applies.
    browser.sign_up(site, "Ann", "Buyer", "ann@example.test", PASSWORD)
    site.goto(site.base + link.removeprefix(settings.PUBLIC_URL))
    expect(site.get_by_label("Parcel id")).to_have_value("21K-34-0012")
    site.get_by_label("Evidence").fill(f"warranty deed recorded {recorded.isoformat()}")
    browser.look(site, "county-flow-claim")
    site.get_by_role("button", name="Send the claim").click()
    expect(site.locator(".usa-alert--success")).to_contain_text("is with the clerk")
    site.get_by_role("link", name="123 North Main Street").first.click()
    case = browser.apply(site, "county-flow", "A sale of the property", {})
    assert case.fee_item == "re-occupancy-permit"

    # The lead closed in the filing's transaction: the clerk sees it at once.
    lead.refresh_from_db()
    assert (lead.status, lead.application_id) == ("closed", case.pk)
    closed = AuditEvent.objects.get(action="discovery.lead-closed")
    assert closed.after["why"] == f"closed: application {case.pk} filed"
    site.context.clear_cookies()
    sign_in(site, county.clerk.username, "x")
    site.goto(site.base + LEADS)
    expect(site.get_by_text("No open lead.")).to_be_visible()
    expect(site.get_by_text(f"application {case.pk} filed")).to_be_visible()
    check_page(site, "county-flow-lead-closed")

    # The case goes on as any case does: paid, inspected, passed, occupants, permit.
    site.context.clear_cookies()
    sign_in(site, "ann@example.test", PASSWORD)
    site.goto(f"{site.base}/cases/{case.pk}/")
    paid(case, county.crew[Role.CLERK])
    site.reload()
    browser.request_inspection(site, "county-flow", "Request the inspection")
    inspect(case, county.crew, "passed")
    site.reload()
    browser.add_occupants(site, "county-flow", [("Ann", "Buyer", "40", "head")])
    if balance_due(case) > 0:
        paid(case, county.crew[Role.CLERK])
    permits.issue_permit(actor=county.crew[Role.CLERK], application=case, now=later(case))
    see_the_permit(site, "county-flow", case)
    assert Application.objects.get(pk=case.pk).status == "issued"
