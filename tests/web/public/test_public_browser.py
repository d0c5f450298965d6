"""The public pages in a real browser: the fee estimator (a Clayton building permit by
construction cost and by type of construction, a St. Clair occupancy fee), a jurisdiction's
guide, and verification by number and by the QR code's URL. axe checks every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.factories import paperwork
from tests.web.conftest import PHONE, check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_public_estimator(site: Any) -> None:
    site.goto(f"{site.base}/")
    with site.expect_navigation():
        site.get_by_role("link", name="Estimate a fee").click()
    check_page(site, "public-estimate-chooser")
    site.get_by_label("Fee item").select_option("clayton-mo/building-permit")
    site.get_by_role("button", name="Continue").click()
    expect(site.get_by_role("heading", level=1)).to_contain_text("Building permit — repairs")

    # A bad figure first: the error is next to the field, and the page stays accessible.
    site.expected_errors = [422]
    site.get_by_label("Construction cost of the work").fill("fifty thousand")
    site.get_by_role("button", name="Estimate the fee").click()
    expect(site.locator("#id_construction_cost-error")).to_contain_text(
        "must be a number of at least 0.01"
    )
    expect(site.get_by_label("Construction cost of the work")).to_have_value("fifty thousand")
    check_page(site, "public-estimate-error")

    # By the keyboard: type the cost, tab to the inspections, Enter sends the form.
    site.get_by_label("Construction cost of the work").fill("")
    site.get_by_label("Construction cost of the work").focus()
    site.keyboard.type("50000")
    site.keyboard.press("Tab")
    site.keyboard.type("2")
    site.keyboard.press("Enter")
    result = site.locator("#estimate-heading").locator("..")
    expect(result).to_contain_text("$12.00 × 50 of 1,000 dollars")
    expect(result).to_contain_text("$690.00")
    expect(result).to_contain_text("$12.00 per $1,000 of construction cost")
    assert "construction_cost=50000" in site.url  # a shareable estimate
    check_page(site, "public-estimate-clayton-building-permit")

    # New construction by type of construction (Attachment 1).
    site.goto(f"{site.base}/estimate/")
    site.get_by_role("link", name="all other new construction, by type of construction").click()
    site.get_by_label("Group description (row)").select_option("store")
    site.get_by_label("Type of construction (column)").select_option("IIB")
    site.get_by_label("Volume within the structure").fill("20000")
    site.get_by_role("button", name="Estimate the fee").click()
    result = site.locator("#estimate-heading").locator("..")
    expect(result).to_contain_text("$24.68 (STORE, type IIB) × 20 of 1,000 cubic feet")
    expect(result).to_contain_text("$553.60")
    expect(result).to_contain_text("Attachment 1, Type of Construction")
    check_page(site, "public-estimate-clayton-type-of-construction")

    # St. Clair's occupancy inspection, by unit type.
    site.goto(f"{site.base}/estimate/")
    site.get_by_label("Fee item").select_option("st-clair-county-il/occupancy-inspection")
    site.get_by_role("button", name="Continue").click()
    site.get_by_label("Kind of dwelling unit").select_option("duplex")
    site.get_by_role("button", name="Estimate the fee").click()
    result = site.locator("#estimate-heading").locator("..")
    expect(result).to_contain_text("$100.00")
    expect(result).to_contain_text("St. Clair County, IL — Occupancy Program — Program Fees")
    check_page(site, "public-estimate-st-clair-occupancy")


def test_the_guide_for_a_jurisdiction(site: Any) -> None:
    site.goto(f"{site.base}/guide/")
    check_page(site, "public-guides")
    site.get_by_role("link", name="Guide for City of Clayton, Missouri").click()
    site.get_by_label("What happens at the unit").select_option("lease")
    site.get_by_label("Kind of dwelling unit").select_option("apartment")
    site.get_by_role("button", name="Find out").click()
    answer = site.locator("#answer-heading").locator("..")
    expect(answer).to_contain_text("Residential occupancy permit (inspection before move-in)")
    expect(answer).to_contain_text("Process to Obtain a Residential Occupancy Permit")
    expect(answer.get_by_role("link", name="Estimate the fee for this")).to_be_visible()
    check_page(site, "public-guide-clayton-answer")


def test_verification_by_number_and_by_the_qr_code(site: Any) -> None:
    permit = paperwork.clayton_permit(factories.people())
    site.goto(f"{site.base}/")
    with site.expect_navigation():
        site.get_by_role("link", name="Verify a permit").first.click()
    check_page(site, "public-verify")
    site.get_by_label("Permit number").fill(permit.number)
    site.get_by_role("button", name="Verify").click()
    expect(site.get_by_role("heading", name="Valid: in force")).to_be_visible()
    # by number, no address (decision 0007)
    expect(site.locator("main")).not_to_contain_text("10 N Central Ave")
    expect(site.locator("main")).to_contain_text("Shown when you scan the permit's QR code")
    check_page(site, "public-verify-by-number")

    # The QR code is scanned with a phone.
    site.set_viewport_size(PHONE)
    site.goto(f"{site.base}/verify/{permit.verification_token}/")
    expect(site.get_by_role("heading", level=1)).to_have_text(f"Permit {permit.number}")
    expect(site.locator("main")).to_contain_text("10 N Central Ave")
    expect(site.locator("main")).not_to_contain_text("Tenant")
    check_page(site, "public-verify-by-token-phone")

    site.expected_errors = [404]
    site.get_by_label("Permit number").fill("CM-2026-999999-S1")
    site.get_by_role("button", name="Verify").click()
    expect(site.get_by_role("heading", level=1)).to_have_text("No permit with this number")
    check_page(site, "public-verify-unknown")
