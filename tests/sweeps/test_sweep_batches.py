"""The sweep's batch services: a batch of many ends in the state that items one at a time
(each its own batch, lock and transaction) leave, with the same audit events, flags and
messages; a row changed or deleted between the find and the lock is skipped; the lapse is
recorded as lapse_approval records it; and a batch runs the same queries for many items as
for a few."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Visitor
from permitdesk.cases.services import approvals, occupants, permit_endings
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.sweeps import finders
from permitdesk.sweeps.approvals import lapse_expired_approvals
from permitdesk.sweeps.flags import flag_visitors_past_period
from permitdesk.sweeps.permits import end_permits_at_term
from permitdesk.sweeps.run import ACTION_NAMES, run_sweep
from tests.factories import deadlines
from tests.moments import central
from tests.sweeps.state import state

pytestmark = pytest.mark.django_db

# Clayton's approvals 6 days before their last day (reminded); the county's approval past
# its 120 days (lapsed). Then the Clayton permits within 60 days of their last day (noticed),
# Clayton's approvals lapsed. Then the permits past their five years, the temporary one
# left beside its certificate, the late report and the overstaying visitor.
MOMENTS = (central("2027-02-10 06:00"), central("2031-10-01 06:00"), central("2031-11-19 06:00"))


def every_deadline(copies: int = 1) -> deadlines.Deadlines:
    """Each action of the sweep due `copies` times (the county's lapse once), a case with two
    permits ending in one batch, and a village case whose stays the visitor rule refuses."""
    w = deadlines.world(approved=copies, issued=copies + 1)
    deadlines.second_permit_in_force(w.clayton_permits[-1])
    for n in range(copies):
        deadlines.left_over_temporary_permit(w.clayton_permits[n])
        deadlines.change_report(dt.date(2031, 9, 1), "2031-10-15 10:00")
        deadlines.village_visitor(w.who, f"Vic Visitor {n}", dt.date(2031, 10, 1))
    first = deadlines.village_visitor(w.who, "Ann Again", dt.date(2031, 3, 1))
    broken = occupants.add_visitor(
        actor=w.who.owner,
        application=first.application,
        name="Ann Again",
        arrived_on=dt.date(2031, 3, 20),
        now=central("2031-03-20 12:00"),
    )
    Visitor.objects.filter(pk=broken.pk).update(left_on=dt.date(2031, 3, 15))  # before arriving
    return w


def sweep_through_the_moments(batch_size: int) -> tuple[dict[str, int], list[str]]:
    counts, errors = dict.fromkeys(ACTION_NAMES, 0), []
    for now in MOMENTS:
        result = run_sweep(now=now, batch_size=batch_size)
        counts = {name: counts[name] + n for name, n in result.counts.items()}
        errors += result.errors
    return counts, errors


def test_a_batch_of_many_ends_as_items_one_at_a_time_with_the_same_events_and_messages() -> None:
    every_deadline(copies=2)
    untouched = transaction.savepoint()
    one_at_a_time = sweep_through_the_moments(batch_size=1)
    each_alone = state()
    transaction.savepoint_rollback(untouched)

    in_batches = sweep_through_the_moments(batch_size=500)

    assert in_batches == one_at_a_time
    counts, errors = in_batches
    assert counts == {
        "end-interim-permits": 2,
        "end-permits-at-term": 4,  # the two of one case among them
        "lapse-approvals": 3,
        "remind-approvals": 2,
        "notify-permits-ending": 4,
        "flag-late-change-reports": 2,
        "flag-visitors": 2,
    }
    assert len(errors) == 2  # Ann's stays, at the two moments after she came, left as they were
    assert state() == each_alone
    # One audit event per changed record: per permit ended, case lapsed and flag raised.
    assert AuditEvent.objects.filter(at__in=MOMENTS).count() == sum(counts.values())


def test_the_case_of_two_permits_ends_with_the_second_in_the_same_batch() -> None:
    w = deadlines.world(approved=0, issued=1)
    first = w.clayton_permits[0]
    second = deadlines.second_permit_in_force(first)
    ids = [first.pk, second.pk]
    assert end_permits_at_term(permit_ids=ids, now=MOMENTS[-1]).changed == 2
    events = AuditEvent.objects.filter(action="end-permit").order_by("id")
    assert [(e.object_id, e.before, e.after["status"]) for e in events] == [
        (str(first.pk), {"status": "issued"}, "issued"),
        (str(second.pk), {"status": "issued"}, "ended"),
    ]
    assert Application.objects.get(pk=first.application_id).status == "ended"


def found(find: finders.Finder, now: dt.datetime, slug: str = "clayton-mo") -> list[int]:
    """The ids the sweep's finder finds as of `now`, as the run reads them before the lock."""
    pack = get_pack(slug)
    rows = find(Jurisdiction.objects.get(slug=slug), pack, local(pack, now).date())
    return [pk for page in finders.ids(rows, pack, 100) for pk in page]


def test_a_permit_a_clerk_ended_after_it_was_found_is_skipped() -> None:
    w = deadlines.world(approved=0, issued=3)
    late = MOMENTS[-1]
    ids = found(finders.permits_past_term, late)
    assert ids == [p.pk for p in w.clayton_permits]
    ended_by_the_clerk = w.clayton_permits[1]
    permit_endings.end_permit(
        actor=w.who.clerk, permit=ended_by_the_clerk, reason="change-of-tenancy", now=late
    )

    done = end_permits_at_term(permit_ids=ids, now=late)

    assert (done.changed, done.refused) == (2, [])
    ended_by_the_clerk.refresh_from_db()
    assert (ended_by_the_clerk.ended_at, ended_by_the_clerk.end_reason) == (
        late,
        "change-of-tenancy",
    )
    events = AuditEvent.objects.filter(action="end-permit", object_id=str(ended_by_the_clerk.pk))
    assert [e.actor for e in events] == [w.who.clerk]


def test_a_case_lapsed_and_a_visitor_deleted_after_they_were_found_are_skipped() -> None:
    w = deadlines.world(approved=2, issued=0)
    after = MOMENTS[1]
    ids = found(finders.approvals_past_window, after)
    assert ids == [c.pk for c in w.clayton_approved]
    lapsed_before = w.clayton_approved[0]
    approvals.lapse_approval(actor=None, application=lapsed_before, now=after)
    assert lapse_expired_approvals(application_ids=ids, now=after).changed == 1
    assert AuditEvent.objects.filter(action="lapse-approval").count() == 2
    assert not OutboxMessage.objects.filter(key=f"approval-lapsed-{lapsed_before.pk}").exists()

    gone = deadlines.village_visitor(w.who, "Gus Gone", dt.date(2031, 1, 1))
    ids = found(finders.visitors_to_check, after, "village-ord-08-457")
    assert ids == [gone.pk]
    Visitor.objects.filter(pk=gone.pk).delete()
    done = flag_visitors_past_period(visitor_ids=ids, now=after)
    assert (done.changed, done.refused) == (0, [])


def event_of(application: Application) -> tuple[Any, ...]:
    e = AuditEvent.objects.get(action="lapse-approval", application_id=application.pk)
    return (e.actor, e.object_type, e.jurisdiction_slug, e.at, e.before, e.after)


def test_the_sweep_records_a_lapse_as_lapse_approval_records_it() -> None:
    w = deadlines.world(approved=2, issued=0)
    by_the_service, by_the_sweep = w.clayton_approved
    after = MOMENTS[1]
    approvals.lapse_approval(actor=None, application=by_the_service, now=after)
    lapse_expired_approvals(application_ids=[by_the_sweep.pk], now=after)
    assert event_of(by_the_sweep) == event_of(by_the_service)
    assert event_of(by_the_sweep)[-1] == {"status": "lapsed", "valid_through": "2027-02-16"}


def queries_to_sweep(copies: int) -> tuple[int, int]:
    """The queries of a sweep through the moments with every deadline `copies` times, and
    the changes it made; rolled back after."""
    untouched = transaction.savepoint()
    every_deadline(copies)
    with CaptureQueriesContext(connection) as queries:
        changed = sum(sweep_through_the_moments(batch_size=500)[0].values())
    transaction.savepoint_rollback(untouched)
    return len(queries), changed


def test_a_batch_runs_the_same_queries_for_many_items_as_for_a_few() -> None:
    few, many = queries_to_sweep(1), queries_to_sweep(4)
    assert many[1] > 2 * few[1]
    assert many[0] == few[0]


def test_a_reminder_is_recorded_with_its_flag_and_the_message_key() -> None:
    w = deadlines.world(approved=1, issued=0)
    case = w.clayton_approved[0]
    remind = MOMENTS[0]
    assert run_sweep(now=remind).counts["remind-approvals"] == 1
    event = AuditEvent.objects.get(action="queue-reminder")
    key = f"approval-lapse-reminder-{case.approval.pk}-2027-02-16"
    assert event.after == {
        "kind": "approval-lapse-reminder",
        "object": f"Approval {case.approval.pk}",
        "due_on": "2027-02-16",
        "key": key,
    }
    assert (event.application_id, event.jurisdiction_slug) == (case.pk, "clayton-mo")
    assert OutboxMessage.objects.get(key=key).created_at == remind
