"""Two sweeps at once (a run overlapping the next, or two machines): each change and each
reminder happens once. The runs commit for real (transaction=True), each on its own
connection; the case row lock makes the second wait and then find the work done."""

from __future__ import annotations

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Permit
from permitdesk.sweeps.models import Flag
from permitdesk.sweeps.run import SweepResult, run_sweep
from tests.concurrency.racing import at_once
from tests.factories import deadlines
from tests.moments import central

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_sweeps_at_once_make_each_change_and_queue_each_reminder_once() -> None:
    w = deadlines.world(approved=2, issued=2)
    deadlines.left_over_temporary_permit(w.clayton_permits[0])
    now = central("2031-10-01 06:00")  # the permits' notices are due, the approvals long past

    outcomes = at_once(
        lambda: run_sweep(now=now, batch_size=1), lambda: run_sweep(now=now, batch_size=1)
    )

    assert [o.error for o in outcomes] == [None, None]
    results = [o.result for o in outcomes]
    assert all(isinstance(r, SweepResult) and not r.errors for r in results)
    # (On SQLite a run meeting the other's write lock starts again, so its counts are of its
    # last attempt; what was done, once, is in the database.)
    assert Permit.objects.exclude(ended_at=None).count() == 1  # the temporary permit
    assert Application.objects.filter(status="lapsed").count() == 3
    assert Flag.objects.filter(kind="permit-ending-notice").count() == 2
    assert OutboxMessage.objects.filter(key__startswith="permit-ending-notice-").count() == 2
    assert OutboxMessage.objects.filter(key__startswith="approval-lapsed-").count() == 3
    assert AuditEvent.objects.filter(action="lapse-approval").count() == 3
    assert AuditEvent.objects.filter(action="queue-reminder").count() == 2
    assert AuditEvent.objects.filter(action="end-permit").count() == 1
