"""Each action of the sweep, at the moments the packs set: reminders, lapses, permit ends,
left-over temporary permits, late reports and visitors past the visiting period."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Permit, Visitor
from permitdesk.cases.services import occupants
from permitdesk.sweeps.models import Flag, SweepRun
from permitdesk.sweeps.run import run_sweep
from tests import factories
from tests.factories import deadlines
from tests.moments import central

pytestmark = pytest.mark.django_db


def test_a_clayton_approval_is_reminded_once_within_14_days_of_its_last_day() -> None:
    w = deadlines.world(approved=1, issued=0)
    case = w.clayton_approved[0]
    assert run_sweep(now=central("2027-02-01 23:00")).counts["remind-approvals"] == 0  # 15 days
    result = run_sweep(now=central("2027-02-02 06:00"))  # 14 days before February 16
    assert result.counts["remind-approvals"] == 1
    message = OutboxMessage.objects.get(
        key=f"approval-lapse-reminder-{case.approval.pk}-2027-02-16"
    )
    assert (message.to, message.application_id) == ("owner@example.test", case.pk)
    assert message.subject == (
        "City of Clayton, Missouri: the approval for 10 N Central Ave, Clayton runs out on "
        "February 16, 2027"
    )
    assert "14 days from today" in message.body
    assert "first and last name of each tenant" in message.body  # Clayton's own wording
    assert "$80.00 today" in message.body  # the fee a new application would be charged
    assert "approvals valid for 90 days" in message.body
    flag = Flag.objects.get(kind="approval-lapse-reminder")
    assert (flag.application_id, flag.due_on) == (case.pk, deadlines.CLAYTON_APPROVAL_LAST_DAY)
    event = AuditEvent.objects.get(action="queue-reminder")
    assert (event.application_id, event.actor) == (case.pk, None)
    again = run_sweep(now=central("2027-02-10 06:00"))
    assert again.counts["remind-approvals"] == 0
    assert OutboxMessage.objects.filter(key__startswith="approval-lapse-reminder").count() == 1


def test_a_clayton_approval_past_its_90_days_lapses_and_a_new_application_and_fee_are_due() -> None:
    w = deadlines.world(approved=1, issued=0)
    case = w.clayton_approved[0]
    clayton = "clayton-mo"
    on_the_last_day = run_sweep(now=central("2027-02-16 23:59"), jurisdiction=clayton)
    assert on_the_last_day.counts["lapse-approvals"] == 0
    result = run_sweep(now=central("2027-02-17 00:01"), jurisdiction=clayton)
    assert result.counts["lapse-approvals"] == 1
    case.refresh_from_db()
    assert case.status == Application.Status.LAPSED
    event = AuditEvent.objects.get(action="lapse-approval", application_id=case.pk)
    assert event.after == {"status": "lapsed", "valid_through": "2027-02-16"}
    notice = OutboxMessage.objects.get(key=f"approval-lapsed-{case.pk}")
    assert notice.application_id == case.pk
    assert "A new application and its fee ($80.00 today) are now due" in notice.body
    assert run_sweep(now=central("2027-02-18 06:00"), jurisdiction=clayton).changed == 0


def test_the_county_reminds_to_name_the_occupants_and_lapses_after_120_days() -> None:
    w = deadlines.world(approved=0, issued=0)
    case = w.county_approved
    result = run_sweep(now=central("2026-07-20 06:00"), jurisdiction="st-louis-county-mo")
    assert result.counts["remind-approvals"] == 1
    message = OutboxMessage.objects.get(key__startswith="occupant-deadline-reminder-")
    assert message.subject == (
        "St. Louis County, Missouri (unincorporated areas): name the occupants of 10 N Central Ave, Clayton by "
        "August 1, 2026"
    )
    assert "120 days\nfrom the date of compliance: 12 days from today" in message.body
    assert run_sweep(now=central("2026-08-01 23:00")).counts["lapse-approvals"] == 0
    assert run_sweep(now=central("2026-08-02 06:00")).counts["lapse-approvals"] == 1
    case.refresh_from_db()
    assert case.status == Application.Status.LAPSED


def test_a_clayton_permit_is_noticed_60_days_before_and_ends_after_its_fifth_year() -> None:
    w = deadlines.world(approved=0, issued=1)
    permit = w.clayton_permits[0]
    assert permit.ends_on == deadlines.CLAYTON_PERMIT_LAST_DAY
    assert run_sweep(now=central("2031-09-18 06:00")).counts["notify-permits-ending"] == 0
    result = run_sweep(now=central("2031-09-19 06:00"))  # 60 days before November 18
    assert result.counts["notify-permits-ending"] == 1
    message = OutboxMessage.objects.get(key=f"permit-ending-notice-{permit.number}-2031-11-18")
    assert message.application_id == permit.application_id
    assert f"Occupancy permit {permit.number}" in message.body
    assert "November 18, 2031, 5 years after its original date of issue" in message.body
    assert "Residential Occupancy Application" in message.body  # Clayton's override
    assert run_sweep(now=central("2031-11-18 23:59")).counts["end-permits-at-term"] == 0
    assert run_sweep(now=central("2031-11-19 08:00")).counts["end-permits-at-term"] == 1
    permit.refresh_from_db()
    assert permit.ended_at == central("2031-11-19 00:00")  # the midnight after its last day
    assert permit.end_reason == "term-expired"
    assert Application.objects.get(pk=permit.application_id).status == "ended"
    event = AuditEvent.objects.get(action="end-permit", object_id=str(permit.pk))
    assert (event.actor, event.at) == (None, central("2031-11-19 08:00"))


def test_a_temporary_permit_left_beside_the_certificate_ends_as_of_the_certificate() -> None:
    w = deadlines.world(approved=0, issued=1)
    certificate = w.clayton_permits[0]
    temporary = deadlines.left_over_temporary_permit(certificate)
    result = run_sweep(now=central("2026-11-20 06:00"))
    assert result.counts["end-interim-permits"] == 1
    temporary.refresh_from_db()
    assert (temporary.ended_at, temporary.end_reason) == (
        certificate.issued_at,
        "certificate of occupancy issued",
    )
    certificate.refresh_from_db()
    assert certificate.ended_at is None
    assert Application.objects.get(pk=certificate.application_id).status == "issued"


def test_a_change_of_occupancy_reported_more_than_30_days_after_is_flagged_once() -> None:
    on_time = deadlines.change_report(dt.date(2026, 3, 1), "2026-03-31 23:00")
    late = deadlines.change_report(dt.date(2026, 3, 1), "2026-04-01 00:30")
    result = run_sweep(now=central("2026-04-02 06:00"))
    assert result.counts["flag-late-change-reports"] == 1
    flag = Flag.objects.get(kind="late-change-report")
    assert (flag.object_type, flag.object_id, flag.due_on) == (
        "ChangeOfOccupancyReport",
        late.pk,
        dt.date(2026, 3, 31),
    )
    assert "reported on 2026-04-01: 1 days after the last day (2026-03-31)" in flag.detail
    assert "§1.D" in flag.citation
    assert not Flag.objects.filter(object_id=on_time.pk, kind="late-change-report").exists()
    event = AuditEvent.objects.get(action="raise-flag")
    assert (event.jurisdiction_slug, event.application_id) == ("village-ord-08-457", None)
    assert run_sweep(now=central("2026-04-03 06:00")).changed == 0


def test_a_visitor_past_30_days_is_flagged_and_one_within_them_is_not() -> None:
    who = factories.people()
    staying = deadlines.village_visitor(who, "Vic Visitor", dt.date(2026, 10, 1))
    recent = deadlines.village_visitor(who, "Val Visitor", dt.date(2026, 10, 2))
    # October 30 is day 30 of the first stay: still a visit.
    assert run_sweep(now=central("2026-10-30 06:00")).counts["flag-visitors"] == 0
    assert run_sweep(now=central("2026-10-31 06:00")).counts["flag-visitors"] == 1
    flag = Flag.objects.get(kind="visitor-past-period")
    assert (flag.object_id, flag.due_on) == (staying.pk, dt.date(2026, 10, 30))
    assert flag.detail.startswith("Vic Visitor: Day 31 of a stay")
    assert "§1.F" in flag.citation
    assert run_sweep(now=central("2026-11-01 06:00")).counts["flag-visitors"] == 1  # Val's day 31
    assert Flag.objects.filter(object_id=recent.pk).count() == 1
    assert run_sweep(now=central("2026-11-02 06:00")).changed == 0


def test_a_reminder_to_an_applicant_without_an_address_is_flagged_but_not_queued() -> None:
    w = deadlines.world(approved=1, issued=0)
    w.who.owner.email = ""
    w.who.owner.save(update_fields=["email"])
    assert run_sweep(now=central("2027-02-10 06:00")).counts["remind-approvals"] == 1
    assert Flag.objects.filter(kind="approval-lapse-reminder").count() == 1
    assert not OutboxMessage.objects.filter(key__startswith="approval-lapse-reminder").exists()
    assert run_sweep(now=central("2027-02-11 06:00")).counts["remind-approvals"] == 0


def test_a_sweep_of_one_jurisdiction_leaves_the_others_alone() -> None:
    w = deadlines.world(approved=1, issued=0)
    after_both = central("2027-02-17 06:00")  # the county's and Clayton's approvals are past
    result = run_sweep(now=after_both, jurisdiction="st-louis-county-mo")
    assert result.counts["lapse-approvals"] == 1
    assert Application.objects.get(pk=w.clayton_approved[0].pk).status == "approved"
    assert Application.objects.get(pk=w.county_approved.pk).status == "lapsed"
    assert run_sweep(now=after_both).counts["lapse-approvals"] == 1  # Clayton's, now


def test_a_permit_ended_by_a_clerk_is_not_ended_again() -> None:
    from permitdesk.cases.services import permit_endings

    w = deadlines.world(approved=0, issued=1)
    permit = w.clayton_permits[0]
    permit_endings.end_permit(
        actor=w.who.clerk,
        permit=permit,
        reason="change-of-tenancy",
        now=central("2028-01-05 10:00"),
    )
    result = run_sweep(now=central("2031-12-01 06:00"))
    assert (result.counts["end-permits-at-term"], result.counts["notify-permits-ending"]) == (0, 0)
    assert Permit.objects.get(pk=permit.pk).end_reason == "change-of-tenancy"


def test_a_visitor_who_left_after_more_than_30_days_is_flagged_and_one_who_left_sooner_not() -> (
    None
):
    who = factories.people()
    long_stay = deadlines.village_visitor(who, "Lou Long", dt.date(2026, 9, 1))
    short_stay = deadlines.village_visitor(who, "Sam Short", dt.date(2026, 9, 1))
    # Departures recorded on the visitor rows, as a clerk's import would.
    Visitor.objects.filter(pk=long_stay.pk).update(left_on=dt.date(2026, 10, 5))  # 35 days
    Visitor.objects.filter(pk=short_stay.pk).update(left_on=dt.date(2026, 9, 20))  # 20 days
    assert run_sweep(now=central("2026-11-20 06:00")).counts["flag-visitors"] == 1
    assert list(Flag.objects.values_list("object_id", flat=True)) == [long_stay.pk]


def test_a_second_visiting_period_in_a_calendar_year_is_flagged_on_its_first_day() -> None:
    who = factories.people()
    first = deadlines.village_visitor(who, "Pat Twice", dt.date(2026, 3, 1))
    Visitor.objects.filter(pk=first.pk).update(left_on=dt.date(2026, 3, 10))
    second = occupants.add_visitor(
        actor=who.owner,
        application=first.application,
        name="pat twice",
        arrived_on=dt.date(2026, 8, 1),
        now=factories.MONDAY,
    )
    assert run_sweep(now=central("2026-08-01 06:00")).counts["flag-visitors"] == 1
    flag = Flag.objects.get()
    assert flag.object_id == second.pk
    assert "Visiting period 2 of 2026" in flag.detail


def test_an_item_the_rules_refuse_is_reported_and_the_rest_of_its_batch_goes_on() -> None:
    who = factories.people()
    first = deadlines.village_visitor(who, "Ann Again", dt.date(2026, 3, 1))
    broken = occupants.add_visitor(
        actor=who.owner,
        application=first.application,
        name="Ann Again",
        arrived_on=dt.date(2026, 3, 20),
        now=factories.MONDAY,
    )
    Visitor.objects.filter(pk=broken.pk).update(left_on=dt.date(2026, 3, 15))  # before arriving
    overstaying = deadlines.village_visitor(who, "Vic Visitor", dt.date(2026, 10, 1))
    result = run_sweep(now=central("2026-11-20 06:00"), batch_size=10)
    assert result.counts["flag-visitors"] == 1
    # Ann's stays, read together by the visitor rule, hold the impossible one.
    assert result.errors == [
        f"flag-visitors {first.pk}: a stay cannot end (2026-03-15) before it begins (2026-03-20)"
    ]
    assert list(Flag.objects.values_list("object_id", flat=True)) == [overstaying.pk]
    assert SweepRun.objects.get().counts["errors"] == 1
