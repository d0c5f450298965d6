"""A clerk's morning in the browser (desktop): signed in, they land on the work queue, open
the inspections waiting for an inspector, sort them, assign two at once; then the village's
clerk records a change of occupancy at the counter. Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.cases.models import ChangeOfOccupancyReport, Inspection
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_lands_on_the_queue_and_assigns_two_inspections(site: Any, clock: Clock) -> None:
    who = factories.people()
    clock.set(central("2026-11-17 09:00"))
    _, first = factories.requested(who)
    _, second = factories.requested(who)
    sign_in(site, "clayton-clerk", "x")
    expect(site.get_by_role("heading", name="Work queue", exact=True)).to_be_visible()
    assert site.url.endswith("/staff/")
    site.get_by_role("link", name="Ready to schedule").click()
    expect(site.get_by_role("columnheader", name="Days waiting")).to_be_visible()
    site.get_by_label("Order", exact=True).select_option("newest")
    site.get_by_role("button", name="Sort").click()
    expect(site.get_by_role("columnheader", name="Submitted")).to_have_attribute(
        "aria-sort", "descending"
    )
    check_page(site, "staff-queue-ready-to-schedule")
    site.locator(f'label[for="pick-{first.pk}"]').click()
    site.locator(f'label[for="pick-{second.pk}"]').click()
    site.get_by_label("Assign the selected to").select_option(label="clayton-inspector")
    site.get_by_role("button", name="Assign the selected inspections").click()
    expect(site.get_by_role("status")).to_contain_text("2 inspections assigned to")
    check_page(site, "staff-queue-assigned")
    assert Inspection.objects.filter(inspector=who.inspector).count() == 2


def test_the_village_clerk_records_a_change_of_occupancy(site: Any, clock: Clock) -> None:
    slug = "village-ord-08-457"
    village = factories.people(slug)
    clock.set(central("2026-11-20 10:00"))
    home = factories.unit(slug, parcel="V-9", owner=village.owner)
    sign_in(site, "village-clerk", "x")
    site.get_by_role("link", name="Change-of-occupancy reports").click()
    check_page(site, "staff-change-reports-empty")
    site.get_by_label("Parcel number").fill("V-9")
    site.get_by_label("Date of the change of occupancy").fill("2026-11-10")
    site.get_by_role("button", name="Record the report").click()
    expect(site.get_by_role("status")).to_contain_text("recorded")
    expect(site.get_by_role("row", name="10 N Central Ave")).to_contain_text("On time")
    check_page(site, "staff-change-reports")
    assert ChangeOfOccupancyReport.objects.get(unit=home).late is False
