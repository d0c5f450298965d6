"""The clerk's batch of tenant letters: one PDF per day, a page per permit mailed that day."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.cases.services import occupants, permits
from permitdesk.documents.tenant_letters import NoLetters, render_tenant_letters
from tests import factories
from tests.documents.pdf import images, page_texts
from tests.factories import paperwork
from tests.moments import central

pytestmark = pytest.mark.django_db

NOV_18 = dt.date(2026, 11, 18)


def issued_late_that_evening(who: factories.People) -> None:
    """A second Clayton permit, issued at 11:30 PM Central on November 18 (05:30 UTC on the
    19th): it belongs to the 18th's letters, by the jurisdiction's day."""
    case = factories.approved(who)
    occupants.add_occupant(
        actor=who.owner,
        application=case,
        first_name="Ivy",
        last_name="Night",
        now=central("2026-11-18 23:00"),
    )
    permits.issue_permit(actor=who.clerk, application=case, now=central("2026-11-18 23:30"))


def test_a_days_letters_print_one_page_each_with_the_tenants_address_and_the_permit() -> None:
    who = factories.people()
    first = paperwork.clayton_permit(who)
    issued_late_that_evening(who)
    name, data = render_tenant_letters(first.application.jurisdiction, NOV_18)
    assert name == "tenant-letters-clayton-mo-2026-11-18.pdf"
    pages = page_texts(data)
    assert len(pages) == 2
    assert len(images(data)) == 2  # each copy carries its QR code
    assert "Ada Tenant, Ben Tenant, Zoë Lukasz ? 10 N Central Ave Clayton, MO 63105" in pages[0]
    assert f"has issued occupancy permit {first.number} for your home" in pages[0]
    assert "Clayton School District asks for a copy of this permit" in pages[0]
    assert f"Permit number {first.number}" in pages[0]
    assert "Ends upon a change in tenancy" in pages[0]
    assert "Page 1 of" not in pages[0]  # each page is a letter of its own, mailed alone
    assert pages[0].endswith(f"Occupancy Permit: Tenant Copy {first.number}")
    assert "Ada Tenant, Ivy Night" in pages[1]
    assert first.number not in pages[1]


def test_a_day_without_permits_prints_one_page_that_says_so() -> None:
    who = factories.people()
    permit = paperwork.clayton_permit(who)
    _, data = render_tenant_letters(permit.application.jurisdiction, dt.date(2026, 11, 19))
    (page,) = page_texts(data)
    assert "No occupancy permits were issued on November 19, 2026" in page


def test_a_jurisdiction_that_does_not_mail_permits_has_no_letters() -> None:
    permit = paperwork.st_louis_permit(factories.people("st-louis-county-mo"))
    with pytest.raises(NoLetters, match="does not mail permits to tenants"):
        render_tenant_letters(permit.application.jurisdiction, NOV_18)


def test_a_periods_letters_hold_each_day_of_it_each_dated_its_permits_day() -> None:
    who = factories.people()
    first = paperwork.clayton_permit(who)  # the 18th, 11:00
    issued_late_that_evening(who)  # the 18th, 11:30 PM: still the 18th in Clayton
    name, data = render_tenant_letters(
        first.application.jurisdiction, dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    )
    assert name == "tenant-letters-clayton-mo-2026-11-01-to-2026-11-30.pdf"
    pages = page_texts(data)
    assert len(pages) == 2
    assert all(
        page.startswith("November 18, 2026") or "November 18, 2026" in page for page in pages
    )
    _, none = render_tenant_letters(
        first.application.jurisdiction, dt.date(2026, 11, 19), dt.date(2026, 11, 30)
    )
    (page,) = page_texts(none)
    assert "No occupancy permits were issued from November 19, 2026 to November 30, 2026" in page
