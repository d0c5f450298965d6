"""What an applicant does in the browser, step by step through the applicant pages, with a
screenshot and an axe check of each page the first time it is seen."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from permitdesk.cases.models import Application
from tests.web.accounts.signing_up import verification_path
from tests.web.conftest import check_page


def look(site: Any, name: str) -> None:
    """check_page once the web fonts are in: a screenshot taken earlier shows no text."""
    site.wait_for_load_state("load")
    site.evaluate("() => document.fonts.ready.then(() => true)")
    check_page(site, name)


def sign_up(site: Any, first: str, last: str, email: str, password: str) -> None:
    site.goto(f"{site.base}/accounts/sign-up/")
    look(site, f"applicant-sign-up-{first}")
    site.get_by_label("First name").fill(first)
    site.get_by_label("Last name").fill(last)
    site.get_by_label("Email address").fill(email)
    site.locator("#id_password1").fill(password)
    site.get_by_label("Password again").fill(password)
    site.get_by_role("button", name="Create account").click()
    expect(site.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    site.goto(site.base + verification_path(email.strip().lower()))  # the link mailed to them
    look(site, f"applicant-verify-{first}")
    site.get_by_role("button", name="Confirm and create my account").click()
    expect(site.get_by_role("status")).to_contain_text(f"Welcome, {first}")
    look(site, f"applicant-home-{first}")


def add_property(site: Any, name: str, jurisdiction: str, place: dict[str, str]) -> None:
    with site.expect_navigation():  # a later step must not act on the page left behind
        site.get_by_role("link", name="Add a property").first.click()
    look(site, f"{name}-property-new")
    site.get_by_label("Jurisdiction").select_option(label=jurisdiction)
    for label, value in place.items():
        site.get_by_label(label).fill(value)
    site.get_by_role("button", name="Add the property").click()
    expect(site.get_by_role("status")).to_contain_text("is recorded. Now add its units.")


def add_unit(
    site: Any, name: str, unit_type: str, bedrooms: list[dict[str, str]], units: str = "1"
) -> None:
    look(site, f"{name}-unit-new")
    site.get_by_label("Type of dwelling").select_option(unit_type)
    site.get_by_label("Dwelling units in the building").fill(units)
    site.get_by_label("Smoke alarms in the hallways outside the bedrooms").select_option("yes")
    site.get_by_label("A smoke alarm on every livable floor").select_option("yes")
    for n, room in enumerate(bedrooms):
        site.locator(f"#id_bedroom-{n}-area_sqft").fill(room["area"])
        if "egress" in room:
            site.locator(f"label[for=id_bedroom-{n}-basement]").click()
            site.locator(f"#id_bedroom-{n}-egress_opening_sqft").fill(room["egress"])
    site.get_by_role("button", name="Add the unit").click()
    expect(site.get_by_role("status")).to_contain_text("recorded with its bedrooms")
    look(site, f"{name}-property")


def apply(site: Any, name: str, event: str, parties: dict[str, str]) -> Application:
    """From the property page: the quote first, then the application; returns the case."""
    site.get_by_role("link", name="Apply for this unit").first.click()
    site.get_by_text(event, exact=True).click()
    for label, value in parties.items():
        site.get_by_label(label).fill(value)
    site.get_by_role("button", name="See the fee quote").click()
    expect(site.get_by_role("heading", name="Fee quote")).to_be_visible()
    look(site, f"{name}-apply-quote")
    site.get_by_role("button", name="Submit the application").click()
    expect(site.get_by_role("status")).to_contain_text("is submitted")
    look(site, f"{name}-case-submitted")
    return Application.objects.get(pk=int(site.url.rstrip("/").rsplit("/", 1)[1]))


def request_inspection(site: Any, name: str, button: str) -> str:
    """From the case page: the first day offered, the morning; returns the day chosen."""
    with site.expect_navigation():  # a later step must not act on the page left behind
        site.get_by_role("link", name=button).click()
    look(site, f"{name}-inspection-request")
    day = site.get_by_label("Inspection date")
    options = day.locator("option").all_inner_texts()[1:]
    day.select_option(index=1)
    site.get_by_text("Morning (AM)", exact=True).click()
    site.get_by_label("Contact phone").fill("(618) 555-0142")
    site.get_by_role("button", name="Request the").click()
    expect(site.get_by_role("status")).to_contain_text(f"requested for {options[0]}")
    return str(options[0])


def add_occupants(site: Any, name: str, people: list[tuple[str, str, str, str]]) -> None:
    with site.expect_navigation():  # a later step must not act on the page left behind
        site.get_by_role("link", name="Occupants", exact=True).click()
    look(site, f"{name}-occupants")
    for first, last, age, relationship in people:  # by keyboard only: type, Tab, ..., Enter
        site.get_by_label("First name").focus()
        for text in (first, last, age, relationship):
            site.keyboard.type(text)
            site.keyboard.press("Tab")
        # past the move-in date, left empty (the browser tabs through its month, day, year)
        button = site.get_by_role("button", name="Add the occupant")
        for _ in range(4):
            if button.evaluate("b => b === document.activeElement"):
                break
            site.keyboard.press("Tab")
        expect(button).to_be_focused()
        site.keyboard.press("Enter")
        expect(site.get_by_role("status")).to_contain_text(f"{first} {last} is added")
    with site.expect_navigation():  # a later step must not act on the page left behind
        site.get_by_role("link", name="Back to case").click()
