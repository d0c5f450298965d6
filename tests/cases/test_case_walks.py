"""One case per jurisdiction, from application to permit and its end, through the services,
with the fees and dates the documents give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.base import balance_due
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import pass_inspection
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_clayton_rental_case_runs_from_application_to_permit_and_ends_on_a_change_of_tenancy() -> (
    None
):
    slug = "clayton-mo"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family")
    monday = central("2026-11-16 10:00")
    case = applications.submit_application(
        actor=owner, unit=home, fee_item="residential-occupancy", trigger="lease", now=monday
    )
    # $80 for a single-family home (process document); processing takes 24 business hours.
    assert balance_due(case) == Decimal("80.00")
    assert case.processed_at == central("2026-11-17 10:00")
    # Asking for Tuesday is refused: processed Tuesday 10 AM, the first day is Wednesday.
    with pytest.raises(Refused, match="first day this request can be placed on is 2026-11-18"):
        inspections.request_inspection(
            actor=owner,
            application=case,
            wanted_on=dt.date(2026, 11, 17),
            window="am",
            contact_name="Pat Owner",
            contact_phone="314-555-0100",
            now=monday,
        )
    payments.record_payment(
        actor=crew[Role.CLERK],
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=monday,
    )
    first = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=dt.date(2026, 11, 18),
        window="am",
        contact_name="Pat Owner",
        contact_phone="314-555-0100",
        now=monday,
    )
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=first, inspector=crew[Role.INSPECTOR], now=monday
    )
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=first,
        result="failed",
        now=central("2026-11-18 09:30"),
        violations=[
            ViolationInput("IPMC 704.2", "No smoke alarm in bedroom 2", "Install a smoke alarm")
        ],
    )
    assert OutboxMessage.objects.filter(key=f"violation-notice-{first.pk}").exists()
    second = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=dt.date(2026, 11, 20),
        window="pm",
        contact_name="Pat Owner",
        contact_phone="314-555-0100",
        now=central("2026-11-18 11:00"),
    )
    assert second.number == 2
    assert balance_due(case) == Decimal("0.00")  # Clayton states no re-inspection fee
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=second, inspector=crew[Role.INSPECTOR], now=monday
    )
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=second,
        result="passed",
        now=central("2026-11-20 14:00"),
    )
    case.refresh_from_db()
    assert case.approval.valid_through == dt.date(2027, 2, 18)  # Nov 20 + 90 days
    with pytest.raises(Refused, match="add every occupant"):
        permits.issue_permit(
            actor=crew[Role.CLERK], application=case, now=central("2026-11-20 15:00")
        )
    occupants.add_occupant(
        actor=owner,
        application=case,
        first_name="Ada",
        last_name="Tenant",
        age=34,
        relationship="head",
        now=monday,
    )
    occupants.add_occupant(
        actor=owner,
        application=case,
        first_name="Ben",
        last_name="Tenant",
        age=6,
        relationship="son",
        now=monday,
    )
    permit = permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=central("2026-11-23 09:00")
    )
    assert permit.ends_on == dt.date(2031, 11, 23)  # five years after the original date of issue
    permits.end_permit(
        actor=crew[Role.CLERK],
        permit=permit,
        reason="change-of-tenancy",
        now=central("2027-08-01 09:00"),
    )
    case.refresh_from_db()
    assert case.status == Application.Status.ENDED
    actions = list(
        AuditEvent.objects.filter(application_id=case.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "submit",
        "record-payment",
        "request-inspection",
        "assign-inspector",
        "record-failed",
        "request-inspection",
        "assign-inspector",
        "record-passed",
        "add-occupant",
        "add-occupant",
        "issue-permit",
        "end-permit",
    ]


def test_a_st_clair_case_charges_re_inspection_and_the_permit_fee_and_ends_the_temporary_permit() -> (
    None
):
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "duplex", 2)
    now = central("2026-03-02 10:00")
    case = applications.submit_application(
        actor=owner, unit=home, fee_item="occupancy-inspection", trigger="lease", now=now
    )
    assert balance_due(case) == Decimal("100.00")  # duplex
    temporary = permits.issue_temporary_permit(
        actor=crew[Role.CODE_OFFICIAL], application=case, now=now
    )
    first = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=dt.date(2026, 3, 4),
        window="any",
        contact_name="O",
        contact_phone="618-555-0100",
        now=now,
    )
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=first, inspector=crew[Role.INSPECTOR], now=now
    )
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=first,
        result="no-access",
        now=central("2026-03-04 10:00"),
    )
    assert balance_due(case) == Decimal("150.00")  # + $50 no access
    second = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=dt.date(2026, 3, 6),
        window="any",
        contact_name="O",
        contact_phone="618-555-0100",
        now=now,
    )
    assert balance_due(case) == Decimal("200.00")  # + $50 re-inspection
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=second, inspector=crew[Role.INSPECTOR], now=now
    )
    # Fees must be paid before the approved inspection report.
    with pytest.raises(Refused, match="before the approved inspection report"):
        inspections.record_inspection_result(
            actor=crew[Role.INSPECTOR],
            inspection=second,
            result="passed",
            now=central("2026-03-06 10:00"),
        )
    with pytest.raises(Refused, match="not accepted"):
        payments.record_payment(
            actor=crew[Role.CLERK],
            application=case,
            method="visa",
            amount=Decimal("200.00"),
            now=now,
        )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="cash", amount=Decimal("200.00"), now=now
    )
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR],
        inspection=second,
        result="passed",
        now=central("2026-03-06 10:00"),
    )
    case.refresh_from_db()
    assert case.approval.valid_through == dt.date(2027, 3, 6)  # one year
    assert balance_due(case) == Decimal("35.00")  # the occupancy permit fee
    occupants.add_occupant(
        actor=owner, application=case, first_name="Cy", last_name="Renter", now=now
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=Decimal("35.00"), now=now
    )
    with pytest.raises(Refused, match="evidence 'utility-bill' is not one of: lease, rent-receipt"):
        permits.issue_permit(
            actor=crew[Role.CLERK],
            application=case,
            now=central("2026-03-09 10:00"),
            evidence="utility-bill",
        )
    permit = permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=central("2026-03-09 10:00"), evidence="lease"
    )
    temporary.refresh_from_db()
    assert temporary.end_reason == "certificate of occupancy issued"
    assert permit.ends_on is None  # St. Clair sets no permit term


def test_the_village_refuses_an_inspection_before_the_fee_and_offers_a_conditional_permit() -> None:
    slug = "village-ord-08-457"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family")
    now = central("2026-05-04 10:00")
    case = applications.submit_application(
        actor=owner, unit=home, fee_item="occupancy-permit", trigger="sale", now=now
    )
    assert balance_due(case) == Decimal("80.00")
    with pytest.raises(Refused, match="paid before the inspection"):
        inspections.request_inspection(
            actor=owner,
            application=case,
            wanted_on=dt.date(2026, 5, 6),
            window="am",
            contact_name="O",
            contact_phone="1",
            now=now,
        )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=Decimal("80.00"), now=now
    )
    clock = now  # each result is recorded on the day its inspection was booked for
    # May 8 is Truman Day, a Missouri holiday: the second visit is the Monday after.
    for number, day in ((1, dt.date(2026, 5, 7)), (2, dt.date(2026, 5, 11))):
        result = "failed"
        inspection = inspections.request_inspection(
            actor=owner,
            application=case,
            wanted_on=day,
            window="am",
            contact_name="O",
            contact_phone="1",
            now=clock,
        )
        assert inspection.number == number
        inspections.assign_inspector(
            actor=crew[Role.CLERK], inspection=inspection, inspector=crew[Role.INSPECTOR], now=clock
        )
        clock = central(f"{day} 10:00")
        inspections.record_inspection_result(
            actor=crew[Role.INSPECTOR],
            inspection=inspection,
            result=result,
            now=clock,
            violations=[ViolationInput("PM 304.7", "Gutters detached")],
        )
    permit = permits.issue_conditional_permit(
        actor=crew[Role.CODE_OFFICIAL],
        application=case,
        owner_statement="I will re-hang the gutters",
        correction_due_on=dt.date(2026, 6, 30),
        now=clock,
    )
    assert permit.kind == Permit.Kind.CONDITIONAL
    third = inspections.request_inspection(
        actor=owner,
        application=case,
        wanted_on=dt.date(2026, 6, 1),
        window="am",
        contact_name="O",
        contact_phone="1",
        now=clock,
    )
    assert balance_due(case) == Decimal("40.00")  # the fee covers one re-inspection only
    # "The fee shall be paid prior to the time of the inspection" (§2): not received unpaid.
    with pytest.raises(Refused, match="paid before the inspection"):
        inspections.record_inspection_result(
            actor=crew[Role.CODE_OFFICIAL],
            inspection=third,
            result="passed",
            now=central("2026-06-01 10:00"),
        )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=Decimal("40.00"), now=clock
    )
    inspections.assign_inspector(
        actor=crew[Role.CLERK], inspection=third, inspector=crew[Role.INSPECTOR], now=clock
    )
    with pytest.raises(
        Refused
    ):  # the conditional case is not "inspection-requested" ... until requested
        permits.issue_permit(actor=crew[Role.CLERK], application=case, now=clock)
    clock = central("2026-06-01 10:00")
    inspections.record_inspection_result(
        actor=crew[Role.INSPECTOR], inspection=third, result="passed", now=clock
    )
    occupants.add_occupant(
        actor=owner, application=case, first_name="Di", last_name="Buyer", now=clock
    )
    with pytest.raises(Refused, match="age and relationship"):
        permits.issue_permit(actor=crew[Role.CLERK], application=case, now=clock)


def test_the_village_refuses_an_application_for_a_type_ii_unit() -> None:
    owner = factories.user("owner")
    flat = factories.unit("village-ord-08-457", "apartment", 12)
    with pytest.raises(Refused, match="No re-occupancy permit is required for a Type II unit"):
        applications.submit_application(
            actor=owner,
            unit=flat,
            fee_item="occupancy-permit",
            trigger="lease",
            now=central("2026-05-04 10:00"),
        )
    assert not Application.objects.exists()


def test_clayton_refuses_an_application_for_a_sale_without_a_tenancy() -> None:
    owner = factories.user("owner")
    house = factories.unit("clayton-mo", "single-family")
    with pytest.raises(Refused, match="rental properties only"):
        applications.submit_application(
            actor=owner,
            unit=house,
            fee_item="residential-occupancy",
            trigger="sale",
            now=central("2026-05-04 10:00"),
        )


def test_a_change_of_occupancy_report_after_30_days_is_recorded_as_late() -> None:
    # the village's clerk reports for the owner (the owner of a property they recorded may too)
    owner = factories.user("village-clerk", Role.CLERK, "village-ord-08-457")
    house = factories.unit("village-ord-08-457", "single-family")
    on_time = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 10:00")
    )
    late = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-04-01 10:00")
    )
    assert (on_time.due_on, on_time.late, late.late) == (dt.date(2026, 3, 31), False, True)
    # 8:30 PM on the last day is 01:30 the next day in UTC: still on time, the village's day.
    evening = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 20:30")
    )
    assert (evening.reported_at.astimezone(dt.UTC).date(), evening.late) == (
        dt.date(2026, 4, 1),
        False,
    )
    clayton_clerk = factories.user("clayton-clerk", Role.CLERK, "clayton-mo")
    with pytest.raises(Refused, match="asks for no change-of-occupancy report"):
        occupants.report_change_of_occupancy(
            actor=clayton_clerk,
            unit=factories.unit("clayton-mo", parcel="P-9"),
            changed_on=dt.date(2026, 3, 1),
            now=central("2026-03-02 10:00"),
        )


def test_a_refund_is_a_negative_entry_and_cannot_exceed_the_payment() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    case = applications.submit_application(
        actor=owner,
        unit=factories.unit("clayton-mo", "condo", 8),
        fee_item="residential-occupancy",
        trigger="lease",
        now=central("2026-05-04 10:00"),
    )
    paid = payments.record_payment(
        actor=crew[Role.CLERK],
        application=case,
        method="check",
        amount=Decimal("60.00"),
        now=central("2026-05-04 10:00"),
    )
    with pytest.raises(Refused, match=r"at most 60\.00"):
        payments.refund_payment(
            actor=crew[Role.CLERK],
            payment=paid,
            amount=Decimal("60.01"),
            reason="duplicate",
            now=central("2026-05-05 10:00"),
        )
    refund = payments.refund_payment(
        actor=crew[Role.CLERK],
        payment=paid,
        amount=Decimal("60.00"),
        reason="withdrawn before processing",
        now=central("2026-05-05 10:00"),
    )
    assert refund.amount == Decimal("-60.00")
    assert balance_due(case) == Decimal("60.00")


def test_st_louis_county_checks_the_occupant_count_against_the_bedrooms() -> None:
    slug = "st-louis-county-mo"
    crew = factories.staff(slug)
    buyer = factories.user("buyer")
    home = factories.unit(slug, "condo", 12, bedrooms=("75",))
    now = central("2026-04-01 10:00")
    case = applications.submit_application(
        actor=buyer, unit=home, fee_item="re-occupancy-permit", trigger="sale", now=now
    )
    assert balance_due(case) == Decimal("80.00")
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="check", amount=Decimal("80.00"), now=now
    )
    pass_inspection(
        case,
        requester=buyer,
        crew=crew,
        wanted_on=dt.date(2026, 4, 3),
        requested_at=now,
        passed_at=central("2026-04-03 10:00"),
    )
    case.refresh_from_db()
    assert case.approval.valid_through == dt.date(2026, 8, 1)  # 120 days to name the occupants
    occupants.add_occupant(actor=buyer, application=case, first_name="E", last_name="One", now=now)
    occupants.add_occupant(actor=buyer, application=case, first_name="F", last_name="Two", now=now)
    with pytest.raises(Refused, match="bedrooms allow at most 1"):
        permits.issue_permit(
            actor=crew[Role.CLERK], application=case, now=central("2026-04-04 10:00")
        )


def test_st_clair_carries_an_approval_over_a_change_of_occupancy_within_the_year() -> None:
    crew = factories.staff("st-clair-county-il")
    owner = factories.user("owner")
    home = factories.unit("st-clair-county-il", "apartment", 6)
    now = central("2026-03-02 10:00")
    first = applications.submit_application(
        actor=owner, unit=home, fee_item="occupancy-inspection", trigger="lease", now=now
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=first, method="cash", amount=Decimal("75.00"), now=now
    )
    pass_inspection(
        first,
        requester=owner,
        crew=crew,
        wanted_on=dt.date(2026, 3, 4),
        requested_at=now,
        passed_at=central("2026-03-04 10:00"),
    )
    # New tenants in the autumn: no new inspection, only the $35 permit fee.
    second = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="occupancy-inspection",
        trigger="lease",
        now=central("2026-10-01 10:00"),
    )
    assert second.status == Application.Status.APPROVED
    assert second.approval.carried_from == first.approval
    assert second.approval.valid_through == dt.date(2027, 3, 4)
    assert balance_due(second) == Decimal("35.00")
    # After the year, a new inspection and its fee.
    third = applications.submit_application(
        actor=owner,
        unit=home,
        fee_item="occupancy-inspection",
        trigger="lease",
        now=central("2027-03-05 10:00"),
    )
    assert third.status == Application.Status.SUBMITTED
    assert balance_due(third) == Decimal("75.00")
