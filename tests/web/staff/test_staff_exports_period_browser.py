"""Issue 20, the clerk in the browser: from the staff home to the exports for a period; a
period that runs backwards is refused on its field, then the CSV downloads. Screenshots and
axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.api.client import Clock
from tests.moments import central
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_downloads_an_export_for_a_period_of_her_choosing(
    site: Any, clock: Clock
) -> None:
    factories.people()
    clock.set(central("2026-11-20 09:00"))
    sign_in(site, "clayton-clerk", "x")
    site.goto(f"{site.base}/staff/")
    site.locator("summary", has_text="Print runs and exports of").click()
    expect(site.get_by_role("link", name="Cases, this month (CSV)")).to_be_visible()  # kept
    site.get_by_role("link", name="Exports and print runs for any period").click()
    expect(site.get_by_role("heading", name="Exports and print runs for a period")).to_be_visible()
    check_page(site, "staff-exports-period")

    site.expected_errors = [422]  # the backwards period: the form answers 422
    site.locator('label[for="id_what_2"]').click()  # Payments (CSV)
    site.locator("#id_first").fill("2026-09-30")
    site.locator("#id_last").fill("2026-07-01")
    site.get_by_role("button", name="Download").click()
    expect(site.get_by_role("alert").first).to_contain_text(
        "To 2026-07-01 is before From 2026-09-30"
    )
    expect(site.locator("#id_last-error")).to_be_visible()
    check_page(site, "staff-exports-period-refused")

    site.locator("#id_last").fill("2026-10-31")
    with site.expect_download() as download:
        site.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "clayton-mo-payments-2026-09-30-to-2026-10-31.csv"
    with open(download.value.path(), encoding="utf-8") as csv:
        assert csv.readline().startswith("receipt_number,application,recorded_at")
