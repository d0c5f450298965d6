"""Sending the outbox: claim a due message, send it by SMTP, record what happened.

Delivery guarantee
------------------
* **Never lost.** A message is a row written in the transaction of the change that causes it
  (``audit.services.queue``): it exists if and only if the change committed. The worker never
  deletes it: it ends SENT, or FAILED after ``OUTBOX_MAX_ATTEMPTS`` attempts, still in the
  table with its last error, and ``requeue_outbox`` (``requeue()``) queues it again.
* **At most one worker at a time per message.** A worker claims one message in a short
  transaction (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL; SQLite takes one writer at a
  time) by a compare-and-set ``UPDATE`` from QUEUED (due) to SENDING with a fresh claim token
  and a lease of ``OUTBOX_LEASE_SECONDS``; only the holder of the token may record the outcome.
  Two workers never send the same message while its lease runs.
* **Sent once, save one window.** The SMTP server's acceptance and our commit of SENT cannot
  be one transaction. If a worker dies (or loses the database) after the server said
  "250 OK" and before SENT commits, the lease runs out and a worker sends the message again —
  with the same ``Message-ID`` (``<key@domain>``, from the message's unique key), so the
  receiving side sees the same message and mail systems that de-duplicate on Message-ID show
  it once. That window is the only way a message goes out twice; it is at-least-once
  delivery with a stable identity, which is the strongest guarantee SMTP allows.
* **Retries back off.** A failed attempt (server down, refused, the attachment failing to
  render) goes back to QUEUED, due ``OUTBOX_RETRY_SECONDS × 2^(attempts−1)`` later, capped at
  ``OUTBOX_RETRY_MAX_SECONDS``; the attempt count, its error and the next time are recorded.
  An attempt is counted when claimed, so a worker that crashes mid-send uses one up too.

The lease must outlast one send: keep ``OUTBOX_LEASE_SECONDS`` well above ``EMAIL_TIMEOUT``
(Django's SMTP socket timeout) times the few exchanges a message takes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import record
from permitdesk.rules.lifecycle import Refused

Status = OutboxMessage.Status
Clock = Callable[[], dt.datetime]
T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    """The worker's numbers, from the settings of the same names."""

    max_attempts: int
    retry: dt.timedelta
    retry_max: dt.timedelta
    lease: dt.timedelta

    @classmethod
    def from_settings(cls) -> Policy:
        return cls(
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
            retry=dt.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS),
            retry_max=dt.timedelta(seconds=settings.OUTBOX_RETRY_MAX_SECONDS),
            lease=dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
        )

    def backoff(self, attempts: int) -> dt.timedelta:
        """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … × retry, capped."""
        wait: dt.timedelta = self.retry * (2 ** max(attempts - 1, 0))
        return min(wait, self.retry_max)


@dataclass
class Pass:
    """What one pass over the outbox did, by message key."""

    sent: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"sent {len(self.sent)}, to retry {len(self.retrying)}, failed {len(self.failed)}"


_MSGID_SAFE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")


def message_id(message: OutboxMessage) -> str:
    """`<key@domain>`: the same for every attempt at the message, unique per install."""
    domain = settings.OUTBOX_MESSAGE_ID_DOMAIN or urlsplit(settings.PUBLIC_URL).hostname
    local_part = message.key if _MSGID_SAFE.match(message.key) else f"k{message.pk}"
    return f"<{local_part}@{domain or 'permitdesk.invalid'}>"


def _claimable(now: dt.datetime) -> Q:
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now)
    abandoned = Q(status=Status.SENDING, lease_expires_at__lte=now)  # its worker died
    return due | abandoned


def _sqlite_retrying(work: Callable[[], T], tries: int = 50) -> T:
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


def claim(*, now: dt.datetime, policy: Policy) -> OutboxMessage | None:
    """The next due message, moved to SENDING under a new claim token; None when none is due."""

    def attempt() -> tuple[OutboxMessage | None, bool]:
        with transaction.atomic():
            due = OutboxMessage.objects.filter(_claimable(now)).order_by("next_attempt_at", "pk")
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True)
            pk = due.values_list("pk", flat=True).first()
            if pk is None:
                return None, False
            token = uuid.uuid4().hex
            won = OutboxMessage.objects.filter(_claimable(now), pk=pk).update(
                status=Status.SENDING,
                claimed_by=token,
                lease_expires_at=now + policy.lease,
                attempts=F("attempts") + 1,
            )
            return (OutboxMessage.objects.get(pk=pk) if won else None), True

    while True:
        message, found = _sqlite_retrying(attempt)
        if message is not None or not found:
            return message
        # another worker claimed the one we picked (SQLite has no SKIP LOCKED): pick again


def email_of(message: OutboxMessage) -> EmailMultiAlternatives:
    """The e-mail as it goes out: text, HTML alternative, the attached document, and the
    message's own Message-ID (so a re-send is recognisably the same message)."""
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message_id(message)},
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    if message.attachment:
        # Imported here: the documents app renders PDFs with fpdf2, which only the worker needs.
        from permitdesk.documents import render_attachment

        filename, content = render_attachment(
            str(message.attachment["document"]), int(message.attachment["id"])
        )
        email.attach(filename, content, "application/pdf")
    return email


class Sender:
    """One connection to the SMTP server (Django's EMAIL_BACKEND) for a pass of the worker:
    opened at the first message, used for the next while it works, and dropped after any
    failure, so that the next message opens a fresh one (a server that hung up or timed out
    costs one attempt, not the rest of the pass). Close it at the end of the pass."""

    def __init__(self) -> None:
        self._smtp: Any = None

    def send(self, message: OutboxMessage) -> None:
        """Hand the message to the server; raises on any failure."""
        email = email_of(message)  # a document failing to render is not the connection's fault
        try:
            if self._smtp is None:
                self._smtp = get_connection(fail_silently=False)
                self._smtp.open()
            if self._smtp.send_messages([email]) != 1:
                raise RuntimeError("the mail backend did not accept the message")
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with contextlib.suppress(Exception):  # QUIT on a dead connection: nothing to lose
                smtp.close()


def send(message: OutboxMessage) -> None:
    """Hand one message to the SMTP server on a connection of its own; raises on any failure."""
    sender = Sender()
    try:
        sender.send(message)
    finally:
        sender.close()


def _record_sent(message: OutboxMessage, now: dt.datetime) -> bool:
    return (
        OutboxMessage.objects.filter(
            pk=message.pk, status=Status.SENDING, claimed_by=message.claimed_by
        ).update(status=Status.SENT, sent_at=now, lease_expires_at=None, last_error="")
        == 1
    )


def _record_failure(
    message: OutboxMessage, error: BaseException, now: dt.datetime, policy: Policy
) -> str:
    gave_up = message.attempts >= policy.max_attempts
    status = Status.FAILED if gave_up else Status.QUEUED
    OutboxMessage.objects.filter(
        pk=message.pk, status=Status.SENDING, claimed_by=message.claimed_by
    ).update(
        status=status,
        next_attempt_at=now if gave_up else now + policy.backoff(message.attempts),
        lease_expires_at=None,
        last_error=f"attempt {message.attempts} at {now.isoformat()}: "
        f"{type(error).__name__}: {error}"[:2000],
    )
    return str(status)


def deliver(message: OutboxMessage, *, clock: Clock, policy: Policy, sender: Sender) -> str:
    """Send one claimed message on `sender`'s connection and record the outcome: 'sent',
    'queued' (to retry) or 'failed' (its last attempt)."""
    try:
        sender.send(message)
    except Exception as exc:  # any failure is an attempt to record, never a lost message
        error: BaseException = exc
        return _sqlite_retrying(lambda: _record_failure(message, error, clock(), policy))
    _sqlite_retrying(lambda: _record_sent(message, clock()))
    return str(Status.SENT)


def deliver_due(
    *, clock: Clock = timezone.now, policy: Policy | None = None, limit: int | None = None
) -> Pass:
    """One pass: send every message due now (at most `limit`), one claim at a time, over one
    SMTP connection while it works (Sender)."""
    policy = policy or Policy.from_settings()
    done = Pass()
    sender = Sender()
    try:
        while limit is None or len(done.sent) + len(done.retrying) + len(done.failed) < limit:
            message = claim(now=clock(), policy=policy)
            if message is None:
                break
            outcome = deliver(message, clock=clock, policy=policy, sender=sender)
            {"sent": done.sent, "queued": done.retrying, "failed": done.failed}[outcome].append(
                message.key
            )
    finally:
        sender.close()
    return done


def requeue(*, message: OutboxMessage, actor: User | None, now: dt.datetime) -> OutboxMessage:
    """A FAILED message queued again, due now, with a fresh count of attempts."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if message.status != Status.FAILED:
            raise Refused(f"message '{message.key}' is {message.status}; only failed ones requeue")
        before: dict[str, Any] = {"status": message.status, "attempts": message.attempts}
        message.status, message.attempts, message.next_attempt_at = Status.QUEUED, 0, now
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
        record(
            actor=actor,
            action="requeue-message",
            obj=message,
            at=now,
            before=before,
            after={"status": message.status, "key": message.key},
            application_id=message.application_id,
        )
    return message
