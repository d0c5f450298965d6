"""The inspection form as issue 20 asks for a phone: the item and its standard, the citation
behind a "Why" toggle; "all others meet"; the previous visit's violations (with photos) on a
re-inspection; a directions link; a severity for each violation; overdue visits on "Today"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import inspections
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.api.client import Clock
from tests.factories import visits
from tests.factories.photos import PNG
from tests.moments import central
from tests.web.staff.conftest import client_of
from tests.web.staff.test_staff_inspector import result_body

pytestmark = pytest.mark.django_db


def _re_inspection(who: factories.People) -> tuple[Inspection, Inspection]:
    """A failed first visit (a photo on its violation) and the re-inspection booked after."""
    case, first = factories.scheduled(who)
    photo = ContentFile(PNG, name="gutter.png")
    inspections.record_inspection_result(
        actor=who.inspector,
        inspection=first,
        result="failed",
        now=factories.ON_WEDNESDAY,
        violations=[ViolationInput("PM 304.7", "Gutters detached", "", photo, "minor")],
    )
    second = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=dt.date(2026, 11, 20),
        window="am",
        contact_name="O",
        contact_phone="1",
        now=factories.ON_WEDNESDAY,
    )
    inspections.assign_inspector(
        actor=who.clerk, inspection=second, inspector=who.inspector, now=factories.ON_WEDNESDAY
    )
    return first, second


def test_the_citation_waits_behind_why_and_the_standard_stays_in_view(
    who: factories.People,
) -> None:
    visit = visits.visit(who)
    page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    why = page.index('<details class="pd-why">')
    assert page.index("3. Inspection Performed", why) < page.index("</details>", why)
    assert "On file: 120 sq ft" in page  # the bedroom's area, beside the item
    assert 'aria-describedby="id_check-bedroom-area.1-hint"' in page
    assert "All others meet" in page


def test_all_others_meet_records_every_row_left_unchecked(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    body = result_body(
        **{
            "check-gutters": "deficient",
            "check-all_others_meet": "on",
            "result-result": "failed",
            "fail-gutters-severity": "minor",  # the rest of its block as pre-filled
        }
    )
    assert client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body).status_code == 302
    visit.refresh_from_db()
    assert visit.checklist["gutters"] == "deficient"
    assert visit.checklist["plumbing"] == visit.checklist["bedroom-area.2"] == "meets"
    assert "all_others_meet" not in visit.checklist
    (violation,) = visit.violations.all()
    assert violation.correct_by == dt.date(2026, 12, 18)  # minor: 30 days
    assert violation.checklist_item == "gutters"
    assert violation.description == "Gutters: deficient"
    assert violation.code_citation.endswith(
        "3. Inspection Performed — The space must pass inspection"
    )


def test_a_violation_needs_a_severity_of_the_pack(who: factories.People, clock: Clock) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert "Major: correct within 14 days" in page
    body = result_body(
        **{
            "result-result": "failed",
            "violation-0-code_citation": "PM 304.7",
            "violation-0-description": "Gutters",
        }
    )
    missing = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert missing.status_code == 422
    assert 'id="id_violation-0-severity-error"' in missing.content.decode()
    body["violation-0-severity"] = "cosmetic"
    other = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert other.status_code == 422
    assert "Select a valid choice" in other.content.decode()
    visit.refresh_from_db()
    assert visit.result == "pending"


def test_a_re_inspection_shows_the_last_visits_violations_with_photos(
    who: factories.People, media: Any
) -> None:
    first, second = _re_inspection(who)
    violation = first.violations.get()
    page = client_of(who.inspector).get(f"/staff/inspections/{second.pk}/").content.decode()
    assert "Violations found on visit 1" in page
    assert "Gutters detached" in page
    assert "correct by Dec 18" in page
    assert f'<img class="pd-violation-photo" src="/staff/violations/{violation.pk}/photo/"' in page
    first_page = client_of(who.inspector).get(f"/staff/inspections/{first.pk}/").content.decode()
    assert "Violations found on visit" not in first_page


def test_the_directions_link_opens_the_map_at_the_address(who: factories.People) -> None:
    visit = visits.visit(who)
    page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert (
        'href="https://www.google.com/maps/dir/?api=1&amp;destination='
        '10+N+Central+Ave%2C+Clayton%2C+MO+63105"'
    ) in page
    scripts = [part.split('"', 1)[0] for part in page.split('<script src="')[1:]]
    assert all(src.startswith("/static/vendor/") for src in scripts)  # a link, no map script


def test_today_leads_with_the_overdue_visits(who: factories.People, clock: Clock) -> None:
    late = visits.visit(who)  # booked for Wednesday the 18th
    clock.set(central("2026-11-20 08:00"))
    page = client_of(who.inspector).get("/staff/inspections/today/").content.decode()
    assert "Overdue" in page
    assert f"/staff/inspections/{late.pk}/" in page
    assert "No inspection is assigned to you today." in page
    tomorrow = client_of(who.inspector).get("/staff/inspections/today/?ahead=1").content.decode()
    assert "Overdue" not in tomorrow


def test_a_code_official_records_from_the_case_and_returns_to_it(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    official = client_of(who.official)
    page = official.get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert f'href="/staff/cases/{visit.application_id}/"' in page  # not the inspector's day
    assert "Override the schedule" in page
    done = official.post(
        f"/staff/inspections/{visit.pk}/", result_body(**{"result-result": "passed"})
    )
    assert done.status_code == 302
    assert done["Location"] == f"/staff/cases/{visit.application_id}/"
    inspector_page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/")
    assert "Override the schedule" not in inspector_page.content.decode()


def test_a_deficient_row_needs_its_violations_severity_and_only_its_block_is_read(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    page = client_of(who.inspector).get(f"/staff/inspections/{visit.pk}/").content.decode()
    assert "Gutters: deficient</textarea>" in page  # pre-filled from the row
    body = result_body(
        **{
            "check-gutters": "deficient",
            "check-all_others_meet": "on",
            "result-result": "failed",
            "fail-plumbing-severity": "no-such-severity",  # a row not deficient: not read
        }
    )
    missing = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert missing.status_code == 422
    answer = missing.content.decode()
    assert 'id="id_fail-gutters-severity-error"' in answer
    assert "id_fail-plumbing-severity-error" not in answer
    visit.refresh_from_db()
    assert (visit.result, visit.violations.count()) == ("pending", 0)


def test_a_deficient_row_is_a_violation_so_the_inspection_cannot_pass(
    who: factories.People, clock: Clock
) -> None:
    clock.set(central("2026-11-18 10:00"))
    visit = visits.visit(who)
    body = result_body(
        **{
            "check-gutters": "deficient",
            "fail-gutters-severity": "minor",
            "result-result": "passed",
        }
    )
    refused = client_of(who.inspector).post(f"/staff/inspections/{visit.pk}/", body)
    assert refused.status_code == 422
    assert "Violations are recorded only when the inspection fails" in refused.content.decode()
    visit.refresh_from_db()
    assert visit.result == "pending"
