"""The staff's days in the browser: the inspector on a phone (day sheet, checklist, a failure
with a photo, a pass), the clerk (a payment and a scheduled inspection from the queue), and
the village's code official (a fee waived, a conditional permit). Screenshots and axe on each
page; the factories' users sign in with their user name and password "x"."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from permitdesk.cases.models import FeeLine, Inspection, Payment, Permit
from tests import factories
from tests.api.client import Clock
from tests.documents.pdf import text
from tests.factories import visits
from tests.factories.photos import PNG
from tests.moments import central
from tests.web.conftest import PHONE, check_page, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_inspectors_day_on_a_phone(site: Any, clock: Clock, media: Any) -> None:
    who = factories.people()
    first = visits.visit(who, "am", contact="314-555-0101")
    second = visits.visit(who, "pm", contact="314-555-0202")
    visits.basement_bedroom(first, area="90", egress="4")
    clock.set(central(visits.WEDNESDAY_MORNING))
    site.set_viewport_size(PHONE)
    sign_in(site, "clayton-inspector", "x")
    site.goto(f"{site.base}/staff/inspections/today/")
    expect(site.get_by_role("heading", name="Today's inspections")).to_be_visible()
    expect(site.locator('a[href="tel:314-555-0101"]')).to_be_visible()
    check_page(site, "staff-inspector-day-phone")

    site.get_by_role("link", name="Open the inspection").first.click()
    expect(site.get_by_role("heading", name="Checklist")).to_be_visible()
    check_page(site, "staff-inspection-phone")
    # Issue 20: 4,312 px when every item carried its citation; the citation now waits
    # behind "Why", which opens in place.
    assert site.evaluate("document.documentElement.scrollHeight") < 2000
    why = site.locator("details.pd-why").first
    expect(why.locator("p")).to_be_hidden()
    why.locator("summary").click()
    expect(why.locator("p")).to_contain_text("3. Inspection Performed")
    # Issue 20: the row found deficient opens its own violation, pre-filled from the row.
    egress = site.locator("li.pd-check").filter(has_text="Bedroom 3: basement bedroom has")
    expect(egress.locator("fieldset.pd-row-violation")).to_be_hidden()
    site.get_by_label(
        "Bedroom 3: basement bedroom has a window or door to the outside"
    ).select_option("deficient")
    block = egress.locator("fieldset.pd-row-violation")
    expect(block).to_be_visible()
    expect(block.get_by_label("What is wrong")).to_have_value(
        "Bedroom 3: basement bedroom has a window or door to the outside: deficient "
        "(on file: egress opening 4 sq ft)"
    )
    site.get_by_label("Plumbing").select_option("meets")
    site.locator('label[for="id_result-result_1"]').click()  # Failed
    block.get_by_label("Severity").select_option("hazard")
    block.get_by_label("Code citation").fill("PM 304.7")
    block.locator("input[type=file]").set_input_files(
        files=[{"name": "egress.png", "mimeType": "image/png", "buffer": PNG}]
    )
    check_page(site, "staff-inspection-row-violation-phone")
    site.get_by_role("button", name="Record the inspection").click()
    expect(site.get_by_role("status")).to_contain_text("recorded: failed")

    # The second by keyboard only: tab to the radio buttons, pick Passed, send with Enter.
    site.locator(f'a[href="/staff/inspections/{second.pk}/"]').click()
    site.get_by_label("All others meet").focus()  # the last box before the result
    site.keyboard.press("Tab")  # the first radio button of the result
    site.keyboard.press("Space")
    assert site.locator("#id_result-result_0").is_checked()
    site.get_by_role("button", name="Record the inspection").focus()
    site.keyboard.press("Enter")
    expect(site.get_by_role("status")).to_contain_text("recorded: passed")
    check_page(site, "staff-inspector-day-after-phone")

    failed = Inspection.objects.get(pk=first.pk)
    assert failed.result == "failed"
    assert failed.checklist == {"basement-egress.3": "deficient", "plumbing": "meets"}
    violation = failed.violations.get()
    assert violation.checklist_item == "basement-egress.3"
    assert violation.code_citation == "PM 304.7"
    assert (media / violation.photo.name).read_bytes() == PNG
    notice = site.context.request.get(f"{site.base}/documents/violation-notices/{first.pk}.pdf")
    assert notice.status == 200
    printed = text(notice.body())
    assert "1 Bedroom 3: basement bedroom has a window or door to the outside PM 304.7" in printed
    assert (
        "Violation 1 (Bedroom 3: basement bedroom has a window or door to the outside)" in printed
    )
    assert str(violation.correct_by) == "2026-11-19"  # a hazard: the day after
    assert Inspection.objects.get(pk=second.pk).result == "passed"


def test_the_clerk_records_a_payment_and_schedules_from_the_queue(site: Any, clock: Clock) -> None:
    who = factories.people()
    clock.set(central("2026-11-16 11:00"))
    case = factories.submitted(who)
    sign_in(site, "clayton-clerk", "x")
    site.goto(f"{site.base}/staff/")
    check_page(site, "staff-home")
    site.get_by_role("link", name="Awaiting payment").click()
    check_page(site, "staff-queue-awaiting-payment")
    with site.expect_navigation():
        site.get_by_role("link", name=f"Application {case.pk}").click()
    check_page(site, "staff-case-clerk")

    site.get_by_label("Method of payment").select_option("check")
    site.get_by_label("Amount ($)").fill("80.00")
    site.evaluate("window.pdStayed = true")  # gone if the page reloads
    site.get_by_role("button", name="Record the payment").click()
    expect(site.get_by_role("status")).to_contain_text("Payment of $80.00 recorded")
    expect(site.locator("#panel-summary")).to_contain_text("$0.00")  # swapped out of band
    assert site.evaluate("window.pdStayed === true")  # htmx swapped the fees panel in place

    site.get_by_label("Inspection date").fill("2026-11-17")  # before Clayton's processing time
    site.get_by_label("Time of day").select_option("am")
    site.get_by_label("Contact name").fill("Ada Owner")
    site.get_by_label("Contact phone").fill("314-555-0100")
    site.get_by_label("Inspector").last.select_option(label="clayton-inspector")
    site.expected_errors = [422]
    site.get_by_role("button", name="Schedule the inspection").click()
    expect(site.locator("#id_wanted_on-error")).to_contain_text("2026-11-18")
    check_page(site, "staff-case-schedule-refused")
    site.get_by_label("Inspection date").fill("2026-11-18")
    site.get_by_role("button", name="Schedule the inspection").click()
    expect(site.get_by_role("status")).to_contain_text("scheduled for November 18, 2026")

    site.get_by_role("link", name="Search").click()
    site.get_by_label("Case number, address, parcel, permit number, phone or name").fill(
        case.unit.property.parcel_id
    )
    site.get_by_role("button", name="Search").click()
    expect(site.get_by_role("heading", name="1 case found")).to_be_visible()
    check_page(site, "staff-search")

    assert Payment.objects.get(application=case).amount == 80
    visit = Inspection.objects.get(application=case)
    assert (str(visit.scheduled_on), visit.inspector) == ("2026-11-18", who.inspector)


def test_the_village_official_waives_a_fee_and_issues_a_conditional_permit(
    site: Any, clock: Clock
) -> None:
    village = factories.people("village-ord-08-457")
    clock.set(central("2026-11-18 12:00"))
    owed = factories.submitted(village, "village-ord-08-457", "occupancy-permit", "sale")
    failed = factories.failed_in_the_village(village)
    sign_in(site, "village-code-official", "x")

    site.goto(f"{site.base}/staff/cases/{owed.pk}/")
    line = owed.fee_lines.get()
    site.locator(f"#id_waive-{line.pk}-reason").fill("Owner is a nonprofit housing agency")
    site.get_by_role("button", name="Waive this fee").click()
    expect(site.get_by_role("status")).to_contain_text("waived")
    assert FeeLine.objects.get(pk=line.pk).waived_reason == "Owner is a nonprofit housing agency"

    site.goto(f"{site.base}/staff/cases/{failed.pk}/")
    check_page(site, "staff-case-official-village")
    site.get_by_label("The owner's statement").fill(
        "The gutters will be reattached by December 15."
    )
    site.get_by_label("Corrections due by").fill("2026-12-15")
    site.get_by_role("button", name="Issue the conditional permit").click()
    expect(site.get_by_role("status")).to_contain_text("Conditional permit")
    permit = Permit.objects.get(application=failed)
    assert (permit.kind, str(permit.correction_due_on)) == ("conditional", "2026-12-15")

    site.get_by_role("link", name="The case's history").click()
    expect(site.get_by_text("issued a conditional permit")).to_be_visible()
    check_page(site, "staff-case-history")
