"""The violation notice, read back: each violation with its citation and correction, how to
request the re-inspection from the pack, and a conditional permit's correction date."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections, payments
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.documents import render_attachment
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.documents.pdf import images, page_texts, text
from tests.factories import paperwork
from tests.factories.photos import PNG
from tests.moments import central

pytestmark = pytest.mark.django_db


def notice(inspection: Inspection) -> str:
    name, data = render_attachment("violation-notice", inspection.pk)
    assert name == f"violation-notice-{inspection.application_id}-{inspection.number}.pdf"
    return text(data)


def fail(who: factories.People, inspection: Inspection, *violations: ViolationInput) -> Inspection:
    inspections.assign_inspector(
        actor=who.clerk, inspection=inspection, inspector=who.inspector, now=factories.MONDAY
    )
    return inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=central(f"{inspection.scheduled_on} 09:30"),  # on the day it was booked for
        violations=violations or [ViolationInput("PM 304.7", "Gutters detached", "Re-hang")],
    )


def request(who: factories.People, case: object, day: int) -> Inspection:
    return inspections.request_inspection(
        actor=who.owner,
        application=case,  # type: ignore[arg-type]
        wanted_on=factories.WEDNESDAY.replace(day=day),
        window="am",
        contact_name="O",
        contact_phone="1",
        now=central(f"2026-11-{day - 1} 10:00"),  # the business day before
    )


def test_a_clayton_notice_lists_each_violation_and_how_to_schedule_the_re_inspection() -> None:
    failed = paperwork.clayton_failed(factories.people())
    printed = notice(failed)
    assert "CITY OF CLAYTON, MISSOURI Notice of Violations" in printed
    assert "Inspection Initial inspection" in printed
    assert "Inspected November 18, 2026, 9:30 AM CST" in printed
    assert "Inspector clayton-inspector" in printed
    assert "Violations (2)" in printed
    # "-": found apart from the checklist (no item)
    assert "1 - IPMC 704.2 No smoke alarm in bedroom 2 Install a smoke alarm" in printed
    assert (
        "2 - IPMC 305.3 Peeling paint in the stairwell Correct the condition described." in printed
    )
    case_page = f"{settings.PUBLIC_URL}/cases/{failed.application_id}/"
    assert case_page in printed.replace(" ", "")
    assert "It is for the owner or the managing agent to request it." in printed
    assert "contact name and phone, desired date, AM or PM" in printed  # the citation
    assert "Only requests made before 4:00 PM can be placed on the schedule" in printed
    assert "sets no re-inspection fee" in printed


def test_the_villages_notice_gives_the_conditional_permits_correction_date() -> None:
    failed, permit = paperwork.village_conditional(factories.people("village-ord-08-457"))
    printed = notice(failed)
    assert f"Conditional permit {permit.number}" in printed
    assert "Correct these deficiencies by December 31, 2026." in printed
    assert "§1.E Conditional Occupancy Permit" in printed
    assert "the fee already paid covers this re-inspection" in printed
    assert "performed by St. Louis County" in printed


def test_st_clairs_notice_charges_50_dollars_for_the_re_inspection_before_the_report() -> None:
    who = factories.people("st-clair-county-il")
    case = factories.submitted(who, "st-clair-county-il", "occupancy-inspection", "lease")
    printed = notice(fail(who, request(who, case, 18)))
    assert "Re-inspection fee: $50.00." in printed
    assert "$50.00 Re-inspection / No Access" in printed
    assert "Fees are paid before the approved inspection report is released." in printed
    assert "It is for the owner or the agent to request it." in printed


def test_st_louis_countys_notice_after_a_second_failure_charges_40_dollars_for_the_third() -> None:
    who = factories.people("st-louis-county-mo")
    case = factories.submitted(who, "st-louis-county-mo", "re-occupancy-permit", "sale")
    payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    first = fail(who, request(who, case, 18))
    second = fail(who, request(who, case, 20))
    assert "Re-inspection fee: none; the fee already paid covers" in notice(first)
    printed = notice(second)
    assert "Re-inspection 1 (visit 2)" in printed
    assert "Re-inspection fee: $40.00." in printed
    assert "$40 charge if a third inspection is required" in printed
    assert "An inspector will contact the applicant to schedule the time." in printed


def test_an_inspection_that_did_not_fail_has_no_notice() -> None:
    who = factories.people()
    _, pending = factories.scheduled(who)
    with pytest.raises(LookupError, match="did not fail"):
        render_attachment("violation-notice", pending.pk)


def test_forty_violations_and_unbroken_long_words_run_onto_more_pages_without_loss() -> None:
    who = factories.people()
    _, inspection = factories.scheduled(who)
    long_word = "Unbroken" * 30
    failed = inspections.record_inspection_result(
        actor=who.inspector,
        inspection=inspection,
        result="failed",
        now=central(f"{inspection.scheduled_on} 09:30"),  # on the day it was booked for
        violations=[
            ViolationInput(f"IPMC 3{n:02d}.1", f"Defect number {n}", long_word if n == 7 else "")
            for n in range(40)
        ],
    )
    _, data = render_attachment("violation-notice", failed.pk)
    pages = page_texts(data)
    assert len(pages) > 1
    printed = " ".join(pages)
    for n in range(40):
        assert f"IPMC 3{n:02d}.1 Defect number {n} " in printed
    assert printed.replace(" ", "").count(long_word) == 1
    assert (
        "# Checklist item Code citation Violation What must be corrected" in pages[1]
    )  # heading repeated


def test_the_notice_prints_each_correction_date_its_basis_and_the_photo(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    who = factories.people()
    _, visit = factories.requested(who)
    photo = ContentFile(PNG, name="gutter.png")
    failed = fail(
        who,
        visit,
        ViolationInput("IPMC 704.2", "No smoke alarm", "Install one", severity="hazard"),
        ViolationInput("PM 304.7", "Gutters detached", "Re-hang", photo, "major"),
    )
    _, data = render_attachment("violation-notice", failed.pk)
    printed = text(data)
    assert "Correct by" in printed
    assert "November 19, 2026 (Hazard to life or safety)" in printed
    assert "December 2, 2026 (Major)" in printed
    assert "Major: correct within 14 days of the inspection." in printed
    assert "The division's choice" in printed
    assert "Photos" in printed
    assert "Violation 2: PM 304.7" in printed
    assert len(images(data)) == 1


def test_a_violation_from_the_checklist_prints_beside_its_item_with_its_photo(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    who = factories.people()
    _, visit = factories.requested(who)
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector, now=factories.MONDAY
    )
    failed = inspections.record_inspection_result(
        actor=who.inspector,
        inspection=visit,
        result="failed",
        now=central(f"{visit.scheduled_on} 09:30"),
        checklist={"bedroom-area.2": "deficient", "gutters": "deficient", "plumbing": "meets"},
        violations=[
            ViolationInput("PM 404.4.1", "Too small", "Enlarge", None, "major", "bedroom-area.2"),
            ViolationInput(
                "PM 304.7",
                "Detached",
                "Re-hang",
                ContentFile(PNG, name="g.png"),
                "minor",
                "gutters",
            ),
        ],
    )
    _, data = render_attachment("violation-notice", failed.pk)
    printed = text(data)
    assert "Checklist item" in printed
    assert "1 Bedroom 2: bedroom floor area PM 404.4.1 Too small" in printed
    assert "2 Gutters PM 304.7 Detached" in printed
    assert "Violation 2 (Gutters): PM 304.7" in printed  # the photo's caption
    assert len(images(data)) == 1


def test_a_violation_may_not_name_an_item_not_recorded_deficient() -> None:
    who = factories.people()
    _, visit = factories.requested(who)
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector, now=factories.MONDAY
    )
    with pytest.raises(Refused) as refused:
        inspections.record_inspection_result(
            actor=who.inspector,
            inspection=visit,
            result="failed",
            now=central(f"{visit.scheduled_on} 09:30"),
            checklist={"gutters": "meets"},
            violations=[ViolationInput("PM 304.7", "Detached", "", None, "minor", "gutters")],
        )
    assert (refused.value.code, refused.value.field) == ("checklist-item", "violations")
    assert "'gutters' carries a violation but is not recorded as deficient" in str(refused.value)
    visit.refresh_from_db()
    assert visit.result == "pending"
    assert not visit.violations.exists()
