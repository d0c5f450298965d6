"""Flags the sweep raises for the clerk: a change of occupancy reported late (the village's
§1.D), a visitor past the visiting period (§1.F). Each flag once, with its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from permitdesk.audit.services import record
from permitdesk.cases.models import Application, ChangeOfOccupancyReport, Visitor
from permitdesk.cases.services.base import audit
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import local
from permitdesk.rules.visitors import Stay, visitor_status
from permitdesk.sweeps.models import Flag


def raise_flag(
    *,
    kind: str,
    obj: object,
    object_id: int,
    jurisdiction: Jurisdiction,
    application: Application | None,
    due_on: dt.date,
    detail: str,
    citation: str,
    now: dt.datetime,
    action: str = "raise-flag",
    noted: dict[str, Any] | None = None,
) -> Flag | None:
    """The flag of `kind` on the object, with its audit event (`action`, recording `noted`
    besides the flag); None if it was raised before.

    Runs inside the caller's transaction (the sweep's batch, or its own when called alone).
    """
    object_type = type(obj).__name__
    with transaction.atomic():
        if Flag.objects.filter(kind=kind, object_type=object_type, object_id=object_id).exists():
            return None
        try:
            with transaction.atomic():  # two sweeps at once: the unique constraint picks one
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
        except IntegrityError:
            return None
        after = {
            "kind": kind,
            "object": f"{object_type} {object_id}",
            "due_on": due_on.isoformat(),
            **(noted or {}),
        }
        if application is not None:
            audit(
                application, actor=None, action=action, obj=flag, at=now, before=None, after=after
            )
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
    report = ChangeOfOccupancyReport.objects.select_related("unit__property__jurisdiction").get(
        pk=report_id
    )
    jurisdiction = report.unit.property.jurisdiction
    pack = get_pack(jurisdiction.slug)
    reported_on = local(pack, report.reported_at).date()
    if reported_on <= report.due_on:
        return False
    version = pack.term_version("change_report_window", report.changed_on)
    detail = (
        f"Change of occupancy on {report.changed_on.isoformat()} at {report.unit}, reported on "
        f"{reported_on.isoformat()}: {(reported_on - report.due_on).days} days after the last "
        f"day ({report.due_on.isoformat()}) of the {version.value}-day window."
    )
    flag = raise_flag(
        kind=Flag.Kind.LATE_CHANGE_REPORT,
        obj=report,
        object_id=report.pk,
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
    visitor = Visitor.objects.select_related("application__jurisdiction").get(pk=visitor_id)
    application = visitor.application
    pack = get_pack(application.jurisdiction.slug)
    today = local(pack, now).date()
    on = min(visitor.left_on or today, today)
    same_person = Visitor.objects.filter(
        application=application, name__iexact=visitor.name, arrived_on__lte=on
    )
    stays = [Stay(v.arrived_on, v.left_on) for v in same_person]
    status = visitor_status(pack, stays, on)
    if not status.notify_and_amend_permit:
        return False
    flag = raise_flag(
        kind=Flag.Kind.VISITOR_PAST_PERIOD,
        obj=visitor,
        object_id=visitor.pk,
        jurisdiction=application.jurisdiction,
        application=application,
        due_on=visitor.arrived_on + dt.timedelta(days=pack.count("visitor_period", on) - 1),
        detail=f"{visitor.name}: {status.reason}",
        citation=status.citation,
        now=now,
    )
    return flag is not None
