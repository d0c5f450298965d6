"""Plain language in a real browser, on the demo: a clerk's case page names the fee item by its
title in the law and the payment method in words; the public estimator offers dwellings in
words; axe on each page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from permitdesk.cases.models import Application
from permitdesk.demo.build import DEMO_PASSWORD
from tests.web.conftest import check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clerk_and_the_public_read_words_not_codes(site: Any) -> None:
    call_command("load_jurisdictions", verbosity=0)
    call_command("demo_data", force=True, verbosity=0)
    case = Application.objects.get(idempotency_key="demo:clayton-mo:approved")
    sign_in(site, "clayton-clerk@example.test", DEMO_PASSWORD)
    site.goto(f"{site.base}/staff/cases/{case.pk}/")
    main = site.locator("main")
    expect(main).to_contain_text("Residential occupancy permit — application/inspection fee")
    expect(main).to_contain_text("Visa")
    expect(main).to_contain_text("(apartment), flat")
    for code in ("residential-occupancy", "unit_type", "visa"):
        assert code not in main.inner_text()
    check_page(site, "plain-staff-case")

    site.goto(f"{site.base}/estimate/clayton-mo/residential-occupancy/")
    dwelling = site.locator("select").first
    labels = dwelling.locator("option").all_inner_texts()
    assert "Single family" in labels
    assert "single-family" not in labels
    check_page(site, "plain-estimate-options")
