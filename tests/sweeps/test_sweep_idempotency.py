"""The sweep twice changes nothing more; a run killed half-way (a failure injected after some
items, through run_sweep's `checkpoint` hook) and run again ends in the state of a run that
never failed; each batch commits on its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Permit
from permitdesk.sweeps.models import SweepRun
from permitdesk.sweeps.run import run_sweep
from tests.factories import deadlines
from tests.moments import central
from tests.sweeps.state import state

pytestmark = pytest.mark.django_db

# Clayton's approvals are past their 90 days and its permits past their five years (and in
# the notice window before), the county's approval past its 120 days.
LATE = central("2031-11-19 06:00")


class Killed(Exception):
    """The run dying half-way (the process killed, the database gone)."""


def kill_at(item: int) -> object:
    """Killed in the batch that holds the `item`th item examined (the checkpoint is called
    once per batch, after its writes)."""

    def checkpoint(examined: int) -> None:
        if examined >= item:
            raise Killed(f"killed at item {item}")

    return checkpoint


def many_deadlines() -> None:
    """Two approvals to lapse, three permits to end, a temporary permit left over, a late
    report and an overstaying visitor: nine changes."""
    w = deadlines.world(approved=2, issued=3)
    deadlines.left_over_temporary_permit(w.clayton_permits[0])
    deadlines.change_report(dt.date(2031, 9, 1), "2031-10-15 10:00")
    deadlines.village_visitor(w.who, "Vic Visitor", dt.date(2031, 10, 1))


def test_running_the_sweep_twice_changes_nothing_more() -> None:
    many_deadlines()
    first = run_sweep(now=LATE)
    assert first.counts == {
        "end-interim-permits": 1,
        "end-permits-at-term": 3,
        "lapse-approvals": 3,
        "remind-approvals": 0,
        "notify-permits-ending": 0,
        "flag-late-change-reports": 1,
        "flag-visitors": 1,
    }
    after_first = state()
    second = run_sweep(now=LATE)
    assert second.changed == 0
    assert state() == after_first


def test_a_run_killed_half_way_and_run_again_ends_as_a_run_that_never_failed() -> None:
    many_deadlines()
    before = state()
    untouched = transaction.savepoint()
    run_sweep(now=LATE, batch_size=2)
    never_failed = state()
    transaction.savepoint_rollback(untouched)
    assert state() == before

    # Batches are per action: [the temporary permit], [two permits at term], [the third]...
    with pytest.raises(Killed):
        run_sweep(now=LATE, batch_size=2, checkpoint=kill_at(4))
    half_way = state()
    ended = {p for p in half_way["permits"] if p[1] != "None"}
    assert len(ended) == 3
    assert ended < {p for p in never_failed["permits"] if p[1] != "None"}
    assert half_way["applications"] != never_failed["applications"]
    rerun = run_sweep(now=LATE, batch_size=2)
    assert rerun.changed == 9 - 3
    assert state() == never_failed
    runs = list(SweepRun.objects.order_by("id").values_list("completed", "counts"))
    assert [completed for completed, _ in runs] == [False, True]


def test_every_change_of_a_killed_batch_is_rolled_back_with_its_audit_events() -> None:
    many_deadlines()
    with pytest.raises(Killed):  # at the second of the three permits at their term
        run_sweep(now=LATE, batch_size=50, checkpoint=kill_at(3))
    ended = Permit.objects.exclude(ended_at=None)
    assert list(ended.values_list("end_reason", flat=True)) == ["certificate of occupancy issued"]
    assert not AuditEvent.objects.filter(action="end-permit", after__reason="term-expired").exists()
    assert not OutboxMessage.objects.filter(key__startswith="approval-lapsed").exists()
