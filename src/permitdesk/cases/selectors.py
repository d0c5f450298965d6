"""Reads of the case file: the clerk's work queues, each one indexed query whatever the size
of the data (the balance is the stored `balance_due`, which the services keep)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from permitdesk.cases.models import Application, Inspection, Occupant

QUEUES = (
    "new",
    "awaiting-payment",
    "ready-to-schedule",
    "awaiting-occupants",
    "ready-to-issue",
    "lapsing",
)
LAPSING_WITHIN_DAYS = 14  # how far ahead the clerk's "approvals about to lapse" looks


def clerk_queue(jurisdiction_id: int, queue: str, today: dt.date) -> QuerySet[Application]:
    """One of the clerk's queues in a jurisdiction, oldest first.

    awaiting-payment reads the partial index case_awaiting_payment (its WHERE is the same
    condition); the others read (jurisdiction, status, submitted_at)."""
    cases = Application.objects.filter(jurisdiction_id=jurisdiction_id).select_related(
        "unit__property"
    )
    unassigned = Inspection.objects.filter(
        application=OuterRef("pk"), result=Inspection.Result.PENDING, inspector__isnull=True
    )
    named = Occupant.objects.filter(application=OuterRef("pk"))
    if queue == "new":
        cases = cases.filter(status=Application.Status.SUBMITTED, inspections__isnull=True)
    elif queue == "awaiting-payment":
        cases = cases.filter(Q(balance_due__gt=0) & ~Q(status__in=Application.CLOSED))
    elif queue == "ready-to-schedule":
        cases = cases.filter(Exists(unassigned), status=Application.Status.INSPECTION_REQUESTED)
    elif queue == "awaiting-occupants":
        cases = cases.filter(~Exists(named), status=Application.Status.APPROVED)
    elif queue == "ready-to-issue":  # approved and its occupants named: the permit is next
        cases = cases.filter(Exists(named), status=Application.Status.APPROVED)
    elif queue == "lapsing":
        cases = cases.filter(
            Q(approval__valid_through__gte=today)
            & Q(approval__valid_through__lte=today + dt.timedelta(days=LAPSING_WITHIN_DAYS)),
            status=Application.Status.APPROVED,
        )
    else:
        raise ValueError(f"queue '{queue}' is not one of: {', '.join(QUEUES)}")
    return cases.order_by("submitted_at", "id")
