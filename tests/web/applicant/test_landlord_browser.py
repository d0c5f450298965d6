"""A landlord's day in a real browser, on a 390-px phone: apply from the home page, move the
inspection asked for, name the occupants with their move-in date and correct them, and find
one case among many by filtering and searching the list. Each page: screenshot and axe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.correspondence.services import send_message
from tests import factories
from tests.correspondence.conftest import pdf
from tests.factories.recent import paid, submitted
from tests.factories.records import recorded_unit
from tests.web.applicant import browser
from tests.web.conftest import PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_a_landlord_applies_moves_the_inspection_and_names_the_occupants(site: Any) -> None:
    site.set_viewport_size(PHONE)
    owner = factories.user("lena")
    owner.first_name, owner.last_name = "Lena", "Landlord"
    owner.save(update_fields=["first_name", "last_name"])
    crew = factories.staff("clayton-mo")
    recorded_unit(owner, "clayton-mo")
    sign_in(site, owner.email, "x")
    site.goto(site.base + "/")
    browser.look(site, "landlord-home")
    with site.expect_navigation():
        site.get_by_role("link", name="Apply for a permit").click()
    site.get_by_label("Unit").select_option(index=1)
    site.get_by_text("A new lease (a tenant moves in)", exact=True).click()
    site.get_by_role("button", name="See the fee quote").click()
    expect(site.get_by_role("heading", name="Fee quote")).to_be_visible()
    site.get_by_role("button", name="Submit the application").click()
    expect(site.get_by_role("status")).to_contain_text("is submitted")
    case = Application.objects.get(pk=int(site.url.rstrip("/").rsplit("/", 1)[1]))
    paid(case, crew[Role.CLERK])
    site.reload()
    first = browser.request_inspection(site, "landlord", "Request the inspection")
    expect(site.get_by_text("the day is confirmed then").first).to_be_visible()
    browser.look(site, "landlord-case-requested")

    with site.expect_navigation():
        site.get_by_role("link", name="Move or cancel the inspection").click()
    browser.look(site, "landlord-inspection-change")
    expect(site.get_by_text("There is no fee for moving or cancelling a request.")).to_be_visible()
    day = site.get_by_label("Inspection date")
    later = day.locator("option").all_inner_texts()[2]
    day.select_option(index=2)
    site.get_by_text("Afternoon (PM)", exact=True).click()
    site.get_by_role("button", name="Move the inspection").click()
    expect(site.get_by_role("status")).to_contain_text(f"moved to {later}")
    assert later != first
    visit = case.inspections.get()
    assert (visit.window, visit.inspector_id) == ("pm", None)

    with site.expect_navigation():
        site.get_by_role("link", name="Occupants", exact=True).click()
    moves_in = timezone.localdate() + dt.timedelta(days=20)
    for first_name in ("Ada", "Bo"):
        site.get_by_label("First name").fill(first_name)
        site.get_by_label("Last name").fill("Tenant")
        site.get_by_label("Move-in date").fill(moves_in.isoformat())
        site.get_by_role("button", name="Add the occupant").click()
        expect(site.get_by_role("status")).to_contain_text(f"{first_name} Tenant is added")
    browser.look(site, "landlord-occupants")
    with site.expect_navigation():
        site.get_by_role("link", name="Change Ada Tenant").click()
    browser.look(site, "landlord-occupant-change")
    site.get_by_label("Last name").fill("Tenant-Smith")
    site.get_by_role("button", name="Save the changes").click()
    expect(site.get_by_role("status")).to_contain_text("Ada Tenant-Smith is changed")
    site.get_by_role("button", name="Remove Bo Tenant").click()
    expect(site.get_by_role("status")).to_contain_text("Bo Tenant is removed")
    names = [(o.first_name, o.last_name, o.moves_in_on) for o in case.occupants.all()]
    assert names == [("Ada", "Tenant-Smith", moves_in)]


def test_an_agent_finds_one_case_among_many_on_a_phone(site: Any) -> None:
    site.set_viewport_size(PHONE)
    agent = factories.user("max")
    cases = [submitted(agent, "clayton-mo") for _ in range(26)]
    cases.append(submitted(agent, "st-louis-county-mo"))
    sign_in(site, agent.email, "x")
    site.goto(site.base + "/cases/")
    browser.look(site, "agent-case-list")
    # 25 cases a page, one compact row each: the page was 7,909 px tall as a stacked table.
    height = site.evaluate("() => document.documentElement.scrollHeight")
    assert height < 4000, height
    site.get_by_label("Jurisdiction").select_option(
        label="St. Louis County, Missouri (unincorporated areas)"
    )
    site.get_by_role("button", name="Show cases").click()
    expect(site.get_by_role("status").first).to_contain_text("1 case matches")
    expect(site.get_by_role("link", name=f"Case {cases[-1].pk}")).to_be_visible()
    browser.look(site, "agent-case-list-filtered")
    site.get_by_label("Jurisdiction").select_option(index=0)
    site.get_by_label("Search").fill(str(cases[3].pk))
    site.get_by_role("button", name="Show cases").click()
    expect(site.get_by_role("link", name=f"Case {cases[3].pk}")).to_be_visible()
    expect(site.get_by_role("link", name=f"Case {cases[4].pk}")).to_have_count(0)


def test_a_landlord_sends_the_lease_and_reads_the_divisions_reply(
    site: Any, tmp_path: Path
) -> None:
    site.set_viewport_size(PHONE)
    owner = factories.user("lena")
    case = submitted(owner, "clayton-mo")
    crew = factories.staff("clayton-mo")
    lease = tmp_path / "signed lease.pdf"
    lease.write_bytes(pdf())
    sign_in(site, owner.email, "x")
    site.goto(f"{site.base}/cases/{case.pk}/")
    with site.expect_navigation():
        site.get_by_role("link", name="Messages and documents").click()
    browser.look(site, "landlord-messages")
    site.get_by_label("Message").fill("The signed lease, for the tenancy information.")
    site.get_by_label("The documents are").select_option("lease")
    site.get_by_label("Documents (PDF, PNG or JPEG)").set_input_files(str(lease))
    site.get_by_role("button", name="Send").click()
    expect(site.get_by_role("status")).to_contain_text("Your message is sent.")
    expect(site.get_by_role("link", name="signed lease.pdf")).to_be_visible()
    send_message(
        actor=crew[Role.CLERK],
        application=case,
        body="Received: the lease is on file.",
        now=timezone.now(),
    )
    site.reload()
    expect(site.get_by_text("Received: the lease is on file.")).to_be_visible()
    browser.look(site, "landlord-messages-replied")
    download = site.request.get(
        site.base + site.get_by_role("link", name="signed lease.pdf").get_attribute("href")
    )
    assert download.body().startswith(b"%PDF")
