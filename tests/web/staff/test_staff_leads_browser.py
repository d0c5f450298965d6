"""The clerk's leads in the browser, on a phone: a Clayton lead from a sale with no notice or
application, its letter sent and its PDF opened; a near match confirmed from the review
queue; the lead escalated; the catch rate's chart and table. Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.audit.models import OutboxMessage
from permitdesk.discovery.models import ChangeEvidence, Lead
from tests import factories
from tests.api.client import Clock
from tests.factories import discovery
from tests.moments import central
from tests.web.conftest import PHONE, check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_works_the_leads_on_a_phone(site: Any, clock: Clock) -> None:
    factories.staff("clayton-mo")
    lead, review = discovery.lead_and_review()
    clock.set(central("2026-11-18 12:00"))
    site.set_viewport_size(PHONE)
    sign_in(site, "clayton-clerk", "x")
    site.goto(f"{site.base}/staff/")
    site.get_by_role("link", name="Leads: sales with no application").click()
    expect(site.get_by_role("heading", name=f"Lead {lead.pk}: 10 N Central Ave")).to_be_visible()
    expect(site.get_by_text("possible rental")).to_be_visible()
    check_page(site, "staff-leads-phone")

    site.get_by_role("button", name=f"Send the letter for lead {lead.pk}").click()
    expect(site.get_by_role("status")).to_contain_text("letter recorded as sent")
    assert OutboxMessage.objects.filter(kind="discovery-lead-letter").count() == 1
    response = site.request.get(f"{site.base}/staff/clayton-mo/leads/{lead.pk}/letter.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    site.get_by_role("button", name=f"Confirm record {review.pk}").click()
    expect(site.get_by_role("status")).to_contain_text(f"Record {review.pk} matched")
    assert ChangeEvidence.objects.get(pk=review.pk).match == "confirmed"

    site.get_by_label(f"Escalate lead {lead.pk}: why").fill("No answer to the letter")
    site.get_by_role("button", name=f"Escalate lead {lead.pk}").click()
    expect(site.get_by_role("status")).to_contain_text(f"Lead {lead.pk} escalated")
    expect(site.get_by_text("escalated", exact=True)).to_be_visible()
    check_page(site, "staff-leads-escalated-phone")
    assert Lead.objects.get(pk=lead.pk).status == "escalated"

    site.get_by_role("link", name="The catch rate by month").click()
    expect(
        site.get_by_role("heading", name="Catch rate of City of Clayton, Missouri")
    ).to_be_visible()
    expect(site.get_by_role("img", name="Sales by month and how each ended")).to_be_visible()
    row = site.get_by_role("row", name="Nov 2026")
    expect(row).to_contain_text("1")  # one sale known, its lead open
    check_page(site, "staff-catch-rate-phone")
