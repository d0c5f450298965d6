"""A clerk's afternoon in the browser (desktop), for issue 20's clerk items the other walks
leave out: from the work queue into today's and overdue inspections, the failed cases
awaiting re-inspection and the cases ready to issue; the day's tenant-letter print run and a
CSV export reached by a link, not a typed URL; a check recorded with its number. Screenshots
and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.cases.models import Payment
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

QUEUES = ("Inspections today and overdue", "Failed, awaiting re-inspection", "Ready to issue")


def test_the_clerk_walks_the_queues_and_the_print_runs_from_the_work_queue(
    site: Any, clock: Clock
) -> None:
    who = factories.people()
    today, _ = factories.scheduled(who)  # booked for Wednesday, not recorded yet
    failed, _ = factories.failed(who)  # failed on Wednesday
    ready = factories.approved(who)  # passed on Wednesday, its occupant named
    waiting = factories.submitted(who)
    clock.set(central("2026-11-18 15:00"))
    sign_in(site, "clayton-clerk", "x")
    expect(site.get_by_role("heading", name="Work queue", exact=True)).to_be_visible()
    for title, case in zip(QUEUES, (today, failed, ready), strict=True):
        with site.expect_navigation():
            site.get_by_role("link", name=title, exact=True).click()
        expect(site.get_by_role("link", name=f"Application {case.pk}")).to_be_visible()
        expect(site.get_by_role("columnheader", name="Days waiting")).to_be_visible()
        check_page(site, f"staff-queue-walk-{title}")
        site.goto(f"{site.base}/staff/")

    site.get_by_text("Print runs and exports of City of Clayton, Missouri").click()
    letters = site.get_by_role("link", name="Tenant letters of permits issued today (PDF)")
    export = site.get_by_role("link", name="(CSV)").first
    for link in (letters, export):
        expect(link).to_be_visible()
        assert site.request.get(site.base + str(link.get_attribute("href"))).ok
    check_page(site, "staff-queue-walk-home")

    site.goto(f"{site.base}/staff/cases/{waiting.pk}/")
    site.get_by_label("Method of payment").select_option("check")
    site.get_by_label("Amount ($)").fill("80.00")
    site.get_by_label("Check number or card reference").fill("1042")
    site.get_by_role("button", name="Record the payment").click()
    expect(site.get_by_role("status")).to_contain_text("Payment of $80.00 recorded")
    check_page(site, "staff-queue-walk-payment-reference")
    assert Payment.objects.get(application=waiting).reference == "1042"
