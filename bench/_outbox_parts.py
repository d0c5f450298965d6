"""Where one message's time goes, measured part by part in this process (django.setup() done):
the database (a batch's claim and its record of SENT, per message), building the MIME message,
handing it to the SMTP server over one connection, and rendering a permit's PDF."""

from __future__ import annotations

import smtplib
import time
from collections.abc import Callable

from django.conf import settings

from permitdesk.audit.models import OutboxMessage
from permitdesk.documents import render_attachment
from permitdesk.notices.claims import claim_batch, record_sent
from permitdesk.notices.outbox import Policy, email_of


def _per_item(work: Callable[[], int]) -> float:
    """Milliseconds per item of `work`, which returns how many items it did."""
    start = time.perf_counter()
    items = work()
    return (time.perf_counter() - start) * 1000 / max(items, 1)


def database_ms(policy: Policy, cpu_of: Callable[[int], float]) -> tuple[float, float]:
    """Claim every queued message a batch at a time and record it SENT, without sending: the
    wall milliseconds per message, and the CPU milliseconds of PostgreSQL's backend."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone() or (0,)
    before, done = cpu_of(backend), 0

    def work() -> int:
        nonlocal done
        while batch := claim_batch(now=timezone.now(), policy=policy, size=policy.batch):
            record_sent(batch, timezone.now())
            done += len(batch)
        return done

    wall = _per_item(work)
    return wall, (cpu_of(backend) - before) * 1000 / max(done, 1)


def build_ms(messages: list[OutboxMessage]) -> float:
    return _per_item(lambda: len([email_of(m).message().as_bytes() for m in messages]))


def smtp_ms(messages: list[OutboxMessage]) -> float:
    """The SMTP exchange alone (client and server), prebuilt messages over one connection."""
    # SMTP lines end in CRLF (as Django's backend writes them); aiosmtpd refuses long bare ones.
    wire = [(m.to, email_of(m).message().as_bytes().replace(b"\n", b"\r\n")) for m in messages]

    def work() -> int:
        with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT) as smtp:
            for to, data in wire:
                smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [to], data)
        return len(wire)

    return _per_item(work)


def render_ms(permit_ids: list[int]) -> float:
    return _per_item(lambda: len([render_attachment("permit", pk) for pk in permit_ids]))
