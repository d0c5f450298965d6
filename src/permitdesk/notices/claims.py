"""The outbox's claims: a worker takes a batch of due messages for a lease, and records what
became of each, in short transactions of their own.

A claim is a compare-and-set: ``UPDATE … WHERE`` the row is still claimable, moving it from
QUEUED (due) to SENDING with the batch's claim token and lease, so only one worker ever holds
a message; the worker then reads back the rows that carry its token. On PostgreSQL the rows
are first picked with ``SELECT … FOR UPDATE SKIP LOCKED``, so workers claiming at once take
different rows instead of queueing behind each other's locks. SQLite takes one writer at a
time (run one worker there); the compare-and-set still settles any race.

Only the holder of the token may record an outcome, so a worker whose lease ran out (and whose
messages another worker took over) cannot overwrite what the other recorded.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from django.db import OperationalError, connection, transaction
from django.db.models import F, Q

from permitdesk.audit.models import OutboxMessage

if TYPE_CHECKING:
    from permitdesk.notices.outbox import Policy

Status = OutboxMessage.Status
T = TypeVar("T")


def _claimable(now: dt.datetime) -> Q:
    """QUEUED and due. Picked in the order of the outbox_due index (status, next_attempt_at)
    alone, so a claim reads its batch's rows and stops, however many are queued behind them
    (a mailing queues 100,000 at one moment: a tie-break on the id would sort them all at
    every claim). Among messages due at the same moment the order is the index's."""
    return Q(status=Status.QUEUED, next_attempt_at__lte=now)


def reclaim_abandoned(now: dt.datetime) -> int:
    """Messages whose lease ran out (their worker died or hung) QUEUED again, as they were
    due; the claim token is cleared, so their old worker can no longer record them. A pass
    does this first, so claims need look at QUEUED rows only."""
    return sqlite_retrying(
        lambda: OutboxMessage.objects.filter(
            status=Status.SENDING, lease_expires_at__lte=now
        ).update(status=Status.QUEUED, claimed_by="", lease_expires_at=None)
    )


def sqlite_retrying(work: Callable[[], T], tries: int = 50) -> T:
    """SQLite refuses a second writer at once ("database is locked") instead of waiting;
    two workers on SQLite try again after a short pause. PostgreSQL never raises this."""
    for attempt in range(tries):
        try:
            return work()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05))
    raise AssertionError("unreachable")


def claim_batch(*, now: dt.datetime, policy: Policy, size: int) -> list[OutboxMessage]:
    """Up to `size` due messages, oldest due first, moved to SENDING under one new claim
    token and lease; [] when none is due."""

    def attempt() -> tuple[list[OutboxMessage], bool]:
        with transaction.atomic():
            due = OutboxMessage.objects.filter(_claimable(now)).order_by("next_attempt_at")
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True)
            picked = list(due.values_list("pk", flat=True)[:size])
            if not picked:
                return [], False
            token = uuid.uuid4().hex
            OutboxMessage.objects.filter(_claimable(now), pk__in=picked).update(
                status=Status.SENDING,
                claimed_by=token,
                lease_expires_at=now + policy.lease,
                attempts=F("attempts") + 1,
            )
            won = OutboxMessage.objects.filter(claimed_by=token, status=Status.SENDING)
            return list(won.order_by("next_attempt_at", "pk")), True  # a batch, sorted here

    while True:
        messages, found = sqlite_retrying(attempt)
        if messages or not found:
            return messages
        # another worker claimed every one we picked (SQLite has no SKIP LOCKED): pick again


def claim(*, now: dt.datetime, policy: Policy) -> OutboxMessage | None:
    """The next due message, claimed alone; None when none is due."""
    batch = claim_batch(now=now, policy=policy, size=1)
    return batch[0] if batch else None


def _held(messages: Sequence[OutboxMessage]) -> Q:
    """The messages still SENDING under the claim their worker holds."""
    held = Q(pk__in=[])
    for token in {m.claimed_by for m in messages}:
        pks = [m.pk for m in messages if m.claimed_by == token]
        held |= Q(pk__in=pks, claimed_by=token)
    return Q(status=Status.SENDING) & held


def record_sent(messages: Sequence[OutboxMessage], now: dt.datetime) -> int:
    """SENT, for those of `messages` the worker still holds: one UPDATE for a batch."""
    if not messages:
        return 0
    return sqlite_retrying(
        lambda: OutboxMessage.objects.filter(_held(messages)).update(
            status=Status.SENT, sent_at=now, lease_expires_at=None, last_error=""
        )
    )


def release(messages: Sequence[OutboxMessage]) -> int:
    """Hand back messages claimed and not tried (the batch ran out of time): QUEUED again,
    due as before, the attempt their claim counted given back."""
    if not messages:
        return 0
    return sqlite_retrying(
        lambda: OutboxMessage.objects.filter(_held(messages)).update(
            status=Status.QUEUED,
            claimed_by="",
            lease_expires_at=None,
            attempts=F("attempts") - 1,
        )
    )


def record_failure(
    message: OutboxMessage, error: BaseException, now: dt.datetime, policy: Policy
) -> str:
    """QUEUED again after the back-off, or FAILED after the last attempt; the status written."""
    gave_up = message.attempts >= policy.max_attempts
    status = Status.FAILED if gave_up else Status.QUEUED
    sqlite_retrying(
        lambda: OutboxMessage.objects.filter(_held([message])).update(
            status=status,
            next_attempt_at=now if gave_up else now + policy.backoff(message.attempts),
            lease_expires_at=None,
            last_error=f"attempt {message.attempts} at {now.isoformat()}: "
            f"{type(error).__name__}: {error}"[:2000],
        )
    )
    return str(status)
