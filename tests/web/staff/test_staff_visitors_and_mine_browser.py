"""The last two of issue 20's clerk items in the browser (desktop): a visitor recorded on a
village-style page of the case (it was in the API only), and "Assigned to me", the queue of
a code official who also inspects. Screenshots and axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.accounts.models import Membership, Role
from permitdesk.cases.models import Visitor
from permitdesk.cases.services.inspections import assign_inspector
from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_records_a_visitor_from_the_case(site: Any, clock: Clock) -> None:
    who = factories.people()
    clock.set(central("2026-11-20 10:00"))
    case = factories.submitted(who)
    sign_in(site, "clayton-clerk", "x")
    site.goto(f"{site.base}/staff/cases/{case.pk}/")
    with site.expect_navigation():
        site.get_by_role("link", name="Visitors staying with the household").click()
    site.get_by_label("Visitor's name").fill("Cousin Vi")
    site.get_by_label("Arrived on").fill("2026-11-15")
    site.get_by_role("button", name="Add the visitor").click()
    expect(site.get_by_text("Cousin Vi").first).to_be_visible()
    check_page(site, "staff-visitors")
    assert Visitor.objects.get(application=case).name == "Cousin Vi"


def test_an_official_who_inspects_opens_the_visits_assigned_to_them(
    site: Any, clock: Clock
) -> None:
    who = factories.people()
    clayton = who.clerk.memberships.get().jurisdiction
    Membership.objects.create(user=who.official, jurisdiction=clayton, role=Role.INSPECTOR)
    case, visit = factories.requested(who)
    assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.official, now=factories.MONDAY
    )
    clock.set(central("2026-11-17 09:00"))
    sign_in(site, "clayton-code-official", "x")
    site.goto(f"{site.base}/staff/")
    with site.expect_navigation():
        site.get_by_role("link", name="Assigned to me").click()
    expect(site.get_by_role("link", name=f"Application {case.pk}")).to_be_visible()
    check_page(site, "staff-queue-assigned-to-me")
