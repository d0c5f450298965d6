"""The outbox bench's runs (django.setup() done, an SMTP server listening): each mix of
messages sent by each worker count, and where one message's time goes."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.utils import timezone

from _outbox_parts import build_ms, database_ms, render_ms, smtp_ms
from permitdesk.audit.models import OutboxMessage
from permitdesk.cases.models import Permit
from permitdesk.notices import attachments
from permitdesk.notices.outbox import Policy
from permitdesk.notices.workers import run_workers

Say = Callable[..., None]
Attach = Callable[[int], dict[str, Any] | None]


def _template() -> OutboxMessage:
    """A real message of the demo (a permit's, the longest kind) to copy: its text and HTML."""
    found = OutboxMessage.objects.filter(kind="permit-issued").first()
    assert found is not None, "the demo queued no permit-issued message"
    return found


def fill(count: int, attach: Attach) -> None:
    """The outbox emptied, then `count` messages due now, each with `attach(n)`."""
    like = _template()
    OutboxMessage.objects.all().delete()
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        (
            OutboxMessage(
                key=f"bench-{n}",
                kind=like.kind,
                to=f"unit-{n}@example.test",
                subject=like.subject,
                body=like.body,
                html_body=like.html_body,
                attachment=attach(n),
                created_at=now,
                next_attempt_at=now,
            )
            for n in range(count)
        ),
        batch_size=1000,
    )


def _own_cpu() -> float:
    """CPU seconds of this process and of its children that ended (the forked workers)."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    theirs = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime


def cpu_of(pid: int) -> float:
    """CPU seconds another process has used so far (/proc/<pid>/stat: utime, stime)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(workers: int, count: int, server: int) -> tuple[float, int, float, float]:
    """One pass of `workers` over `count` due messages: messages/s, PDFs rendered, and the
    workers' and the SMTP server's CPU milliseconds per message."""
    connections.close_all()
    cpu, served = _own_cpu(), cpu_of(server)
    start = time.perf_counter()
    passes = run_workers(workers)
    seconds = time.perf_counter() - start
    cpu, served = _own_cpu() - cpu, cpu_of(server) - served
    sent = sum(len(p.sent) for p in passes)
    assert sent == count, f"sent {sent} of {count}: {[str(p) for p in passes]}"
    per = 1000 / count
    return count / seconds, sum(p.rendered for p in passes), cpu * per, served * per


def _always_render(self: attachments.Attachments, attachment: dict[str, Any]) -> Any:
    """A run with no kept documents: every message renders its own (the demo has too few
    permits for a mailing of distinct ones)."""
    self.rendered += 1
    return self._render(str(attachment["document"]), int(attachment["id"]))


def run_mixes(
    counts: list[int], messages: int, pdf_messages: int, server: int, say: Say
) -> tuple[float, float]:
    """Each mix by each worker count; the best messages/s of the text mix, and the least CPU
    ms per message (workers and SMTP server) of its runs."""
    permits = list(Permit.objects.order_by("pk").values_list("pk", flat=True))
    pdf = {"document": "permit"}
    mixes: list[tuple[str, int, Attach]] = [
        ("text and HTML", messages, lambda n: None),
        (
            f"+ PDF, {len(permits)} documents",
            messages,
            lambda n: {**pdf, "id": permits[n % len(permits)]},
        ),
        ("+ PDF, each its own", pdf_messages, lambda n: {**pdf, "id": permits[n % len(permits)]}),
    ]
    say("CPU ms per message: of the workers, and of the SMTP server (PostgreSQL's not counted)")
    say(
        f"{'mix':<28}{'workers':>8}{'messages':>10}{'msg/s':>9}{'× 1':>7}{'PDFs':>7}"
        f"{'cpu ms':>8}{'smtp ms':>8}"
    )
    best, least = 0.0, float("inf")
    for name, count, attach in mixes:
        kept = attachments.Attachments.of
        if name.endswith("its own"):
            attachments.Attachments.of = _always_render  # type: ignore[method-assign]
        try:
            baseline = 0.0
            for workers in counts:
                fill(count, attach)
                rate, rendered, cpu, smtp = one_run(workers, count, server)
                baseline = baseline or rate
                ratio = rate / baseline
                say(
                    f"{name:<28}{workers:>8}{count:>10}{rate:>9.0f}{ratio:>7.2f}{rendered:>7}"
                    f"{cpu:>8.2f}{smtp:>8.2f}"
                )
                if name == "text and HTML":
                    best, least = max(best, rate), min(least, cpu + smtp)
        finally:
            attachments.Attachments.of = kept  # type: ignore[method-assign]
    return best, least


def breakdown(say: Say, count: int = 2000) -> float:
    """One worker's milliseconds per message, part by part."""
    fill(count, lambda n: None)
    messages = list(OutboxMessage.objects.order_by("pk")[:1000])
    build, smtp = build_ms(messages), smtp_ms(messages)
    database, postgres = database_ms(Policy.from_settings(), cpu_of)
    permits = list(Permit.objects.order_by("pk").values_list("pk", flat=True))
    render = render_ms((permits * 20)[:40])
    total = database + build + smtp
    say("where one message's time goes (one worker, ms per message):")
    say(f"  database (claim + record, batches of {Policy.from_settings().batch}) {database:6.2f}")
    say(f"  building the MIME message                  {build:6.2f}")
    say(f"  SMTP exchange, one connection (client + server) {smtp:6.2f}")
    say(f"  sum {total:.2f} ms: at most {1000 / total:.0f} messages/s for one worker")
    say(f"  rendering a permit's PDF                   {render:6.2f}")
    say(f"  PostgreSQL's CPU for the claim and record {postgres:6.2f}")
    return postgres
