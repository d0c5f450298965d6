"""One case per jurisdiction, from application to permit and its end, through the services,
with the fees and dates the documents give."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications, inspections, occupants, payments, permits
from permitdesk.cases.services.inspections import ViolationInput
from permitdesk.cases.services.permit_endings import end_permit
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_clayton_rental_case_runs_from_application_to_permit_and_ends_on_a_change_of_tenancy() -> (
    None
):
    slug = "clayton-mo"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    home = factories.unit(slug, "single-family", owner=owner)
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
    end_permit(
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
    home = factories.unit(slug, "duplex", 2, owner=owner)
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
    home = factories.unit(slug, "single-family", owner=owner)
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
