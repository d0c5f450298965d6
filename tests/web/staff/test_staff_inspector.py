"""The inspector's day sheet (today in the jurisdiction's zone, AM before PM, a tel: link) and
the inspection page: the pack's checklist, and pass, fail with violations and photos, or no
access, recorded by the service; uploads checked by content and size."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections, payments
from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.factories.photos import JPEG, PNG
from tests.moments import central
from tests.web.staff.conftest import client_of


def result_body(**extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "violation-TOTAL_FORMS": "3",
        "violation-INITIAL_FORMS": "0",
        "violation-MIN_NUM_FORMS": "0",
        "violation-MAX_NUM_FORMS": "10",
        "result-notes": "",
    }
    body.update(extra)
    return body


@pytest.mark.django_db
def test_the_day_sheet_lists_todays_inspections_am_before_pm(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central(visits.WEDNESDAY_MORNING))
    late = visits.visit(who, "pm", contact="314-555-0202")
    early = visits.visit(who, "am", contact="314-555-0101")
    elsewhere = visits.visit(who, "am")  # then reassigned to another inspector
    inspections.assign_inspector(
        actor=who.clerk,
        inspection=elsewhere,
        inspector=who.inspector_unassigned,
        now=factories.MONDAY,
    )
    page = client_of(who.inspector).get("/staff/inspections/today/").content.decode()
    assert "Wednesday, November 18, 2026" in page
    assert page.index('href="tel:314-555-0101"') < page.index('href="tel:314-555-0202"')
    assert f"/staff/inspections/{early.pk}/" in page
    assert f"/staff/inspections/{late.pk}/" in page
    assert f"/staff/inspections/{elsewhere.pk}/" not in page


@pytest.mark.django_db
def test_the_day_sheet_of_another_day_is_empty(who: factories.People, clock: Clock) -> None:
    visits.visit(who)
    clock.set(central("2026-11-19 08:00"))
    page = client_of(who.inspector).get("/staff/inspections/today/").content.decode()
    assert "No inspection is assigned to you today." in page


@pytest.mark.django_db
def test_the_checklist_comes_from_the_pack_with_citations_and_silences(
    who: factories.People,
) -> None:
    visit = visits.visit(who)
    visits.basement_bedroom(visit)
    page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert "Bedroom 1: a smoke alarm in the bedroom" in page
    assert "Bedroom 3: basement bedroom has a window or door to the outside" in page
    assert "Bedroom 1: basement bedroom" not in page  # not a basement bedroom
    assert "Clayton&#x27;s documents set no minimum bedroom area" in page
    assert "3. Inspection Performed" in page
    assert "Gutters" in page
    assert "Wiring" in page


@pytest.mark.django_db
def test_st_louis_countys_checklist_names_its_standards() -> None:
    county = factories.people("st-louis-county-mo")
    case = factories.submitted(county, "st-louis-county-mo", "re-occupancy-permit", "sale")
    payments.record_payment(
        actor=county.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    visit = inspections.request_inspection(
        actor=county.owner,
        application=case,
        wanted_on=factories.WEDNESDAY,
        window="am",
        contact_name="O",
        contact_phone="1",
        now=factories.MONDAY,
    )
    inspections.assign_inspector(
        actor=county.clerk, inspection=visit, inspector=county.inspector, now=factories.MONDAY
    )
    page = client_of(county.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert "Standard: at least 70 sq ft" in page
    assert "Seventy (70) square feet is required for each bedroom" in page
    # The row's violation block comes with the standard it fails (issue 20).
    assert "Bring it up to the standard: at least 70 sq ft (" in page
    assert 'name="fail-bedroom-area.1-severity"' in page


@pytest.mark.django_db
def test_an_inspector_fails_an_inspection_with_a_violation_and_a_photo(
    who: factories.People, media
) -> None:  # type: ignore[no-untyped-def]
    visit = visits.visit(who)
    photo = SimpleUploadedFile("gutter.png", PNG, content_type="image/png")
    body = result_body(
        **{
            "check-gutters": "deficient",
            "check-plumbing": "meets",
            "result-result": "failed",
            "fail-gutters-severity": "minor",
            "fail-gutters-code_citation": "PM 304.7",
            "fail-gutters-description": "Gutter detached at the rear",
            "fail-gutters-photo": photo,
        }
    )
    response = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.result == "failed"
    assert visit.checklist == {"gutters": "deficient", "plumbing": "meets"}
    violation = visit.violations.get()
    assert violation.code_citation == "PM 304.7"
    assert violation.checklist_item == "gutters"  # carried by the row it fails
    assert violation.severity == "minor"  # Clayton's minor: 30 days, the division's choice
    assert visit.completed_at is not None
    assert violation.correct_by is not None
    noticed = visit.completed_at.astimezone(ZoneInfo("America/Chicago")).date()
    assert (violation.correct_by - noticed).days == 30
    assert violation.photo.name.startswith("violations/2026/")
    assert violation.photo.name.endswith(".png")
    assert (media / violation.photo.name).read_bytes() == PNG
    shown = client_of(who.clerk).get(f"/staff/violations/{violation.pk}/photo/")
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert (
        client_of(who.clerk_elsewhere).get(f"/staff/violations/{violation.pk}/photo/").status_code
        == 404
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gutter.jpg", b"GIF89a" + b"\x00" * 32, "must be a JPEG or PNG image"),
        ("gutter.gif", PNG, "must be a JPEG or PNG image"),
        ("gutter.exe", JPEG, "must be a JPEG or PNG image"),
        ("gutter.jpg", JPEG + b"\x00" * (5 * 1024 * 1024), "the limit is 5 MB"),
    ],
)
def test_an_upload_that_is_not_a_small_jpeg_or_png_is_refused(
    who: factories.People,
    name: str,
    content: bytes,
    message: str,
    media,  # type: ignore[no-untyped-def]
) -> None:
    visit = visits.visit(who)
    body = result_body(
        **{
            "result-result": "failed",
            "violation-0-code_citation": "PM 304.7",
            "violation-0-description": "Gutter detached",
            "violation-0-photo": SimpleUploadedFile(name, content),
        }
    )
    response = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_violation-0-photo-error"' in page
    assert message in page
    assert 'value="Gutter detached"' not in page  # a textarea keeps it as text instead
    assert "Gutter detached</textarea>" in page
    visit.refresh_from_db()
    assert visit.result == "pending"
    assert not (media / "violations").exists()


@pytest.mark.django_db
def test_a_failure_without_a_violation_is_refused(who: factories.People) -> None:
    visit = visits.visit(who)
    response = client_of(who.inspector).post(
        f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": "failed"})
    )
    assert response.status_code == 422
    assert "A failed inspection lists at least one violation" in response.content.decode()
    visit.refresh_from_db()
    assert visit.result == "pending"


@pytest.mark.django_db
def test_violations_on_a_pass_are_refused(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    body = result_body(
        **{
            "result-result": "passed",
            "violation-0-severity": "minor",
            "violation-0-code_citation": "PM 304.7",
            "violation-0-description": "Gutter",
        }
    )
    response = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert response.status_code == 422
    assert "Violations are recorded only when the inspection fails" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("result", "status"), [("passed", "approved"), ("no-access", "submitted")])
def test_an_inspector_records_a_pass_or_no_access(
    who: factories.People, clock: Clock, result: str, status: str
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    response = client_of(who.inspector).post(
        f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": result})
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/inspections/today/"
    visit.refresh_from_db()
    assert visit.result == result
    visit.application.refresh_from_db()
    assert visit.application.status == status


@pytest.mark.django_db
def test_a_recorded_inspection_is_shown_not_recorded_again(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    inspector = client_of(who.inspector)
    inspector.post(f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": "passed"}))
    again = inspector.post(
        f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": "no-access"})
    )
    assert "This inspection is recorded: Passed" in again.content.decode()
    assert Inspection.objects.get(pk=visit.pk).result == "passed"


@pytest.mark.django_db
def test_a_clerk_may_not_record_an_inspection(who: factories.People) -> None:
    visit = visits.visit(who)
    response = client_of(who.clerk).post(
        f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": "no-access"})
    )
    assert response.status_code == 404
    visit.refresh_from_db()
    assert visit.result == "pending"
