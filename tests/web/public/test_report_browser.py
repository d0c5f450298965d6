"""A neighbour, on a phone, reports that new tenants moved in next door: from the home page to
the form, a mistake put right beside its field, the reference on the status page. Each page
screenshot and checked by axe: no violation at all."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from permitdesk.discovery.models import Report
from tests import factories
from tests.web.conftest import PHONE, check_page

pytestmark = pytest.mark.django_db(transaction=True)


def no_violations(site: Any, name: str) -> None:
    check_page(site, name)  # the screenshot, and no serious or critical violation
    results = Axe().run(site)
    assert results.violations_count == 0, results.generate_report()


def test_a_neighbour_reports_new_tenants_from_a_phone(site: Any) -> None:
    factories.jurisdiction("st-louis-county-mo")
    site.set_viewport_size(PHONE)
    site.goto(f"{site.base}/")
    with site.expect_navigation():
        site.get_by_role("link", name="Report a change of occupancy").first.click()
    expect(site.get_by_role("heading", level=1)).to_have_text("Report a change of occupancy")
    no_violations(site, "public-report-form-phone")

    site.get_by_label("Where is the home?").select_option("st-louis-county-mo")
    site.get_by_label("Street address").fill("the house with the red door")
    site.locator("label[for=id_change_1]").click()  # USWDS keeps the radio itself off-screen
    expect(site.get_by_label("New tenants (a rental)")).to_be_checked()
    site.get_by_label("When did it change?").fill("2026-11-02")
    site.get_by_label("Your e-mail address (optional)").fill("ann.neighbour@example.test")

    site.expected_errors = [422]
    site.get_by_role("button", name="Send the report").click()
    expect(site.locator("#id_address-error")).to_contain_text("has no house number and street")
    expect(site.get_by_label("New tenants (a rental)")).to_be_checked()  # kept as chosen
    no_violations(site, "public-report-error-phone")

    site.get_by_label("Street address").fill("45 Pine Rd")
    site.get_by_label("Apartment or unit (if any)").fill("2B")
    with site.expect_navigation():
        site.get_by_role("button", name="Send the report").click()
    report = Report.objects.get()
    expect(site.get_by_role("status")).to_contain_text(report.reference)
    expect(site.locator("#report-status")).to_have_text("Received")
    expect(site.locator("main")).not_to_contain_text("ann.neighbour@example.test")
    no_violations(site, "public-report-received-phone")
