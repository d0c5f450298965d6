"""One case per jurisdiction other than Clayton, from the applicant's side through the
applicant pages in a real browser: sign up or in, the property and its unit, the quote, the
application, the inspection request, the occupants, the permit. The staff's steps (payment,
inspection result, permit) are the services', called here; their pages are tested elsewhere."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import inspections, permits
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import zone
from tests import factories
from tests.factories.photos import PNG
from tests.factories.recent import paid
from tests.factories.records import PLACES
from tests.web.applicant import browser
from tests.web.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long pass phrase"


@pytest.fixture(autouse=True)
def jurisdictions(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # violation photos
    for slug in PLACES:
        factories.jurisdiction(slug)


def inspect(case: Application, crew: dict[str, User], result: str, **more: Any) -> None:
    """The inspector's visit: assigned by the clerk, recorded by the inspector."""
    visit = case.inspections.order_by("-number").first()
    assert visit is not None
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=visit, inspector=crew[Role.INSPECTOR], now=timezone.now()
    )
    booked = dt.datetime.combine(
        visit.scheduled_on, dt.time(10), tzinfo=zone(get_pack(case.jurisdiction.slug))
    )
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=visit,
        result=result,
        now=max(timezone.now(), booked),  # not before the day it was booked for
        **more,
    )


def later(case: Application) -> dt.datetime:
    """Now, or just after the case's last recorded inspection if that is later: the walk
    reaches an inspection's day by the calendar, not by waiting for the clock."""
    done = [v.completed_at for v in case.inspections.all() if v.completed_at is not None]
    return max([timezone.now(), *done]) + dt.timedelta(minutes=1)


def see_the_permit(site: Any, name: str, case: Application) -> None:
    site.reload()
    permit = case.permits.get()
    link = site.get_by_role("link", name=f"Download permit {permit.number} (PDF)")
    expect(link).to_have_attribute("href", f"/documents/permits/{permit.pk}.pdf")
    browser.look(site, f"{name}-case-issued")
    download = site.request.get(f"{site.base}/documents/permits/{permit.pk}.pdf")
    assert download.status == 200
    assert download.body().startswith(b"%PDF")


def test_st_clair_county_case_from_sign_up_to_permit(site: Any) -> None:
    crew = factories.staff("st-clair-county-il")
    browser.sign_up(site, "Stella", "Clair", "stella@example.test", PASSWORD)
    browser.add_property(
        site,
        "st-clair",
        "St. Clair County, Illinois (unincorporated areas)",
        {
            "Parcel id": "08-21-0-400-011",
            "Street address": "12 Lebanon Ave",
            "City": "Belleville",
            "State": "IL",
            "ZIP code": "62220",
        },
    )
    browser.add_unit(site, "st-clair", "duplex", [{"area": "130"}, {"area": "95"}], units="2")
    case = browser.apply(
        site,
        "st-clair",
        "A new lease (a tenant moves in)",
        {"Owner's phone": "618-555-0100", "Managing agent's name": "Belle Property Mgmt"},
    )
    assert case.fee_item == "occupancy-inspection"
    assert case.parties.filter(kind="managing-agent", name="Belle Property Mgmt").exists()
    # No fee before the request here: the fees are due before the approved report.
    day = browser.request_inspection(site, "st-clair", "Request the inspection")
    expect(site.locator(".pd-timeline")).to_contain_text(f"Inspection requested for {day}")
    paid(case, crew[Role.CLERK], method="cash")
    inspect(case, crew, "passed")
    site.reload()
    expect(site.get_by_text("The inspection passed")).to_be_visible()
    permit_fee = balance_due(case)
    assert permit_fee == Decimal("35.00")  # the occupant's permit fee, due on approval
    expect(site.get_by_text(f"Pay the ${permit_fee}")).to_be_visible()
    browser.look(site, "st-clair-case-approved")
    browser.add_occupants(site, "st-clair", [("Tom", "Tenant", "41", "head")])
    paid(case, crew[Role.CLERK], method="check")
    permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=later(case), evidence="lease"
    )
    see_the_permit(site, "st-clair", case)
    receipts = site.get_by_role("link", name="Receipt")
    expect(receipts).to_have_count(2)


def test_village_case_with_a_failed_inspection_and_the_reinspection(site: Any) -> None:
    crew = factories.staff("village-ord-08-457")
    User.objects.create_user("vera@example.test", "vera@example.test", PASSWORD, first_name="Vera")
    site.goto(f"{site.base}/accounts/sign-in/")
    browser.look(site, "village-sign-in")
    sign_in(site, "vera@example.test", PASSWORD)
    site.goto(f"{site.base}/cases/")
    browser.look(site, "village-my-cases-empty")
    browser.add_property(
        site,
        "village",
        "Village under Ordinance No. 08-457 (St. Louis County, Missouri)",
        {
            "Parcel id": "24J-51-0093",
            "Street address": "8 Elm Ct",
            "City": "Webster Groves",
            "State": "MO",
            "ZIP code": "63119",
        },
    )
    browser.add_unit(
        site,
        "village",
        "single-family",
        [{"area": "150"}, {"area": "120"}, {"area": "110", "egress": "5.7"}],
    )
    case = browser.apply(site, "village", "A sale of the property", {})
    assert case.fee_item == "occupancy-permit"
    # The village wants its fee before the inspection: the request page says so.
    site.get_by_role("link", name="Request the inspection").click()
    expect(site.get_by_role("alert")).to_contain_text("The fee must be paid before the inspection")
    browser.look(site, "village-inspection-fee-first")
    site.go_back()
    paid(case, crew[Role.CLERK])
    site.reload()
    browser.request_inspection(site, "village", "Request the inspection")
    photo = inspections.ViolationInput(
        "IPMC 304.7",
        "Gutters detached at the rear",
        "Re-attach the gutters",
        photo=ContentFile(PNG, name="gutters.png"),
    )
    inspect(case, crew, "failed", violations=[photo])
    site.reload()
    expect(site.get_by_text("Gutters detached at the rear")).to_be_visible()
    expect(site.get_by_text("(IPMC 304.7)")).to_be_visible()
    image = site.get_by_role("img", name="Photo of the violation: Gutters detached at the rear")
    expect(image).to_be_visible()
    assert site.evaluate("el => el.naturalWidth", image.element_handle()) == 1
    browser.look(site, "village-case-failed")
    browser.request_inspection(site, "village", "Request the re-inspection")
    inspect(case, crew, "passed")
    site.reload()
    browser.add_occupants(
        site,
        "village",
        [("Vera", "Owner", "52", "head"), ("Vic", "Owner", "9", "child")],
    )
    if balance_due(case) > 0:  # the second visit's fee
        paid(case, crew[Role.CLERK])
    permits.issue_permit(actor=crew[Role.CLERK], application=case, now=later(case))
    see_the_permit(site, "village", case)


def test_st_louis_county_case_with_the_120_day_window(site: Any) -> None:
    crew = factories.staff("st-louis-county-mo")
    browser.sign_up(site, "Louis", "Lane", "louis@example.test", PASSWORD)
    browser.add_property(
        site,
        "st-louis",
        "St. Louis County, Missouri (unincorporated areas)",
        {
            "Parcel id": "27M-12-0450",
            "Street address": "301 Gravois Rd",
            "City": "Affton",
            "State": "MO",
            "ZIP code": "63123",
        },
    )
    browser.add_unit(site, "st-louis", "single-family", [{"area": "140"}, {"area": "100"}])
    case = browser.apply(
        site,
        "st-louis",
        "A sale of the property",
        {"Tenant's name": "Nora Newcomer", "Tenant's email": "nora@example.test"},
    )
    assert case.parties.filter(kind="tenant", email="nora@example.test").exists()
    paid(case, crew[Role.CLERK])
    site.reload()
    expect(site.get_by_role("link", name="Receipt")).to_be_visible()
    browser.request_inspection(site, "st-louis", "Request the inspection")
    inspect(case, crew, "passed")
    site.reload()
    expect(site.get_by_text("Occupants' names due")).to_be_visible()
    expect(site.get_by_text("(120 days)", exact=False)).to_be_visible()
    browser.look(site, "st-louis-case-approved")
    browser.add_occupants(site, "st-louis", [("Nora", "Newcomer", "29", "head")])
    if balance_due(case) > 0:
        paid(case, crew[Role.CLERK])
    permits.issue_permit(actor=crew[Role.CLERK], application=case, now=later(case))
    see_the_permit(site, "st-louis", case)
    site.get_by_role("link", name="My cases").first.click()
    expect(site.get_by_role("link", name=f"Case {case.pk}")).to_be_visible()
    browser.look(site, "st-louis-my-cases")
