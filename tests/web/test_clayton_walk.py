"""The whole Clayton case in a real browser, every step through the pages as the person who
takes it: the owner signs up and applies, the clerk takes the fee, the owner books the first
day the rules allow, the clerk assigns the inspector, the inspector passes the unit on a
phone, the owner names every occupant, the clerk issues the permit, the owner downloads it,
and the public verifies it by its QR code. The clock is Clayton's wall clock, moved by the
test (the views read django.utils.timezone.now)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from permitdesk.cases.models import Application, Permit
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.applicant import browser
from tests.web.conftest import PHONE, check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long pass phrase"
STAFF_PASSWORD = "staff pass phrase"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def sign_out(site: Any) -> None:
    menu = site.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone the navigation folds behind the menu button
        menu.click()
    site.get_by_role("button", name="Sign out").click()
    expect(site.get_by_role("link", name="Sign in").first).to_be_visible()


def as_staff(site: Any, username: str) -> None:
    site.goto(f"{site.base}/accounts/sign-in/")
    sign_in(site, username, STAFF_PASSWORD)
    # Staff land on their own start page: the work queue, or an inspector's day sheet.
    start = "Today's inspections" if "inspector" in username else "Work queue"
    expect(site.get_by_role("heading", name=start, exact=True)).to_be_visible()


def test_a_clayton_case_from_sign_up_to_a_verified_permit(site: Any, clock: Clock) -> None:
    crew = factories.staff("clayton-mo")
    for person in crew.values():
        person.set_password(STAFF_PASSWORD)
        person.save()
    clerk, inspector = crew["clerk"].username, crew["inspector"].username

    # Monday morning: the owner signs up, records the house and applies for a new lease.
    clock.set(central("2026-11-16 10:00"))
    browser.sign_up(site, "Olive", "Owner", "olive@example.test", PASSWORD)
    browser.add_property(
        site,
        "clayton",
        "City of Clayton, Missouri",
        {
            "Parcel id": "19-4-1-011",
            "Street address": "7 Wydown Terrace",
            "City": "Clayton",
            "State": "MO",
            "ZIP code": "63105",
        },
    )
    browser.add_unit(site, "clayton", "single-family", [{"area": "130"}, {"area": "100"}])
    case = browser.apply(site, "clayton", "A new lease (a tenant moves in)", {})
    assert case.fee_item == "residential-occupancy"
    expect(site.get_by_text("$80.00").first).to_be_visible()  # single-family, the 2016 process
    sign_out(site)

    # The clerk takes the $80 from the awaiting-payment queue.
    as_staff(site, clerk)
    site.get_by_role("link", name="Work queue").first.click()
    site.get_by_role("link", name="Awaiting payment").first.click()
    site.get_by_role("link", name=f"Application {case.pk}").click()
    site.get_by_label("Method of payment").select_option("check")
    site.get_by_label("Amount ($)").fill("80.00")
    site.get_by_role("button", name="Record the payment").click()
    expect(site.get_by_role("status")).to_contain_text("Payment of $80.00 recorded")
    check_page(site, "clayton-walk-clerk-paid")
    sign_out(site)

    # The owner books the first day offered: processed Tuesday 10 AM (24 business hours),
    # so Wednesday is the first.
    site.goto(f"{site.base}/accounts/sign-in/")
    sign_in(site, "olive@example.test", PASSWORD)
    site.goto(f"{site.base}/cases/{case.pk}/")
    day = browser.request_inspection(site, "clayton-walk", "Request the inspection")
    assert "November 18" in day
    sign_out(site)

    # The clerk assigns the inspector.
    as_staff(site, clerk)
    site.goto(f"{site.base}/staff/cases/{case.pk}/")
    site.get_by_label("Inspector").first.select_option(label=inspector)
    site.get_by_role("button", name="Assign").first.click()
    expect(site.get_by_role("status")).to_contain_text("inspector")
    sign_out(site)

    # Wednesday: the inspector passes the unit, on a phone.
    clock.set(central("2026-11-18 09:30"))
    site.set_viewport_size(PHONE)
    as_staff(site, inspector)
    site.goto(f"{site.base}/staff/inspections/today/")
    expect(site.get_by_role("heading", name="AM 7 Wydown Terrace")).to_be_visible()
    check_page(site, "clayton-walk-inspector-day")
    site.get_by_role("link", name="Open the inspection").first.click()
    site.locator('label[for="id_result-result_0"]').click()  # Passed
    site.get_by_role("button", name="Record the inspection").click()
    expect(site.get_by_role("status")).to_contain_text("recorded: passed")
    sign_out(site)
    site.set_viewport_size({"width": 1280, "height": 900})

    # The owner names every occupant, a child included.
    clock.set(central("2026-11-18 11:00"))
    site.goto(f"{site.base}/accounts/sign-in/")
    sign_in(site, "olive@example.test", PASSWORD)
    site.goto(f"{site.base}/cases/{case.pk}/")
    browser.add_occupants(
        site, "clayton-walk", [("Ada", "Tenant", "34", "head"), ("Ben", "Tenant", "6", "son")]
    )
    sign_out(site)

    # Monday: the clerk issues the permit.
    clock.set(central("2026-11-23 09:00"))
    as_staff(site, clerk)
    site.goto(f"{site.base}/staff/cases/{case.pk}/")
    issue_the_permit(site)
    check_page(site, "clayton-walk-clerk-issued")
    sign_out(site)

    # The owner downloads it; it names the occupants and the end date.
    permit = Permit.objects.get(application=case)
    assert permit.ends_on is not None
    assert permit.ends_on.isoformat() == "2031-11-23"
    site.goto(f"{site.base}/accounts/sign-in/")
    sign_in(site, "olive@example.test", PASSWORD)
    site.goto(f"{site.base}/cases/{case.pk}/")
    link = site.get_by_role("link", name=f"Download permit {permit.number} (PDF)")
    expect(link).to_be_visible()
    pdf = site.request.get(f"{site.base}{link.get_attribute('href')}")
    assert pdf.status == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.body())).pages)
    for expected in (permit.number, "7 Wydown Terrace", "Ada Tenant", "Ben Tenant"):
        assert expected in text
    sign_out(site)

    # A school district scans the QR code: valid, the address, no names.
    site.goto(f"{site.base}/verify/{permit.verification_token}/")
    expect(site.get_by_text(permit.number).first).to_be_visible()
    expect(site.get_by_text("7 Wydown Terrace").first).to_be_visible()
    assert "Tenant" not in site.content()
    assert "Olive" not in site.content()
    check_page(site, "clayton-walk-verified")
    assert Application.objects.get(pk=case.pk).status == Application.Status.ISSUED


def issue_the_permit(site: Any) -> None:
    site.get_by_role("button", name="Preview the permit").click()  # then confirm it
    site.get_by_role("button", name="Issue the permit").click()
    expect(site.get_by_role("status")).to_contain_text("issued")
