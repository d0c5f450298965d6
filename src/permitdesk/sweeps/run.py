"""run_sweep(): every deadline action for every jurisdiction (or one), as of `now`.

Each action finds its candidates a page of ids at a time (finders), and hands them to its
batch service (sweeps.permits, sweeps.approvals, sweeps.flags) a batch at a time, each batch
one transaction: its rows locked in one query, each checked again under the lock, and the
changes, their audit events and messages written in a few bulk statements. A run killed
half-way leaves whole batches behind it; the next run finds what is left, and every batch
checks again under the lock, so it ends in the state a run that never failed would have
left. A second run finds nothing more to do.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from permitdesk.law.loader import get_pack
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.sweeps import finders
from permitdesk.sweeps.approvals import lapse_expired_approvals, remind_before_lapse
from permitdesk.sweeps.batch import Done
from permitdesk.sweeps.flags import flag_late_change_reports, flag_visitors_past_period
from permitdesk.sweeps.models import SweepRun
from permitdesk.sweeps.permits import (
    end_interim_permits,
    end_permits_at_term,
    notify_permits_ending,
)
from permitdesk.sweeps.progress import Progress, Stream

Finder = Callable[[Jurisdiction, Pack, dt.date], finders.Rows]
Handler = Callable[[list[int], dt.datetime], Done]


@dataclass(frozen=True)
class Action:
    name: str
    find: Finder
    handle: Handler  # the batch service: a batch of the ids found, and `now`


ACTIONS: tuple[Action, ...] = (
    Action("end-interim-permits", finders.interim_permits, end_interim_permits),
    Action("end-permits-at-term", finders.permits_past_term, end_permits_at_term),
    Action("lapse-approvals", finders.approvals_past_window, lapse_expired_approvals),
    Action("remind-approvals", finders.approvals_to_remind, remind_before_lapse),
    Action("notify-permits-ending", finders.permits_ending_soon, notify_permits_ending),
    Action("flag-late-change-reports", finders.late_change_reports, flag_late_change_reports),
    Action("flag-visitors", finders.visitors_to_check, flag_visitors_past_period),
)
# What each action's count says, in the run's report.
LABELS = {
    "end-interim-permits": "temporary/conditional permits ended (certificate issued)",
    "end-permits-at-term": "permits ended at the end of their term",
    "lapse-approvals": "approvals lapsed (a new application and fee are due)",
    "remind-approvals": "reminders queued before an approval lapses",
    "notify-permits-ending": "notices queued before a permit ends",
    "flag-late-change-reports": "change-of-occupancy reports flagged late",
    "flag-visitors": "visitors flagged past the visiting period",
}
ACTION_NAMES = tuple(a.name for a in ACTIONS)

# Ids fetched per keyset query; a batch (one transaction) is at most this many items too.
PAGE = 5000


@dataclass
class SweepResult:
    as_of: dt.datetime
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTION_NAMES, 0))
    examined: int = 0
    errors: list[str] = field(default_factory=list)
    batches: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> int:
        return sum(self.counts.values())


def _batch(
    action: Action,
    pks: list[int],
    now: dt.datetime,
    result: SweepResult,
    checkpoint: Callable[[int], None] | None,
) -> None:
    """The batch in one transaction, through the action's batch service; an item the rules
    refuse is left as it was and reported, and the rest of the batch goes on."""
    with transaction.atomic():
        done = action.handle(pks, now)
        if checkpoint is not None:
            checkpoint(result.examined + len(pks))
    result.counts[action.name] += done.changed
    result.errors += [f"{action.name} {pk}: {reason}" for pk, reason in done.refused]
    result.examined += len(pks)
    result.batches += 1


def _plan(slug: str | None, now: dt.datetime) -> list[tuple[Jurisdiction, Pack, dt.date]]:
    rows = Jurisdiction.objects.order_by("slug")
    if slug is not None:
        rows = rows.filter(slug=slug)
    plan = []
    for jurisdiction in rows:
        pack = get_pack(jurisdiction.slug)
        plan.append((jurisdiction, pack, local(pack, now).date()))
    return plan


def _total(plan: list[tuple[Jurisdiction, Pack, dt.date]]) -> int:
    return sum(a.find(j, p, today).count() for j, p, today in plan for a in ACTIONS)


def run_sweep(
    *,
    now: dt.datetime,
    jurisdiction: str | None = None,
    batch_size: int = 500,
    progress: Stream | None = None,
    checkpoint: Callable[[int], None] | None = None,
) -> SweepResult:
    """Sweep as of `now`, in batches of `batch_size` items per transaction.

    `progress`: a stream to draw a progress bar on (advanced a batch at a time).
    `checkpoint`: called inside each batch's transaction, after its writes, with the number
    of items examined so far, this batch's included; an exception it raises rolls the batch
    back and ends the run there (the tests' way of killing a run half-way).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    result = SweepResult(as_of=now)
    log = SweepRun.objects.create(as_of=now, jurisdiction_slug=jurisdiction or "")
    plan = _plan(jurisdiction, now)
    bar = Progress(progress, _total(plan)) if progress is not None else None
    for j, pack, today in plan:
        for action in ACTIONS:
            for page in finders.ids(action.find(j, pack, today), pack, PAGE):
                for start in range(0, len(page), batch_size):
                    pks = page[start : start + batch_size]
                    _batch(action, pks, now, result, checkpoint)
                    if bar is not None:
                        bar.advance(f"{j.slug} {action.name}", len(pks))
    if bar is not None:
        bar.finish()
    result.seconds = time.monotonic() - started
    log.counts = {**result.counts, "errors": len(result.errors)}
    log.completed, log.seconds = True, result.seconds
    log.save(update_fields=["counts", "completed", "seconds"])
    return result


def report(result: SweepResult, scope: Sequence[str]) -> str:
    """What the run did, a line per action, for the terminal."""
    width = max(len(label) for label in LABELS.values())
    lines = [f"sweep as of {result.as_of.isoformat()} ({', '.join(scope)})"]
    lines += [f"  {LABELS[a.name]:<{width}}  {result.counts[a.name]:>9,}" for a in ACTIONS]
    lines.append(
        f"  {'changed in all':<{width}}  {result.changed:>9,}"
        f"   ({result.examined:,} examined in {result.batches:,} batches, "
        f"{result.seconds:.1f} s)"
    )
    if result.errors:
        lines.append(f"  {len(result.errors):,} items left as they were:")
        lines += [f"    {e}" for e in result.errors[:20]]
    return "\n".join(lines)
