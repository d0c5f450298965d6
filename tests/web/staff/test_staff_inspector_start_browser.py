"""An inspector's Friday morning on a 390-px phone, for issue 20's inspector items the day's
walk leaves out: signed in, they land on today's day sheet (not the public home page), which
leads with the visit left overdue on Wednesday; the re-inspection shows the previous visit's
violation with its photo. Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.moments import central
from tests.web.conftest import PHONE, check_page, sign_in
from tests.web.staff.test_staff_inspection_form import _re_inspection

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_inspector_lands_on_today_with_the_overdue_visit_and_the_previous_violations(
    site: Any, clock: Clock
) -> None:
    who = factories.people()
    late = visits.visit(who)  # booked for Wednesday the 18th, never recorded
    _, again = _re_inspection(who)  # failed Wednesday; the re-inspection is Friday morning
    clock.set(central("2026-11-20 08:00"))
    site.set_viewport_size(PHONE)
    sign_in(site, "clayton-inspector", "x")
    expect(site.get_by_role("heading", name="Today's inspections")).to_be_visible()
    assert site.url.endswith("/staff/inspections/today/")
    expect(site.get_by_text("Overdue").first).to_be_visible()
    expect(site.locator(f'a[href="/staff/inspections/{late.pk}/"]').first).to_be_visible()
    check_page(site, "staff-inspector-start-overdue-phone")
    with site.expect_navigation():
        site.locator(f'a[href="/staff/inspections/{again.pk}/"]').first.click()
    expect(site.get_by_text("Gutters detached").first).to_be_visible()
    photo = site.locator("main img").first
    expect(photo).to_be_visible()
    assert site.evaluate("(img) => img.naturalWidth > 0", photo.element_handle())
    check_page(site, "staff-inspector-start-previous-violations-phone")
