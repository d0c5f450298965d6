"""Flags the sweep raises, once each: for the clerk, a change of occupancy reported late (the
village's §1.D) and a visitor past the visiting period (§1.F); and the flags that stand for a
reminder or notice queued (sweeps.approvals, sweeps.permits). raise_flags() writes a batch's
flags with their audit events and notices."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from permitdesk.audit.models import AuditEvent
from permitdesk.audit.services import audit_event, queue_all, record_all
from permitdesk.cases.models import Application, Approval, ChangeOfOccupancyReport, Permit, Visitor
from permitdesk.law.loader import get_pack
from permitdesk.law.schema import TermVersion
from permitdesk.notices.compose import Notice, compose_notice
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.visitors import Stay, visitor_status
from permitdesk.sweeps.batch import Done, each_due
from permitdesk.sweeps.context import case_context, days_left, locked_cases
from permitdesk.sweeps.models import Flag


@dataclass(frozen=True)
class FlagDue:
    """A flag of `kind` due on `obj`, and the notice queued with it (a reminder's). Its
    audit event records `action` and, besides the flag, `noted`."""

    kind: str
    obj: Any
    jurisdiction: Jurisdiction
    application: Application | None
    due_on: dt.date
    detail: str
    citation: str
    action: str = "raise-flag"
    noted: dict[str, Any] = field(default_factory=dict)
    notice: Notice | None = None

    @property
    def object_type(self) -> str:
        return type(self.obj).__name__

    @property
    def object_id(self) -> int:
        return int(self.obj.pk)


# What a Flag row copies from its FlagDue (besides the moment it is raised).
FLAG_FIELDS = (
    "kind",
    "object_type",
    "object_id",
    "jurisdiction",
    "application",
    "due_on",
    "detail",
    "citation",
)


def _event(due: FlagDue, flag: Flag, now: dt.datetime) -> AuditEvent:
    return audit_event(
        actor=None,
        action=due.action,
        obj=flag,
        at=now,
        before=None,
        after={
            "kind": due.kind,
            "object": f"{due.object_type} {due.object_id}",
            "due_on": due.due_on.isoformat(),
            **due.noted,
        },
        application_id=due.application.pk if due.application is not None else None,
        jurisdiction_slug=due.jurisdiction.slug,
    )


def raise_flags(due: Sequence[FlagDue], now: dt.datetime) -> int:
    """Each flag in `due` not raised before, with its audit event and its notice, in four
    queries whatever their number; how many it raised.

    The caller holds the locks of the cases (or of the reports) the flags are about, inside
    its transaction, so two sweeps at once raise each once: the second waits, then finds it.
    """
    if not due:
        return 0
    raised = set(
        Flag.objects.filter(
            kind__in={d.kind for d in due},
            object_type__in={d.object_type for d in due},
            object_id__in={d.object_id for d in due},
        ).values_list("kind", "object_type", "object_id")
    )
    new = [d for d in due if (d.kind, d.object_type, d.object_id) not in raised]
    flags = Flag.objects.bulk_create(
        Flag(raised_at=now, **{name: getattr(d, name) for name in FLAG_FIELDS}) for d in new
    )
    record_all(_event(d, flag, now) for d, flag in zip(new, flags, strict=True))
    queue_all(compose_notice(**d.notice) for d in new if d.notice is not None)
    return len(new)


# What the clerk reads on a reminder's (or notice's) flag, by its kind; {days}: the days left.
_BEFORE_APPROVAL_ENDS = "Reminder queued {days} days before the approval's last day"
REMINDER_DETAILS: dict[str, str] = {
    Flag.Kind.APPROVAL_LAPSE_REMINDER: _BEFORE_APPROVAL_ENDS,
    Flag.Kind.OCCUPANT_DEADLINE_REMINDER: _BEFORE_APPROVAL_ENDS,
    Flag.Kind.PERMIT_ENDING_NOTICE: "Notice queued {days} days before the permit's last day",
}


def reminder_due(
    kind: str,
    obj: Approval | Permit,
    last_day: dt.date,
    now: dt.datetime,
    *,
    ref: object,
    term: TermVersion | None,
    context: dict[str, Any],
    noted: dict[str, Any] | None = None,
) -> FlagDue:
    """A reminder (or notice) ahead of `last_day`, once: the flag of `kind` on `obj`, citing
    the pack's `term` (if any), its audit event ("queue-reminder", with the message's key and
    `noted`), and the message to the case's applicant, whose template reads the case, the
    days left, the citation and `context`. The message's key (its idempotency key) names the
    kind, `ref` (which object) and the last day."""
    key = f"{kind}-{ref}-{last_day.isoformat()}"
    application = obj.application
    pack = get_pack(application.jurisdiction.slug)
    today = local(pack, now).date()
    citation = pack.cite(term.citation) if term is not None else ""
    detail = REMINDER_DETAILS[kind].format(days=days_left(today, last_day))
    return FlagDue(
        kind=kind,
        obj=obj,
        jurisdiction=application.jurisdiction,
        application=application,
        due_on=last_day,
        detail=detail,
        citation=citation,
        action="queue-reminder",
        noted={"key": key, **(noted or {})},
        notice={
            "kind": kind,
            "jurisdiction_slug": pack.slug,
            "to": application.applicant.email,
            "key": key,
            "context": {
                **case_context(pack, application, today),
                "days_left": days_left(today, last_day),
                "citation": citation,
                **context,
            },
            "at": now,
            "application_id": application.pk,
        },
    )


def _late_report(report: ChangeOfOccupancyReport, now: dt.datetime) -> FlagDue | None:
    """A change of occupancy reported more than the window's days after the change."""
    jurisdiction = report.unit.property.jurisdiction
    pack = get_pack(jurisdiction.slug)
    reported_on = report.reported_on
    if not report.late:
        return None
    version = pack.term_version("change_report_window", report.changed_on)
    detail = (
        f"Change of occupancy on {report.changed_on.isoformat()} at {report.unit}, reported "
        f"on {reported_on.isoformat()}: {(reported_on - report.due_on).days} days after the "
        f"last day ({report.due_on.isoformat()}) of the {version.value}-day window."
    )
    return FlagDue(
        kind=Flag.Kind.LATE_CHANGE_REPORT,
        obj=report,
        jurisdiction=jurisdiction,
        application=None,
        due_on=report.due_on,
        detail=detail,
        citation=pack.cite(version.citation),
    )


def flag_late_change_reports(report_ids: Sequence[int], now: dt.datetime) -> Done:
    """The reports of `report_ids` made late, each flagged once; the reports locked."""
    done = Done()
    with transaction.atomic(savepoint=False):
        reports = (
            ChangeOfOccupancyReport.objects.select_for_update(of=("self",))
            .select_related("unit__property__jurisdiction")
            .filter(pk__in=report_ids)
            .order_by("pk")
        )
        done.changed = raise_flags(each_due(reports, lambda r: _late_report(r, now), done), now)
    return done


def _past_period(
    visitor: Visitor, application: Application, stays: list[Visitor], now: dt.datetime
) -> FlagDue | None:
    """A visitor who stayed past the visiting period, or came for a second period in a year
    (the rule reads all the stays of the same person at the residence): the owner must
    notify the Building Commissioner and the permit be amended."""
    pack = get_pack(application.jurisdiction.slug)
    today = local(pack, now).date()
    on = min(visitor.left_on or today, today)
    same_person = [Stay(v.arrived_on, v.left_on) for v in stays if v.arrived_on <= on]
    status = visitor_status(pack, same_person, on)
    if not status.notify_and_amend_permit:
        return None
    return FlagDue(
        kind=Flag.Kind.VISITOR_PAST_PERIOD,
        obj=visitor,
        jurisdiction=application.jurisdiction,
        application=application,
        due_on=visitor.arrived_on + dt.timedelta(days=pack.count("visitor_period", on) - 1),
        detail=f"{visitor.name}: {status.reason}",
        citation=status.citation,
    )


def _same_person(visitor: Visitor) -> tuple[int, str]:
    """The same person at the same residence: the name in any case (as `name__iexact`)."""
    return visitor.application_id, visitor.name.upper()


def flag_visitors_past_period(visitor_ids: Sequence[int], now: dt.datetime) -> Done:
    """The visitors of `visitor_ids` past the visiting period, each flagged once; their
    cases locked."""
    done = Done()
    wanted = set(visitor_ids)
    with transaction.atomic(savepoint=False):
        cases = locked_cases(Visitor.objects.filter(pk__in=wanted).values("application_id"))
        stays: dict[tuple[int, str], list[Visitor]] = defaultdict(list)
        for v in Visitor.objects.filter(application_id__in=list(cases)).order_by("pk"):
            stays[_same_person(v)].append(v)
        visitors = sorted(
            (v for vs in stays.values() for v in vs if v.pk in wanted), key=lambda v: v.pk
        )
        due = each_due(
            visitors,
            lambda v: _past_period(v, cases[v.application_id], stays[_same_person(v)], now),
            done,
        )
        done.changed = raise_flags(due, now)
    return done
