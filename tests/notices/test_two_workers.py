"""Two workers at once, in real threads with their own database connections: every message
is delivered exactly once. On PostgreSQL the claims skip each other's locked rows; SQLite
lets one writer in at a time and the claim's compare-and-set settles the rest."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection, transaction

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import queue
from permitdesk.notices import claims
from permitdesk.notices.outbox import Pass, deliver_due
from tests.concurrency.racing import at_once, widened
from tests.notices import policy
from tests.notices.conftest import Inbox
from tests.notices.policy import T0

pytestmark = pytest.mark.django_db(transaction=True)

# Six batches to share out, not one batch that the first worker takes whole.
POLICY = dataclasses.replace(policy.POLICY, max_attempts=3, batch=4)
MESSAGES = 24


def test_two_workers_deliver_each_message_once(smtp: Inbox) -> None:
    for n in range(MESSAGES):
        with transaction.atomic():
            queue(key=f"m-{n}", to=f"r{n}@example.test", subject=f"S{n}", body="b", at=T0)

    def worker() -> Pass:
        return deliver_due(clock=lambda: T0, policy=POLICY)

    # Each claim pauses inside its transaction, holding the row it picked, while the other
    # worker picks: on PostgreSQL it skips the locked row and takes the next.
    with widened(claims, "_claimable", seconds=0.02):
        outcomes = at_once(worker, worker)

    assert [o.error for o in outcomes] == [None, None]
    passes = [o.result for o in outcomes]
    assert all(isinstance(p, Pass) for p in passes)
    if connection.vendor == "postgresql":
        # Both worked, at once: each skips the rows the other holds. SQLite lets one writer
        # in at a time, so on a loaded machine one worker may take every batch while the
        # other waits for the lock; there only the exactly-once below is the point.
        assert all(isinstance(p, Pass) and p.sent for p in passes)
    sent = [key for p in passes if isinstance(p, Pass) for key in p.sent]
    assert sorted(sent) == sorted(f"m-{n}" for n in range(MESSAGES))  # none twice, none missed
    ids = sorted(m["Message-ID"] for m in smtp.messages)
    assert ids == sorted(f"<m-{n}@permitdesk.test>" for n in range(MESSAGES))
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {
        (OutboxMessage.Status.SENT, 1)
    }
