"""What each action of the sweep looks at: the ids of the rows that may be due, per
jurisdiction, as of the jurisdiction's today. A finder may return more than is due (the
action's service checks again under the row lock); it must not miss any."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from permitdesk.cases.models import Application, Approval, ChangeOfOccupancyReport, Permit, Visitor
from permitdesk.law.pack import Pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import zone
from permitdesk.sweeps.approvals import REMINDER_LEAD, reminder_kind
from permitdesk.sweeps.models import Flag
from permitdesk.sweeps.permits import CERTIFICATES, INTERIM, NOTICE_LEAD

Rows = QuerySet[Any]


def _flagged(model: type[Any], kind: str) -> Exists:
    """A subquery true when the row already has its flag of `kind` (for .exclude)."""
    return Exists(
        Flag.objects.filter(kind=kind, object_type=model.__name__, object_id=OuterRef("pk"))
    )


def interim_permits(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    certificate = Permit.objects.filter(application=OuterRef("application"), kind__in=CERTIFICATES)
    return Permit.objects.filter(
        application__jurisdiction=j, ended_at=None, kind__in=INTERIM
    ).filter(Exists(certificate))


def permits_past_term(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    return Permit.objects.filter(application__jurisdiction=j, ended_at=None, ends_on__lt=today)


def approvals_past_window(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    return Application.objects.filter(
        jurisdiction=j, status=Application.Status.APPROVED, approval__valid_through__lt=today
    )


def _ending_within_lead(
    rows: Rows, last_day: str, pack: Pack, lead_term: str, today: dt.date, kind: str
) -> Rows:
    """The rows whose `last_day` is from today to the pack's lead (`lead_term`, in days) ahead,
    not yet flagged with `kind`; none where the pack has no such lead."""
    if not pack.has_term(lead_term):
        return rows.none()
    lead = dt.timedelta(days=pack.count(lead_term, today))
    return rows.filter(**{f"{last_day}__gte": today, f"{last_day}__lte": today + lead}).exclude(
        _flagged(rows.model, kind)
    )


def approvals_to_remind(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    approved = Approval.objects.filter(
        application__jurisdiction=j, application__status=Application.Status.APPROVED
    )
    return _ending_within_lead(
        approved, "valid_through", pack, REMINDER_LEAD, today, reminder_kind(pack)
    )


def permits_ending_soon(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    running = Permit.objects.filter(application__jurisdiction=j, ended_at=None)
    return _ending_within_lead(
        running, "ends_on", pack, NOTICE_LEAD, today, Flag.Kind.PERMIT_ENDING_NOTICE
    )


def late_change_reports(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    """Reports made after their last day (both the jurisdiction's days)."""
    if not pack.has_term("change_report_window"):
        return ChangeOfOccupancyReport.objects.none()
    return ChangeOfOccupancyReport.objects.filter(
        unit__property__jurisdiction=j, reported_on__gt=F("due_on")
    ).exclude(_flagged(ChangeOfOccupancyReport, Flag.Kind.LATE_CHANGE_REPORT))


def visitors_to_check(j: Jurisdiction, pack: Pack, today: dt.date) -> Rows:
    """Visitors whose stay reached the visiting period's length, and those who came back for
    another stay in the same calendar year (the rule, visitor_status, decides)."""
    if not pack.has_term("visitor_period"):
        return Visitor.objects.none()
    period = dt.timedelta(days=pack.count("visitor_period", today))
    stayed = ExpressionWrapper(F("left_on") - F("arrived_on"), output_field=DurationField())
    again = Visitor.objects.filter(
        application=OuterRef("application"),
        name__iexact=OuterRef("name"),
        arrived_on__year=ExtractYear(OuterRef("arrived_on")),
        arrived_on__lt=OuterRef("arrived_on"),
    )
    return (
        Visitor.objects.filter(application__jurisdiction=j, arrived_on__lte=today)
        .annotate(stayed=stayed)
        .filter(
            Q(arrived_on__lte=today - period, left_on=None)
            | Q(arrived_on__lte=today - period, stayed__gte=period)
            | Q(Exists(again))
        )
        .exclude(_flagged(Visitor, Flag.Kind.VISITOR_PAST_PERIOD))
    )


def ids(rows: Rows, pack: Pack, page: int) -> Iterator[list[int]]:
    """The rows' ids in ascending pages of at most `page`, each page one keyset query (no
    list of all rows, no cursor held across the batches' commits)."""
    last = 0
    while True:
        with timezone.override(zone(pack)):
            found = list(
                rows.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:page]
            )
        if not found:
            return
        yield found
        last = found[-1]
