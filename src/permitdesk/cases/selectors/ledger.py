"""A case's money and room, as the services and the pages read them: the balance the ledger
gives, the stored balance, the deposits still due, the most occupants its bedrooms allow.
The services store the balance (cases.services.base.rebalance); everything here only reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from permitdesk.cases.models import Application, FeeLine, Payment
from permitdesk.law.pack import Pack
from permitdesk.rules.apportion import Due, Entry, apportion
from permitdesk.rules.money import money
from permitdesk.rules.occupancy import Bedroom, occupancy

ZERO = Decimal("0.00")


def _total(entries: QuerySet[FeeLine] | QuerySet[Payment]) -> Decimal:
    return money(Decimal(entries.aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]))


def ledger_balance(application: Application) -> Decimal:
    """The balance the ledger gives: fees not waived, less fee payments and their refunds.
    Deposits stay apart on both sides: a deposit held is not a fee paid."""
    fees = FeeLine.objects.filter(application=application, kind="fee", waived_reason="")
    paid = Payment.objects.filter(application=application, kind=Payment.Kind.FEE)
    return _total(fees) - _total(paid)


def deposits_due(application: Application) -> Decimal:
    """Refundable deposits assessed and not waived, less the deposits paid (a deposit released
    later is not due again)."""
    lines = FeeLine.objects.filter(application=application, kind="deposit", waived_reason="")
    held = Payment.objects.filter(
        application=application, kind=Payment.Kind.DEPOSIT, refund_of__isnull=True
    )
    return max(_total(lines) - _total(held), ZERO)


def balance_due(application: Application) -> Decimal:
    """What the applicant still owes in fees (a credit owes nothing): the stored balance, read
    from the row (the caller's instance may predate the last change)."""
    stored = Application.objects.values_list("balance_due", flat=True).get(pk=application.pk)
    return max(money(Decimal(stored)), ZERO)


def fee_line_shares(
    lines: Iterable[FeeLine], entries: Iterable[Payment]
) -> dict[int, list[tuple[FeeLine | None, Decimal]]]:
    """Each ledger entry's shares of the case's fee lines (rules.apportion), from its lines and
    entries already read: fees settled by fee payments, deposits by deposit payments, the
    oldest line first; a waived line is owed nothing (as in ledger_balance); None, a credit."""
    lines, entries = list(lines), list(entries)
    found: dict[int, list[tuple[FeeLine | None, Decimal]]] = {}
    for kind in (Payment.Kind.FEE, Payment.Kind.DEPOSIT):
        owed = sorted(
            (ln for ln in lines if ln.kind == kind and not ln.waived_reason),
            key=lambda ln: (ln.assessed_at, ln.pk),
        )
        paid = sorted((e for e in entries if e.kind == kind), key=lambda e: (e.recorded_at, e.pk))
        named = {ln.pk: ln for ln in owed}
        shares = apportion(
            [Due(ln.pk, ln.amount) for ln in owed],
            [Entry(e.pk, e.amount, e.refund_of_id) for e in paid],
        )
        for entry, parts in shares.items():
            found[entry] = [(None if key is None else named[key], amount) for key, amount in parts]
    return found


def max_occupants(pack: Pack, application: Application, on: dt.date) -> int | None:
    rooms = [
        Bedroom(b.area_sqft, b.smoke_alarm, b.basement, b.egress_opening_sqft)
        for b in application.unit.bedrooms.all()
    ]
    if not rooms:
        return None
    return occupancy(pack, rooms, on).max_occupants
