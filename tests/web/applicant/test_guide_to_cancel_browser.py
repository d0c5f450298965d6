"""Two of issue 20's landlord items the other walks leave out, on a 390-px phone: "Apply for
a permit" from the answer of "Do I need a permit?" (a visitor signs in on the way, and the
event the guide was told is already chosen), and a requested inspection cancelled within the
pack's rules (no fee: none of the documents sets one). Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from tests import factories
from tests.factories.recent import paid
from tests.factories.records import recorded_unit
from tests.web.applicant import browser
from tests.web.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_applies_from_the_guides_answer_then_cancels_the_inspection(
    site: Any,
) -> None:
    site.set_viewport_size(PHONE)
    owner = factories.user("lena")
    owner.first_name, owner.last_name = "Lena", "Landlord"  # the owner's name on the form
    owner.save(update_fields=["first_name", "last_name"])
    crew = factories.staff("clayton-mo")
    recorded_unit(owner, "clayton-mo")
    site.goto(f"{site.base}/guide/")
    site.get_by_role("link", name="Guide for City of Clayton, Missouri").click()
    site.get_by_label("What happens at the unit").select_option("lease")
    site.get_by_label("Kind of dwelling unit").select_option("apartment")
    site.get_by_role("button", name="Find out").click()
    browser.look(site, "guide-answer-apply-phone")
    with site.expect_navigation():
        site.get_by_role("link", name="Apply for a permit").click()
    site.get_by_label("Email address").fill(owner.email)  # the sign-in page, on the way
    site.get_by_label("Password").fill("x")
    with site.expect_navigation():
        site.get_by_role("button", name="Sign in").click()
    expect(site.get_by_role("heading", name="Apply for an occupancy permit")).to_be_visible()
    expect(site.get_by_label("A new lease (a tenant moves in)")).to_be_checked()
    browser.look(site, "guide-apply-form-phone")
    site.get_by_label("Unit").select_option(index=1)
    site.get_by_role("button", name="See the fee quote").click()
    site.get_by_role("button", name="Submit the application").click()
    expect(site.get_by_role("status")).to_contain_text("is submitted")
    case = Application.objects.get(applicant=owner)
    assert case.trigger == "lease"

    paid(case, crew[Role.CLERK])
    site.reload()
    browser.request_inspection(site, "guide-landlord", "Request the inspection")
    with site.expect_navigation():
        site.get_by_role("link", name="Move or cancel the inspection").click()
    expect(site.get_by_text("There is no fee for moving or cancelling a request.")).to_be_visible()
    site.get_by_label("Why (optional)").fill("The tenant's move is delayed")
    site.get_by_role("button", name="Cancel the inspection").click()
    expect(site.get_by_role("status")).to_contain_text("is cancelled")
    expect(site.get_by_role("link", name="Request the inspection")).to_be_visible()
    browser.look(site, "landlord-inspection-cancelled-phone")
    case.refresh_from_db()
    assert (case.status, case.inspections.count()) == (Application.Status.SUBMITTED, 0)
