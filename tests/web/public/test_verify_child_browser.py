"""A school secretary, shown a permit by a parent, checks that the child lives there: the
permit number, then the child's name; yes, or no for a name not on it. axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.factories import paperwork
from tests.web.conftest import PHONE, check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_confirms_one_child_without_seeing_the_household(site: Any) -> None:
    permit = paperwork.clayton_permit(factories.people())  # Ben Tenant, 6; Zoë Łukasz 李, 29
    site.goto(f"{site.base}/verify/")
    site.get_by_label("Permit number").fill(permit.number)
    site.get_by_role("button", name="Verify").click()
    expect(site.get_by_role("heading", name="Is a child on this permit?")).to_be_visible()
    site.get_by_label("First name").fill("Ben")
    site.get_by_label("Last name").fill("Tenant")
    site.get_by_role("button", name="Check this child").click()
    expect(site.get_by_role("heading", name="Yes", exact=True)).to_be_visible()
    expect(site.locator("main")).not_to_contain_text("Zoë")
    check_page(site, "public-verify-child-yes")

    # On a phone, a name that is not on the permit.
    site.set_viewport_size(PHONE)
    site.get_by_label("First name").fill("Sam")
    site.get_by_label("Last name").fill("Tenant")
    site.get_by_role("button", name="Check this child").click()
    expect(site.get_by_role("heading", name="No", exact=True)).to_be_visible()
    check_page(site, "public-verify-child-no-phone")

    site.expected_errors = [422]
    site.get_by_label("Last name").fill("")
    site.get_by_role("button", name="Check this child").click()
    expect(site.locator("#id_last_name-error")).to_contain_text("Enter the child's last name")
    check_page(site, "public-verify-child-error")
