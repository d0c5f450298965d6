"""Issue 20, the inspector on a phone: "Today" leads with the overdue visit, every visit card
has its directions link, and the re-inspection shows the last visit's violations with their
photos. Screenshots and axe."""

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


def test_today_has_the_overdue_visit_directions_and_the_earlier_violations(
    site: Any, clock: Clock, media: Any
) -> None:
    who = factories.people()
    late = visits.visit(who)  # booked for Wednesday the 18th, not recorded
    _, again = _re_inspection(who)  # failed on the 18th; the re-inspection on Friday the 20th
    clock.set(central("2026-11-20 08:00"))
    site.set_viewport_size(PHONE)
    sign_in(site, "clayton-inspector", "x")
    site.goto(f"{site.base}/staff/inspections/today/")
    expect(site.get_by_role("heading", name="Overdue")).to_be_visible()
    overdue = site.locator("ol.pd-day").first
    expect(overdue.locator(f'a[href="/staff/inspections/{late.pk}/"]')).to_be_visible()
    directions = site.get_by_role("link", name="Directions to 10 N Central Ave (opens the map)")
    expect(directions).to_have_count(2)  # the overdue visit and today's
    href = directions.first.get_attribute("href") or ""
    assert href.startswith("https://www.google.com/maps/dir/?api=1&destination=10+N+Central+Ave")
    check_page(site, "staff-inspector-today-overdue-directions")

    site.locator(f'a[href="/staff/inspections/{again.pk}/"]').click()
    expect(site.get_by_role("heading", name="Violations found on visit 1")).to_be_visible()
    expect(site.get_by_text("Gutters detached")).to_be_visible()
    photo = site.get_by_role("img", name="Photo of violation 1: Gutters detached")
    expect(photo).to_be_visible()
    assert site.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
    check_page(site, "staff-reinspection-earlier-violations")
