"""The case follows the law at every step, not only when it is booked (issue 15): recording,
issuing and booking check the rules; a new occupancy's permit ends the one before; only case
programs are filed; every REQUIRED obligation can be filed and walked to its end; channels,
certification and the temporary permit's applicant are held to the packs."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from permitdesk.accounts.models import Role
from permitdesk.accounts.permissions import Forbidden
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Inspection, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, inspections, permits
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.law.loader import all_packs, get_pack
from permitdesk.law.pack import NotACase
from permitdesk.rules.calendar import earliest_inspection_day, local
from permitdesk.rules.case_facts import CaseFile, fee_facts
from permitdesk.rules.fileable import Filing, check_filings
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.quote import quote
from tests import factories
from tests.factories import request
from tests.factories.anywhere import file_case as _file
from tests.factories.anywhere import issue as _issue
from tests.factories.anywhere import pay as _pay
from tests.factories.anywhere import record as _record
from tests.factories.steps import book as _book
from tests.moments import central

pytestmark = pytest.mark.django_db

PARCELS = itertools.count(100)
SUNDAY = central("2026-11-15 11:00")
MONDAY = central("2026-11-16 10:00")


# --- 1. a result, a permit, before the law allows it ----------------------------------------


def test_a_sunday_application_cannot_be_inspected_or_permitted_on_sunday() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    case = _file("clayton-mo", owner, now=SUNDAY)
    _pay(case, crew[Role.CLERK], SUNDAY)
    # Processed at the start of Tuesday (24 business hours from Monday's opening); the
    # request, read Monday before 4:00 PM, goes on Tuesday (cutoff_read_at: request).
    assert local(get_pack("clayton-mo"), case.processed_at) == central("2026-11-17 00:00")
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), SUNDAY)  # Wednesday
    with pytest.raises(Refused, match="no inspection can be received before then") as refused:
        _record(crew, visit, SUNDAY, "passed")
    assert refused.value.code == "not-processed"
    assert refused.value.overridable
    # Processed, but still before the day it was booked for.
    with pytest.raises(Refused, match="booked for 2026-11-18; its result cannot be recorded"):
        _record(
            crew,
            visit,
            central("2026-11-17 09:00"),
            "passed",
        )
    visit.refresh_from_db()
    case.refresh_from_db()
    assert visit.result == "pending"
    assert case.status == "inspection-requested"
    assert not AuditEvent.objects.filter(action="record-passed").exists()


def test_a_sunday_applicant_can_be_inspected_on_tuesday() -> None:
    pack = get_pack("clayton-mo")
    case = _file("clayton-mo", factories.user("owner"), now=SUNDAY)
    assert earliest_inspection_day(pack, SUNDAY, case.processed_at) == dt.date(2026, 11, 17)


def test_only_a_code_official_overrides_the_schedule_and_the_override_is_audited() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    case = _file("clayton-mo", owner, now=SUNDAY)
    _pay(case, crew[Role.CLERK], SUNDAY)
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), SUNDAY)
    with pytest.raises(Forbidden, match="only a code official"):
        inspections.record_inspection_result(
            actor=crew[Role.INSPECTOR],
            inspection=visit,
            result="passed",
            now=SUNDAY,
            override_reason="urgent",
        )
    inspections.record_inspection_result(
        actor=crew[Role.CODE_OFFICIAL],
        inspection=visit,
        result="passed",
        now=central("2026-11-17 09:00"),
        override_reason="Inspected early at the owner's request; unit vacant and ready.",
    )
    event = AuditEvent.objects.get(action="record-passed")
    assert event.after["override"]["reason"].startswith("Inspected early")
    assert "booked for 2026-11-18" in event.after["override"]["refused"]
    # The approval counts from the day of the inspection that passed (approval_counts_from).
    case.refresh_from_db()
    assert case.approval.approved_on == dt.date(2026, 11, 17)
    assert case.approval.valid_through == dt.date(2027, 2, 15)  # 90 days, start excluded


def test_the_approval_counts_from_the_inspection_day_not_a_late_recording() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    case = _file("clayton-mo", owner)
    _pay(case, crew[Role.CLERK], MONDAY)
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
    _record(
        crew,
        visit,
        central("2026-11-20 08:00"),
        "passed",  # typed in two days later
    )
    case.refresh_from_db()
    assert case.approval.approved_on == dt.date(2026, 11, 18)


def test_the_village_inspection_waits_for_the_third_visits_fee() -> None:
    slug = "village-ord-08-457"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    case = _file(slug, owner)
    _pay(case, crew[Role.CLERK], MONDAY)
    day = dt.date(2026, 11, 17)
    for _visit in (1, 2):
        visit = _book(case, crew, owner, day, central(f"{day - dt.timedelta(days=1)} 07:00"))
        _record(
            crew,
            visit,
            central(f"{day} 10:00"),
            "failed",
            violations=[ViolationInput("PM 304", "Broken window")],
        )
        day += dt.timedelta(days=1)
    # The third inspection adds $40 (§2 covers one re-inspection); booking comes first...
    third = _book(case, crew, owner, dt.date(2026, 11, 20), central("2026-11-19 07:00"))
    assert balance_due(case) == Decimal("40.00")
    # ...but it is not received unpaid: "The fee shall be paid prior to the time of the inspection."
    with pytest.raises(Refused, match=r"paid before the inspection; 40\.00 is due"):
        _record(
            crew,
            third,
            central("2026-11-20 10:00"),
            "passed",
        )


# --- 2. never two permits in force on one unit ----------------------------------------------


@pytest.mark.parametrize(
    ("slug", "reason"),
    [
        ("clayton-mo", "change-of-tenancy"),
        ("village-ord-08-457", "change-of-occupancy"),
        ("st-louis-county-mo", "change-of-occupancy"),
        ("st-clair-county-il", "change-of-occupancy"),
    ],
)
def test_a_new_occupancys_permit_ends_the_permit_in_force_on_the_unit(
    slug: str, reason: str
) -> None:
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family", owner=owner)
    item = get_pack(slug).case_items()[0]
    evidence = "lease" if slug == "st-clair-county-il" else ""
    first_case = applications.submit_application(
        actor=owner, unit=home, fee_item=item, trigger="lease", now=MONDAY
    )
    first = _issue(first_case, crew, dt.date(2026, 11, 18), evidence)
    second_case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item=item,
        trigger="change-of-occupancy",
        now=central("2027-03-01 10:00"),
    )
    # Filing does not end it: the old tenants still live there until the new permit.
    first.refresh_from_db()
    assert first.ended_at is None
    second = _issue(second_case, crew, dt.date(2027, 3, 4), evidence)
    first.refresh_from_db()
    first_case.refresh_from_db()
    assert first.ended_at == second.issued_at
    assert first.end_reason == reason
    assert first_case.status == "ended"
    assert Permit.objects.filter(application__unit=home, ended_at=None).get() == second
    ended = AuditEvent.objects.get(action="end-permit", application_id=first_case.pk)
    assert ended.after["by_permit"] == second.number
    assert ended.actor == crew[Role.CLERK]


def test_the_public_verification_no_longer_calls_the_earlier_permit_valid(client) -> None:  # type: ignore[no-untyped-def]
    slug = "clayton-mo"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family", owner=owner)
    first_case = applications.submit_application(
        actor=owner, unit=home, fee_item="residential-occupancy", trigger="lease", now=MONDAY
    )
    first = _issue(first_case, crew, dt.date(2026, 11, 18))
    second_case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="residential-occupancy",
        trigger="lease",
        now=central("2027-03-01 10:00"),
    )
    _issue(second_case, crew, dt.date(2027, 3, 4))
    body = client.get(f"/api/verify/{first.number}").json()
    assert body["status"] == "ended"


# --- 3. only case programs are filed --------------------------------------------------------


def test_a_fee_item_that_is_not_a_case_program_cannot_be_filed() -> None:
    owner = factories.user("owner")
    home = factories.unit("clayton-mo", owner=owner)
    with pytest.raises(
        NotACase, match="residential-occupancy, commercial-occupancy, prior-to-sale"
    ):
        applications.submit_application(
            actor=owner, unit=home, fee_item="dumpster-permit", trigger="lease", now=MONDAY
        )
    assert not Application.objects.exists()


def test_the_api_answers_422_naming_what_can_be_filed(client) -> None:  # type: ignore[no-untyped-def]
    owner = factories.user("owner")
    home = factories.unit("clayton-mo", owner=owner)
    client.force_login(owner)
    response = client.post(
        "/api/applications",
        {"unit": home.pk, "fee_item": "dumpster-permit", "trigger": "lease"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "these can be filed: residential-occupancy" in str(response.json())
    assert not Application.objects.exists()


# --- 4. REQUIRED and fileable ---------------------------------------------------------------


def test_claytons_prior_to_sale_inspection_is_filed_and_ends_in_its_report() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    building = factories.unit("clayton-mo", "apartment", units_in_building=6, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=building, fee_item="prior-to-sale-inspection", trigger="sale", now=MONDAY
    )
    # $100 for the exterior and common areas and $25 for each of the 6 units (002).
    assert balance_due(case) == Decimal("250.00")
    _pay(case, crew[Role.CLERK], MONDAY)
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
    _record(
        crew,
        visit,
        central("2026-11-18 10:00"),
        "passed",
    )
    with pytest.raises(Refused, match="ends in its inspection report"):
        permits.issue_permit(
            actor=crew[Role.CLERK], application=case, now=central("2026-11-18 12:00")
        )


def test_st_louis_county_files_a_rental_apartment() -> None:
    owner = factories.user("owner")
    flat = factories.unit("st-louis-county-mo", "apartment", units_in_building=12, owner=owner)
    case = applications.submit_application(
        actor=owner, unit=flat, fee_item="re-occupancy-permit", trigger="lease", now=MONDAY
    )
    assert balance_due(case) == Decimal("80.00")


def test_a_first_tenancy_of_new_construction_is_charged_what_the_estimator_quotes() -> None:
    owner = factories.user("owner")
    pack = get_pack("clayton-mo")
    home = factories.unit("clayton-mo", "single-family", owner=owner)
    case = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="residential-occupancy",
        trigger="new-construction",
        now=MONDAY,
    )
    estimate = quote(
        pack,
        "residential-occupancy",
        {"unit_type": "single-family", "new_construction_first_tenancy": True},
        MONDAY.date(),
    )
    assert estimate.total == Decimal("0.00") == balance_due(case)


def _representatives() -> list[tuple[str, Filing]]:
    """One filing per (jurisdiction, obligation, program, trigger): every REQUIRED obligation."""
    seen: dict[tuple[str, str, str, str], Filing] = {}
    for pack in all_packs():
        filings, problems = check_filings(pack, MONDAY.date())
        assert not problems, problems
        for f in filings:
            if not f.case.occupied and not f.case.new_construction:
                seen.setdefault((pack.slug, f.obligation, f.program, f.case.trigger), f)
    return [(key[0], f) for key, f in sorted(seen.items())]


@pytest.mark.parametrize(
    ("slug", "filing"),
    _representatives(),
    ids=lambda v: v if isinstance(v, str) else f"{v.obligation}-{v.case.trigger}",
)
def test_every_required_obligation_is_filed_and_walked_to_its_end(
    slug: str, filing: Filing
) -> None:
    crew = factories.staff(slug)
    owner = factories.user("owner")
    pack = get_pack(slug)
    home = factories.unit(
        slug, filing.case.unit_type, units_in_building=filing.case.units_in_building, owner=owner
    )
    case = applications.submit_application(
        actor=owner, unit=home, fee_item=filing.program, trigger=filing.case.trigger, now=MONDAY
    )
    expected = quote(
        pack, filing.program, fee_facts(pack.item(filing.program), filing.case), MONDAY.date()
    )
    assert balance_due(case) == expected.total
    program = pack.item(filing.program).case
    assert program is not None
    if program.ends_in == "permit":
        permit = _issue(
            case, crew, dt.date(2026, 11, 18), "lease" if slug == "st-clair-county-il" else ""
        )
        assert permit.ended_at is None
        case.refresh_from_db()
        assert case.status == "issued"
    else:
        _pay(case, crew[Role.CLERK], MONDAY)
        visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
        _record(
            crew,
            visit,
            central("2026-11-18 10:00"),
            "passed",
        )
        case.refresh_from_db()
        assert case.status == "approved"


# --- 5. days and facts the portal respects --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "why"),
    [(dt.date(2026, 11, 21), "Saturday"), (dt.date(2027, 5, 31), "Memorial Day")],
)
def test_the_service_books_no_inspection_on_a_closed_day(day: dt.date, why: str) -> None:
    owner = factories.user("owner")
    case = _file("clayton-mo", owner)
    with pytest.raises(Refused, match=f"not a business day \\({why}\\)") as refused:
        request(case, owner, day, MONDAY)
    assert refused.value.field == "wanted_on"
    assert not Inspection.objects.exists()


def test_the_api_refuses_a_saturday_inspection(client) -> None:  # type: ignore[no-untyped-def]
    owner = factories.user("owner")
    case = _file("clayton-mo", owner)
    client.force_login(owner)
    response = client.post(
        f"/api/applications/{case.pk}/inspection-requests",
        {"wanted_on": "2027-01-09", "window": "am", "contact_name": "O", "contact_phone": "1"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "not a business day" in response.json()["detail"]


# --- 6. terms that are law: channels, certification, the temporary permit, the penalty ------


def test_st_louis_county_takes_no_application_by_telephone() -> None:
    owner = factories.user("owner")
    with pytest.raises(Refused, match="takes no application by phone") as refused:
        _file("st-louis-county-mo", owner, channel="phone")
    assert "Application cannot be made via telephone" in str(refused.value.citation)
    assert not Application.objects.exists()
    case = _file("st-louis-county-mo", factories.user("walk-in"), channel="in-person")
    assert case.channel == "in-person"


def test_the_village_refuses_a_rental_application_the_owner_will_not_certify() -> None:
    owner = factories.user("owner")
    with pytest.raises(Refused, match="certifies the information") as refused:
        _file("village-ord-08-457", owner, owner_certified=False)
    assert refused.value.field == "owner_certified"
    case = _file("village-ord-08-457", factories.user("landlord"), owner_certified=True)
    assert case.owner_certified is True


def test_st_clairs_temporary_permit_is_applied_for_in_person_by_the_owner_or_agent() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = _file(slug, factories.user("owner"))
    with pytest.raises(Refused, match="owner-in-person, agent-in-person"):
        permits.issue_temporary_permit(
            actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, channel="online"
        )
    with pytest.raises(Refused, match="not by the tenant in person"):
        permits.issue_temporary_permit(
            actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, applied_by="tenant"
        )
    permit = permits.issue_temporary_permit(
        actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, applied_by="agent"
    )
    assert permit.kind == "temporary"


def test_st_clair_refuses_a_rent_receipt_without_a_photo_id() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = _file(slug, factories.user("owner"))
    with pytest.raises(Refused, match="evidence 'rent-receipt' is not one of"):
        _issue(case, crew, dt.date(2026, 11, 18), evidence="rent-receipt")


def test_a_village_violation_notice_states_the_maximum_penalty() -> None:
    slug = "village-ord-08-457"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    case = _file(slug, owner)
    _pay(case, crew[Role.CLERK], MONDAY)
    visit = _book(case, crew, owner, dt.date(2026, 11, 18), MONDAY)
    _record(
        crew,
        visit,
        central("2026-11-18 10:00"),
        "failed",
        violations=[ViolationInput("PM 704", "No smoke alarm in the hallway")],
    )
    notice = OutboxMessage.objects.get(kind="violation-notice")
    assert "fine not to exceed $500.00" in notice.body
    assert "imprisonment not to exceed 90 days" in notice.body


def test_pack_case_file_mapping_reads_the_unit_and_trigger() -> None:
    item = get_pack("clayton-mo").item("prior-to-sale-inspection")
    assert fee_facts(item, CaseFile("apartment", 6, False, "sale")) == {"units": 6}
