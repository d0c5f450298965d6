"""Signing up and in with a real browser and the keyboard; axe checks every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.accounts.signing_up import verification_path
from tests.web.conftest import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_by_keyboard_then_sign_out_and_in(site: Any) -> None:
    site.goto(f"{site.base}/accounts/sign-up/")
    check_page(site, "accounts-sign-up")
    # Keyboard only: the skip link first, then the fields in order.
    site.keyboard.press("Tab")
    expect(site.get_by_role("link", name="Skip to main content")).to_be_focused()
    site.get_by_label("First name").focus()
    for text in ("Grace", "Hopper", "grace@example.test", "cobol is fine", "cobol is fine"):
        site.keyboard.type(text)
        site.keyboard.press("Tab")
    site.keyboard.press("Enter")
    expect(site.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    check_page(site, "accounts-sign-up-sent")
    site.goto(site.base + verification_path("grace@example.test"))  # the link mailed to her
    check_page(site, "accounts-verify-email")
    site.get_by_role("button", name="Confirm and create my account").click()
    expect(site.get_by_role("status")).to_contain_text("Welcome, Grace")
    check_page(site, "home-signed-in")
    site.get_by_role("button", name="Sign out").click()
    site.goto(f"{site.base}/accounts/sign-in/")
    check_page(site, "accounts-sign-in")
    site.get_by_label("Email address").fill("grace@example.test")
    site.get_by_label("Password").fill("wrong")
    site.get_by_role("button", name="Sign in").click()
    expect(site.get_by_role("alert").first).to_contain_text("do not match an account")
    check_page(site, "accounts-sign-in-error")
    site.get_by_label("Password").fill("cobol is fine")
    site.get_by_role("button", name="Sign in").click()
    expect(site.get_by_role("button", name="Sign out")).to_be_visible()


def test_field_errors_are_announced_and_keep_the_input(site: Any) -> None:
    site.goto(f"{site.base}/accounts/sign-up/")
    site.get_by_label("First name").fill("Alan")
    site.get_by_label("Email address").fill("alan@")
    site.get_by_role("button", name="Create account").click()
    site.expected_errors = [422]
    email = site.get_by_label("Email address")
    expect(email).to_have_value("alan@")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(site.get_by_label("First name")).to_have_value("Alan")
    expect(site.locator("#id_last_name-error")).to_have_text("This field is required.")
    check_page(site, "accounts-sign-up-errors")


def test_setting_up_an_authenticator_page_passes_axe_and_the_csp(site: Any) -> None:
    from django.contrib.auth.models import User

    User.objects.create_user("clayton-clerk", "clerk@clayton.example", "the clerk's phrase")
    site.goto(f"{site.base}/accounts/sign-in/")
    site.get_by_label("Email address").fill("clayton-clerk")
    site.get_by_label("Password").fill("the clerk's phrase")
    site.get_by_role("button", name="Sign in").click()
    site.goto(f"{site.base}/accounts/two-factor/")
    site.get_by_role("button", name="Set up an authenticator app").click()
    expect(site.get_by_label("Code from the app")).to_be_visible()
    check_page(site, "accounts-two-factor-setup")
