"""Sending the outbox: claim a batch of due messages, send them by SMTP, record what happened.

Delivery guarantee
------------------
* **Never lost.** A message is a row written in the transaction of the change that causes it
  (``audit.services.queue``): it exists if and only if the change committed. The worker never
  deletes it: it ends SENT, or FAILED after ``OUTBOX_MAX_ATTEMPTS`` attempts, still in the
  table with its last error, and ``requeue_outbox`` (``requeue()``) queues it again.
* **At most one worker at a time per message.** A worker claims a batch (``Policy.batch``,
  ``OUTBOX_BATCH_SIZE``) in a short transaction (``SELECT … FOR UPDATE SKIP LOCKED`` on
  PostgreSQL; SQLite takes one writer at a time) by a compare-and-set ``UPDATE`` from QUEUED
  (due) to SENDING with a fresh claim token and a lease of ``OUTBOX_LEASE_SECONDS``; only the
  holder of the token may record the outcome (``permitdesk.notices.claims``). Two workers
  never send the same message while its lease runs. A batch that has used half its lease
  hands its untried messages back rather than send past it.
* **Sent once, save one window.** The SMTP server's acceptance and our commit of SENT cannot
  be one transaction. The messages a batch sent are recorded SENT together when it ends (one
  UPDATE per batch, not one commit per message); if a worker dies (or loses the database)
  after the server said "250 OK" and before that commit, the lease runs out and a worker sends
  those messages again — with the same ``Message-ID`` (``<key@domain>``, from the message's
  unique key), so the receiving side sees the same message and mail systems that
  de-duplicate on Message-ID show it once. That window (at most one batch per dying worker)
  is the only way a message goes out twice; it is at-least-once delivery with a stable
  identity, which is the strongest guarantee SMTP allows.
* **Retries back off.** A failed attempt (server down, refused, the attachment failing to
  render) goes back to QUEUED, due ``OUTBOX_RETRY_SECONDS × 2^(attempts−1)`` later, capped at
  ``OUTBOX_RETRY_MAX_SECONDS``; the attempt count, its error and the next time are recorded
  at once. An attempt is counted when claimed, so a worker that crashes mid-send uses one up.

The lease must outlast one send: keep ``OUTBOX_LEASE_SECONDS`` well above ``EMAIL_TIMEOUT``
(Django's SMTP socket timeout) times the few exchanges a message takes.

A worker's run sends over one SMTP connection while it works (Sender) and renders each
attached document once (permitdesk.notices.attachments); ``send_outbox --workers N`` runs
several at once (permitdesk.notices.workers).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from permitdesk.audit.models import OutboxMessage
from permitdesk.audit.services import record
from permitdesk.notices.attachments import Attachments
from permitdesk.notices.claims import (
    claim_batch,
    reclaim_abandoned,
    record_failure,
    record_sent,
    release,
)
from permitdesk.rules.lifecycle import Refused

Status = OutboxMessage.Status
Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Policy:
    """The worker's numbers, from the settings of the same names."""

    max_attempts: int
    retry: dt.timedelta
    retry_max: dt.timedelta
    lease: dt.timedelta
    # Messages claimed at once: one claim and one commit of SENT per batch instead of per
    # message (each is a round trip and a WAL flush), at the price of a wider re-send window
    # if the worker dies mid-batch (see the module's docstring).
    batch: int = 50

    def __post_init__(self) -> None:
        if self.batch < 1:
            raise ValueError(f"OUTBOX_BATCH_SIZE must be at least 1, not {self.batch}")

    @classmethod
    def from_settings(cls) -> Policy:
        return cls(
            max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
            retry=dt.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS),
            retry_max=dt.timedelta(seconds=settings.OUTBOX_RETRY_MAX_SECONDS),
            lease=dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
            batch=settings.OUTBOX_BATCH_SIZE,
        )

    def backoff(self, attempts: int) -> dt.timedelta:
        """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … × retry, capped."""
        wait: dt.timedelta = self.retry * (2 ** max(attempts - 1, 0))
        return min(wait, self.retry_max)


@dataclass
class Pass:
    """What one pass over the outbox did, by message key, and the documents it rendered."""

    sent: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    rendered: int = 0

    def __str__(self) -> str:
        return f"sent {len(self.sent)}, to retry {len(self.retrying)}, failed {len(self.failed)}"

    def __len__(self) -> int:
        return len(self.sent) + len(self.retrying) + len(self.failed)

    def add(self, other: Pass) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.rendered += other.rendered


_MSGID_SAFE = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")


def message_id(message: OutboxMessage) -> str:
    """`<key@domain>`: the same for every attempt at the message, unique per install."""
    domain = settings.OUTBOX_MESSAGE_ID_DOMAIN or urlsplit(settings.PUBLIC_URL).hostname
    local_part = message.key if _MSGID_SAFE.match(message.key) else f"k{message.pk}"
    return f"<{local_part}@{domain or 'permitdesk.invalid'}>"


def email_of(
    message: OutboxMessage, attachments: Attachments | None = None
) -> EmailMultiAlternatives:
    """The e-mail as it goes out: text, HTML alternative, the attached document (from
    `attachments`, the run's rendered documents), and the message's own Message-ID (so a
    re-send is recognisably the same message)."""
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
        filename, content = (attachments or Attachments()).of(message.attachment)
        email.attach(filename, content, "application/pdf")
    return email


class Sender:
    """One connection to the SMTP server (Django's EMAIL_BACKEND) for a pass of the worker:
    opened at the first message, used for the next while it works, and dropped after any
    failure, so that the next message opens a fresh one (a server that hung up or timed out
    costs one attempt, not the rest of the pass). Close it at the end of the pass."""

    def __init__(self, attachments: Attachments | None = None) -> None:
        self._smtp: Any = None
        self.attachments = attachments or Attachments()

    def send(self, message: OutboxMessage) -> None:
        """Hand the message to the server; raises on any failure."""
        # A document failing to render is not the connection's fault: built first.
        email = email_of(message, self.attachments)
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


def deliver_batch(
    batch: Sequence[OutboxMessage], *, clock: Clock, policy: Policy, sender: Sender
) -> Pass:
    """Send a claimed batch on `sender`'s connection: each failure recorded as it happens, the
    sent ones recorded together at the end; the untried rest handed back once half the lease
    is gone (so no message is sent after its lease, when another worker may take it)."""
    done, sent = Pass(), []
    stop_at = clock() + policy.lease / 2
    try:
        for n, message in enumerate(batch):
            if clock() >= stop_at:
                release(batch[n:])
                break
            try:
                sender.send(message)
            except Exception as exc:  # any failure is an attempt to record, never a loss
                status = record_failure(message, exc, clock(), policy)
                (done.failed if status == Status.FAILED else done.retrying).append(message.key)
            else:
                sent.append(message)
    finally:
        record_sent(sent, clock())
    done.sent = [message.key for message in sent]
    return done


def deliver_due(
    *,
    clock: Clock = timezone.now,
    policy: Policy | None = None,
    limit: int | None = None,
    keep_going: Callable[[], bool] | None = None,
) -> Pass:
    """One pass: send every message due now (at most `limit`), a claimed batch at a time, over
    one SMTP connection while it works, each attached document rendered once; stops between
    batches once `keep_going()` is false (the worker was asked to stop)."""
    policy = policy or Policy.from_settings()
    done = Pass()
    sender = Sender()
    reclaim_abandoned(clock())
    try:
        while (limit is None or len(done) < limit) and (keep_going is None or keep_going()):
            size = policy.batch if limit is None else min(policy.batch, limit - len(done))
            batch = claim_batch(now=clock(), policy=policy, size=size)
            if not batch:
                break
            done.add(deliver_batch(batch, clock=clock, policy=policy, sender=sender))
    finally:
        sender.close()
    done.rendered = sender.attachments.rendered
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
