"""Reads of the case file: the clerk's work queue and case lists, each a bounded number of
queries whatever the size of the data (balances come from subqueries, not per-row lookups)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from permitdesk.cases.models import Application, FeeLine, Inspection, Occupant, Payment

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)

QUEUES = ("new", "awaiting-payment", "ready-to-schedule", "awaiting-occupants", "lapsing")
LAPSING_WITHIN_DAYS = 14  # how far ahead the clerk's "approvals about to lapse" looks


def _sum(qs: QuerySet[FeeLine] | QuerySet[Payment]) -> Subquery:
    return Subquery(
        qs.values("application").annotate(total=Sum("amount")).values("total")[:1],
        output_field=MONEY,
    )


def with_balance(qs: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate `fees`, `paid` and `balance` (fees not waived, less payments) on each case."""
    fees = FeeLine.objects.filter(application=OuterRef("pk"), kind="fee", waived_reason="")
    payments = Payment.objects.filter(application=OuterRef("pk"))
    return qs.annotate(
        fees=Coalesce(_sum(fees), ZERO), paid=Coalesce(_sum(payments), ZERO)
    ).annotate(balance=F("fees") - F("paid"))


def clerk_queue(jurisdiction_id: int, queue: str, today: dt.date) -> QuerySet[Application]:
    """One of the clerk's queues in a jurisdiction, oldest first."""
    cases = with_balance(
        Application.objects.filter(jurisdiction_id=jurisdiction_id).select_related("unit__property")
    )
    unassigned = Inspection.objects.filter(
        application=OuterRef("pk"), result=Inspection.Result.PENDING, inspector__isnull=True
    )
    named = Occupant.objects.filter(application=OuterRef("pk"))
    if queue == "new":
        cases = cases.filter(status=Application.Status.SUBMITTED, inspections__isnull=True)
    elif queue == "awaiting-payment":
        cases = cases.filter(Q(balance__gt=0)).exclude(  # Q: an annotation the stubs cannot see
            status__in=[
                Application.Status.WITHDRAWN,
                Application.Status.LAPSED,
                Application.Status.ENDED,
            ]
        )
    elif queue == "ready-to-schedule":
        cases = cases.filter(Exists(unassigned), status=Application.Status.INSPECTION_REQUESTED)
    elif queue == "awaiting-occupants":
        cases = cases.filter(~Exists(named), status=Application.Status.APPROVED)
    elif queue == "lapsing":
        cases = cases.filter(
            Q(approval__valid_through__gte=today)
            & Q(approval__valid_through__lte=today + dt.timedelta(days=LAPSING_WITHIN_DAYS)),
            status=Application.Status.APPROVED,
        )
    else:
        raise ValueError(f"queue '{queue}' is not one of: {', '.join(QUEUES)}")
    return cases.order_by("submitted_at", "id")
