"""Issue 21, the village's flow end to end in a real browser: the owner reports a change of
occupancy 46 days late on their house; the confirmation says plainly it is late and that the
report opened the re-occupancy case; the Village Clerk sees the report flagged late on the
change-report list, opens its case, records the fee (paid before the inspection, §2) and
schedules the Building Inspector. Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.models import ChangeOfOccupancyReport, Inspection
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_late_report_is_flagged_and_leads_to_the_inspection(site: Any, clock: Clock) -> None:
    clock.set(central("2026-11-16 11:00"))  # a Monday
    owner = factories.user("owner")
    house = factories.unit(factories.VILLAGE, parcel="V-21", owner=owner)
    factories.staff(factories.VILLAGE)

    # The owner reports, from their property's page.
    sign_in(site, "owner", "x")
    site.goto(f"{site.base}/properties/{house.property_id}/")
    check_page(site, "owner-village-property")
    with site.expect_navigation():
        site.get_by_role("main").get_by_role("link", name="Report a change of occupancy").click()
    check_page(site, "owner-change-report")
    site.get_by_label("Date the occupancy changed").fill("2026-10-01")
    site.get_by_label("New occupants' names (optional)").fill("Dana Buyer, Eli Buyer")
    with site.expect_navigation():
        site.get_by_role("button", name="Send the report").click()
    expect(site.get_by_role("heading", name="This report is late")).to_be_visible()
    expect(site.get_by_role("status").first).to_contain_text("due by October 31, 2026")
    report = ChangeOfOccupancyReport.objects.get()
    case = report.application
    assert case is not None
    assert report.late
    expect(site.get_by_role("link", name=f"Go to application {case.pk}")).to_be_visible()
    check_page(site, "owner-change-report-late")
    mail = OutboxMessage.objects.get(kind="owner-filing")
    assert (mail.to, "It is late" in mail.body) == (owner.email, True)

    # The Village Clerk sees it flagged, opens its case, takes the fee and books the visit.
    site.context.clear_cookies()
    sign_in(site, "village-clerk", "x")
    site.goto(f"{site.base}/staff/")
    with site.expect_navigation():
        site.get_by_role("link", name="Change-of-occupancy reports of").click()
    row = site.get_by_role("row").filter(has_text="Oct 1, 2026")
    expect(row).to_contain_text("Late")
    expect(row).to_contain_text(f"Application {case.pk}")
    check_page(site, "staff-change-reports-late")
    with site.expect_navigation():
        row.get_by_role("link", name=f"Application {case.pk}").click()
    site.get_by_label("Method of payment").select_option(index=1)
    site.get_by_label("Amount ($)").fill("80.00")
    site.get_by_role("button", name="Record the payment").click()
    expect(site.get_by_role("status")).to_contain_text("Payment of $80.00 recorded")
    site.get_by_label("Inspection date").fill("2026-11-18")
    site.get_by_label("Time of day").select_option("am")
    site.get_by_label("Contact name").fill("Olive Owner")
    site.get_by_label("Contact phone").fill("314-555-0121")
    site.get_by_label("Inspector").last.select_option(label="village-inspector")
    site.get_by_role("button", name="Schedule the inspection").click()
    expect(site.get_by_role("status")).to_contain_text("scheduled for November 18, 2026")
    check_page(site, "staff-change-report-case-scheduled")
    visit = Inspection.objects.get(application=case)
    assert (str(visit.scheduled_on), visit.inspector.username) == (
        "2026-11-18",
        "village-inspector",
    )
