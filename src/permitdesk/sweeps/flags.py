"""Flags the sweep raises for the clerk: a change of occupancy reported late (the village's
§1.D), a visitor past the visiting period (§1.F). Each flag once, with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from permitdesk.audit.services import record
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Visitor
from permitdesk.cases.services.base import audit
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.visitors import Stay, visitor_status
from permitdesk.sweeps.context import locked_case
from permitdesk.sweeps.models import Flag


def raise_flag(
    *,
    kind: str,
    obj: Any,
    jurisdiction: Jurisdiction,
    application: Application | None,
    due_on: dt.date,
    detail: str,
    citation: str,
    now: dt.datetime,
    action: str = "raise-flag",
    noted: dict[str, Any] | None = None,
) -> Flag | None:
    """The flag of `kind` on `obj`, with its audit event (`action`, recording `noted` besides
    the flag); None if it was raised before.

    The caller holds the lock of the case (or of the report) the flag is about, inside its
    transaction, so two sweeps at once raise it once: the second waits, then finds it.
    """
    object_type, object_id = type(obj).__name__, int(obj.pk)
    if Flag.objects.filter(kind=kind, object_type=object_type, object_id=object_id).exists():
        return None
    flag = Flag.objects.create(
        kind=kind,
        object_type=object_type,
        object_id=object_id,
        jurisdiction=jurisdiction,
        application=application,
        raised_at=now,
        due_on=due_on,
        detail=detail,
        citation=citation,
    )
    after = {
        "kind": kind,
        "object": f"{object_type} {object_id}",
        "due_on": due_on.isoformat(),
        **(noted or {}),
    }
    if application is not None:
        audit(application, actor=None, action=action, obj=flag, at=now, before=None, after=after)
    else:
        record(
            actor=None,
            action=action,
            obj=flag,
            at=now,
            before=None,
            after=after,
            jurisdiction_slug=jurisdiction.slug,
        )
    return flag


def flag_late_change_report(*, report_id: int, now: dt.datetime) -> bool:
    """A change of occupancy reported more than the window's days after the change."""
    with transaction.atomic(savepoint=False):
        report = (
            ChangeOfOccupancyReport.objects.select_for_update(of=("self",))
            .select_related("unit__property__jurisdiction")
            .get(pk=report_id)
        )
        jurisdiction = report.unit.property.jurisdiction
        pack = get_pack(jurisdiction.slug)
        reported_on = local(pack, report.reported_at).date()
        if reported_on <= report.due_on:
            return False
        version = pack.term_version("change_report_window", report.changed_on)
        detail = (
            f"Change of occupancy on {report.changed_on.isoformat()} at {report.unit}, reported "
            f"on {reported_on.isoformat()}: {(reported_on - report.due_on).days} days after the "
            f"last day ({report.due_on.isoformat()}) of the {version.value}-day window."
        )
        flag = raise_flag(
            kind=Flag.Kind.LATE_CHANGE_REPORT,
            obj=report,
            jurisdiction=jurisdiction,
            application=None,
            due_on=report.due_on,
            detail=detail,
            citation=pack.cite(version.citation),
            now=now,
        )
    return flag is not None


def flag_visitor_past_period(*, visitor_id: int, now: dt.datetime) -> bool:
    """A visitor who stayed past the visiting period, or came for a second period in a year:
    the owner must notify the Building Commissioner and the permit be amended."""
    with transaction.atomic(savepoint=False):
        application_id = Visitor.objects.values_list("application_id", flat=True).get(pk=visitor_id)
        application = locked_case(application_id)
        visitor = Visitor.objects.get(pk=visitor_id)
        pack = get_pack(application.jurisdiction.slug)
        today = local(pack, now).date()
        on = min(visitor.left_on or today, today)
        same_person = Visitor.objects.filter(
            application=application, name__iexact=visitor.name, arrived_on__lte=on
        )
        status = visitor_status(pack, [Stay(v.arrived_on, v.left_on) for v in same_person], on)
        if not status.notify_and_amend_permit:
            return False
        flag = raise_flag(
            kind=Flag.Kind.VISITOR_PAST_PERIOD,
            obj=visitor,
            jurisdiction=application.jurisdiction,
            application=application,
            due_on=visitor.arrived_on + dt.timedelta(days=pack.count("visitor_period", on) - 1),
            detail=f"{visitor.name}: {status.reason}",
            citation=status.citation,
            now=now,
        )
    return flag is not None
