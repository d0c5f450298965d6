"""Staff and roles in the browser, on a phone: the division administrator grants a role from
the staff list and revokes one after its confirmation page (screenshots and axe on each page);
and the same grant with scripts turned off, since every step is a link or a posted form."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from permitdesk.accounts.models import Membership, Role
from tests import factories
from tests.web.conftest import PHONE, check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clayton(db: None) -> None:
    factories.staff("clayton-mo")
    factories.user("owner")
    factories.user("clayton-admin", Role.DIVISION_ADMIN, "clayton-mo")


def test_a_division_administrator_grants_and_revokes_on_a_phone(site: Any, clayton: None) -> None:
    site.set_viewport_size(PHONE)
    sign_in(site, "clayton-admin", "x")
    site.goto(f"{site.base}/staff/")
    site.get_by_role("link", name="Staff and roles of City of Clayton, Missouri").click()
    expect(site.get_by_role("heading", name="Staff and roles")).to_be_visible()
    check_page(site, "staff-people-phone")

    site.get_by_role("link", name="Grant a role").click()
    site.get_by_label("Username or e-mail address").fill("nobody@example.test")
    site.expected_errors = [422]  # the refused form's answer
    site.get_by_role("button", name="Grant the role").click()
    expect(site.locator("#id_user-error")).to_contain_text("No account has the username or e-mail")
    check_page(site, "staff-people-grant-refused-phone")
    site.get_by_label("Username or e-mail address").fill("owner@example.test")
    site.locator("#id_role").select_option("inspector")
    site.get_by_role("button", name="Grant the role").click()
    expect(site.get_by_role("status")).to_contain_text("owner is now inspector")
    assert Membership.objects.filter(user__username="owner", role=Role.INSPECTOR).exists()

    site.get_by_role("link", name="Revoke clayton-clerk's role").click()
    expect(site.get_by_role("heading", name="Revoke clayton-clerk's role?")).to_be_visible()
    check_page(site, "staff-people-revoke-phone")
    site.get_by_role("button", name="Revoke the role").click()
    expect(site.get_by_role("status")).to_contain_text("clayton-clerk is no longer clerk")
    assert not Membership.objects.filter(user__username="clayton-clerk").exists()


def test_a_grant_works_without_scripts(browser: Browser, live_server: Any, clayton: None) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.base = live_server.url  # type: ignore[attr-defined]
    sign_in(page, "clayton-admin", "x")
    page.goto(f"{live_server.url}/staff/people/")
    page.get_by_role("link", name="Grant a role").click()
    page.get_by_label("Username or e-mail address").fill("owner")
    page.locator("#id_role").select_option("clerk")
    page.get_by_role("button", name="Grant the role").click()
    expect(page.get_by_role("status")).to_contain_text("owner is now clerk")
    context.close()
    assert Membership.objects.filter(user__username="owner", role=Role.CLERK).exists()
