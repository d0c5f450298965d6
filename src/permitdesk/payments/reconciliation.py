"""Reconciliation for finance: a day's online payments and refunds of one jurisdiction, from
the ledger, by fee line (each entry apportioned over its case's fee lines as
cases.selectors.ledger.fee_line_shares does), matched to the provider's payouts by the
provider's payment id and amount, and what is left unmatched on either side. Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.ledger import fee_line_shares
from permitdesk.law.loader import get_pack
from permitdesk.payments.config import provider_for
from permitdesk.payments.models import Checkout
from permitdesk.payments.providers.base import PayoutLine, ProviderError
from permitdesk.rules.calendar import zone

COLUMNS = (
    "day",
    "jurisdiction",
    "case",
    "receipt",
    "kind",
    "fee_line",
    "fee_item",
    "amount",
    "entry_amount",
    "provider_payment",
    "payout",
    "matched",
)
CREDIT = "credit (no fee line)"  # what a payment paid beyond the case's fee lines


@dataclass(frozen=True)
class Row:
    """One ledger entry's share of one fee line (rules.apportion), or a payout line no entry
    matches: `amount` is the share, `entry_amount` the whole entry the payout carried."""

    day: dt.date
    jurisdiction: str
    case: int | None
    receipt: str
    kind: str  # payment, refund; payout-only for a payout line no ledger entry matches
    fee_line: str
    fee_item: str
    amount: Decimal
    entry_amount: Decimal
    provider_payment: str
    payout: str
    matched: bool

    def values(self) -> list[str]:
        return [
            self.day.isoformat(),
            self.jurisdiction,
            "" if self.case is None else str(self.case),
            self.receipt,
            self.kind,
            self.fee_line,
            self.fee_item,
            f"{self.amount:.2f}",
            f"{self.entry_amount:.2f}",
            self.provider_payment,
            self.payout,
            "yes" if self.matched else "no",
        ]


def totals(rows: list[Row]) -> list[tuple[str, str, Decimal]]:
    """The day's net by fee line (label, fee item, amount), in the order first seen: the
    report's summary for finance."""
    summed: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        if row.kind != "payout-only":
            key = (row.fee_line, row.fee_item)
            summed[key] = summed.get(key, Decimal("0.00")) + row.amount
    return [(label, item, amount) for (label, item), amount in summed.items()]


def reconcile(jurisdiction_slug: str, day: dt.date, payout_days: int = 7) -> list[Row]:
    """The online ledger entries recorded on `day` (the jurisdiction's own day), each with the
    payout line that carried it (payouts arriving from `day` through `payout_days` later), then
    the payout lines of that window that match no ledger entry. ProviderError where the
    jurisdiction has no provider or its payouts cannot be read."""
    provider = provider_for(jurisdiction_slug)
    if provider is None:
        raise ProviderError(f"{jurisdiction_slug} takes no payment online")
    tz = zone(get_pack(jurisdiction_slug))
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    lines = provider.payout_lines(start, start + dt.timedelta(days=payout_days + 1))
    open_lines: list[PayoutLine] = list(lines)
    rows: list[Row] = []
    for entry, intent in _ledger(jurisdiction_slug, start, start + dt.timedelta(days=1)):
        line = next(
            (x for x in open_lines if x.payment_id == intent and x.amount == entry.amount), None
        )
        if line is not None:
            open_lines.remove(line)
        shares = fee_line_shares(
            entry.application.fee_lines.all(), entry.application.payments.all()
        )
        for fee_line, share in shares.get(entry.pk, [(None, entry.amount)]):
            rows.append(
                Row(
                    day=day,
                    jurisdiction=jurisdiction_slug,
                    case=entry.application_id,
                    receipt=entry.receipt_number,
                    kind="refund" if entry.refund_of_id else "payment",
                    fee_line=CREDIT if fee_line is None else fee_line.label,
                    fee_item="" if fee_line is None else fee_line.fee_item,
                    amount=share,
                    entry_amount=entry.amount,
                    provider_payment=intent,
                    payout="" if line is None else line.payout_id,
                    matched=line is not None,
                )
            )
    known = {(intent, e.amount) for e, intent in _ledger(jurisdiction_slug, None, None)}
    for line in open_lines:
        if (line.payment_id, line.amount) in known:
            continue  # another day's entry, reconciled on that day's report
        rows.append(_payout_only(day, jurisdiction_slug, line))
    return rows


def _payout_only(day: dt.date, jurisdiction_slug: str, line: PayoutLine) -> Row:
    """A payout line no ledger entry matches: no case, receipt or fee line."""
    return Row(
        day=day,
        jurisdiction=jurisdiction_slug,
        case=None,
        receipt="",
        kind="payout-only",
        fee_line="",
        fee_item="",
        amount=line.amount,
        entry_amount=line.amount,
        provider_payment=line.payment_id,
        payout=line.payout_id,
        matched=False,
    )


def _ledger(
    slug: str, since: dt.datetime | None, until: dt.datetime | None
) -> list[tuple[Payment, str]]:
    """The online payments and their refunds, with the provider's payment id of each."""
    checkouts = Checkout.objects.filter(
        application__jurisdiction__slug=slug, payment__isnull=False
    ).exclude(provider_payment_id="")
    intents: dict[int, str] = {
        c.payment_id: c.provider_payment_id for c in checkouts if c.payment_id is not None
    }
    entries = Payment.objects.filter(pk__in=intents) | Payment.objects.filter(
        refund_of_id__in=intents
    )
    if since is not None and until is not None:
        entries = entries.filter(recorded_at__gte=since, recorded_at__lt=until)
    found = entries.select_related("application").prefetch_related(
        "application__fee_lines", "application__payments"
    )
    return [
        (e, intents[e.refund_of_id if e.refund_of_id else e.pk])
        for e in found.order_by("recorded_at", "pk")
    ]
