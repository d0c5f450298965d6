"""A Clayton clerk finishes a case in the browser: issues the permit of an approved case with
its occupants named, downloads the permit PDF, opens its public verification page, then ends
the permit on a change of tenancy. Screenshots and axe before and after."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.cases.models import Application, Permit
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clayton_clerk_issues_a_permit_and_ends_it_on_a_change_of_tenancy(
    site: Any, clock: Clock
) -> None:
    who = factories.people()
    clock.set(central("2026-11-18 11:00"))
    case = factories.approved(who)
    sign_in(site, "clayton-clerk", "x")
    site.goto(f"{site.base}/staff/cases/{case.pk}/")
    expect(site.get_by_role("heading", name="Issue the occupancy permit")).to_be_visible()
    expect(site.get_by_text("No permit issued.")).to_be_visible()
    check_page(site, "staff-case-permit-to-issue")

    site.get_by_role("button", name="Preview the permit").click()
    expect(site.get_by_role("heading", name="Check the permit before it is issued")).to_be_visible()
    expect(site.get_by_text("Ada Tenant, 34, head")).to_be_visible()
    check_page(site, "staff-permit-preview")
    assert not Permit.objects.filter(application=case).exists()
    site.get_by_role("button", name="Issue the permit").click()
    permit = Permit.objects.get(application=case)
    expect(site.get_by_role("status")).to_contain_text(f"Occupancy permit {permit.number} issued.")
    expect(site.get_by_role("row", name=permit.number)).to_contain_text("In force")
    expect(site.get_by_role("heading", name="Issue the occupancy permit")).to_have_count(0)
    check_page(site, "staff-case-permit-issued")

    pdf_link = site.get_by_role("link", name=f"Permit PDF {permit.number}")
    assert pdf_link.get_attribute("href") == f"/documents/permits/{permit.pk}.pdf"
    pdf = site.context.request.get(f"{site.base}{pdf_link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    site.get_by_role("link", name=f"Public verification page of {permit.number}").click()
    expect(site.get_by_role("main")).to_contain_text(permit.number)
    expect(site.get_by_role("main")).to_contain_text("valid", ignore_case=True)
    site.go_back()

    site.get_by_label("Why the permit ends").select_option("change-of-tenancy")
    site.get_by_role("button", name=f"End permit {permit.number}").click()
    expect(site.get_by_role("status")).to_contain_text(
        f"Permit {permit.number} ended: change of tenancy"
    )
    expect(site.get_by_role("row", name=permit.number)).to_contain_text(
        "Ended Nov 18, 2026: change of tenancy"
    )
    expect(site.get_by_role("button", name=f"End permit {permit.number}")).to_have_count(0)
    check_page(site, "staff-case-permit-ended")

    permit.refresh_from_db()
    assert permit.end_reason == "change-of-tenancy"
    assert Application.objects.get(pk=case.pk).status == "ended"
