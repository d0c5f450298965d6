"""The e-mails of each step an applicant waits for: the inspection request received (with the
part of the day asked for), the inspector assigned, the inspection passed (with the day the
occupants must be named by, from the pack), the re-inspection booked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.services import inspections
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.factories import paperwork
from tests.factories.paperwork import AGENT_EMAIL
from tests.moments import central

pytestmark = pytest.mark.django_db

SMOKE = ViolationInput("IPMC 704.2", "No smoke alarm in bedroom 2", "Install a smoke alarm")


def one(kind: str) -> OutboxMessage:
    return OutboxMessage.objects.get(kind=kind)


def test_a_request_is_acknowledged_with_its_day_and_part_of_the_day() -> None:
    who = factories.people()
    case, visit = factories.requested(who)
    notice = one("inspection-requested")
    assert notice.to == who.owner.email
    assert notice.key == f"inspection-requested-{visit.request_id}"
    assert notice.application_id == case.pk
    assert "inspection request received" in notice.subject
    for part in (notice.body, notice.html_body):
        assert "November 18, 2026" in part
        assert "morning (AM)" in part
        assert "The day is not confirmed yet" in part
        assert "assigns an inspector" in part
    # Paid in full: the fees are not asked for.
    assert "fees due" not in notice.body


def test_a_request_before_payment_says_the_fees_are_still_due() -> None:
    who = factories.people()
    case = factories.submitted(who)
    inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=factories.WEDNESDAY,
        window="pm",
        contact_name="O",
        contact_phone="1",
        now=factories.MONDAY,
    )
    notice = one("inspection-requested")
    assert "the fees due ($80.00) are paid" in notice.body
    assert "afternoon (PM)" in notice.body


def test_an_assignment_tells_the_applicant_who_comes_and_when() -> None:
    who = factories.people()
    _, visit = factories.scheduled(who)
    notice = one("inspector-assigned")
    assert notice.to == who.owner.email
    assert notice.key == f"inspector-assigned-{visit.pk}-{who.inspector.pk}"
    assert "an inspector is assigned" in notice.subject
    assert "November 18, 2026, morning (AM)" in notice.body


def test_a_change_of_inspector_is_told_again_and_the_same_one_is_not() -> None:
    who = factories.people()
    _, visit = factories.scheduled(who)
    for inspector in (who.inspector_unassigned, who.inspector_unassigned):
        inspections.assign_inspector(
            actor=who.clerk, inspection=visit, inspector=inspector, now=factories.MONDAY
        )
    assert OutboxMessage.objects.filter(kind="inspector-assigned").count() == 2


def test_a_pass_tells_the_managing_agent_the_day_to_name_the_occupants_by() -> None:
    who = factories.people()
    case, visit = factories.scheduled(who)
    paperwork.with_managing_agent(case)
    inspections.record_inspection_result(
        actor=who.inspector, inspection=visit, result="passed", now=factories.ON_WEDNESDAY
    )
    notice = one("inspection-passed")
    assert notice.to == AGENT_EMAIL
    # Clayton: 90 days from November 18, the first day excluded.
    assert case.approval.valid_through.isoformat() == "2027-02-16"
    for part in (notice.body, notice.html_body):
        assert "February 16, 2027" in part
        assert "approvals valid for 90 days" in part
        assert f"/cases/{case.pk}/occupants/" in part


def test_a_re_inspection_is_booked_with_what_it_costs_where_the_pack_charges() -> None:
    who = factories.people("st-clair-county-il")
    failed = paperwork.failed(
        who, "st-clair-county-il", "occupancy-inspection", Decimal("125.00"), [SMOKE]
    )
    again = inspections.request_inspection(
        actor=who.owner,
        application=failed.application,
        wanted_on=dt.date(2026, 11, 25),
        window="any",
        contact_name="O",
        contact_phone="1",
        now=central("2026-11-19 10:00"),
    )
    notice = one("reinspection-booked")
    assert notice.key == f"reinspection-booked-{again.request_id}"
    assert "re-inspection booked" in notice.subject
    for part in (notice.body, notice.html_body):
        assert "November 25, 2026" in part
        assert "any time of day (AM or PM)" in part
        assert "The re-inspection costs $50.00." in part
    assert OutboxMessage.objects.filter(kind="inspection-requested").count() == 1
