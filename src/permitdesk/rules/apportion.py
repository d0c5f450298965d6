"""Which fee lines a case's payments paid: the ledger keeps one balance per case (fees not
waived less payments), so a payment is apportioned to the lines it settled, by one rule the
reconciliation report and any reader share (decision 0014, "Apportioning").

A payment settles the case's lines in the order they were assessed (the application's fees
first, a fee added later, such as St. Clair's $35 permit fee after approval or the village's
$40 third inspection, after them), each line for what earlier payments left of it; what is left
over pays no line (a credit, `None`). A refund takes back from the shares of the payment it
refunds, the last share first (a credit before a line), and the line is owed again. Pure:
amounts in, shares out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Due:
    """A fee line of the case, in assessment order: its key and amount."""

    key: int
    amount: Decimal


@dataclass(frozen=True)
class Entry:
    """A ledger entry in the ledger's order: a payment (amount > 0) or a refund of
    `refund_of` (amount < 0)."""

    key: int
    amount: Decimal
    refund_of: int | None = None


Share = tuple[int | None, Decimal]  # (the fee line's key, or None for a credit; the amount)


def apportion(dues: Sequence[Due], entries: Sequence[Entry]) -> dict[int, list[Share]]:
    """Each entry's shares, summing to its amount (a refund's are negative)."""
    left = {due.key: due.amount for due in dues}
    held: dict[int, list[Share]] = {}  # what each payment still holds, after its refunds
    shares: dict[int, list[Share]] = {}
    for entry in entries:
        if entry.refund_of is None:
            shares[entry.key] = _settle(left, entry.amount)
            held[entry.key] = list(shares[entry.key])
        else:
            shares[entry.key] = _take_back(left, held.get(entry.refund_of, []), -entry.amount)
    return shares


def _settle(left: dict[int, Decimal], amount: Decimal) -> list[Share]:
    parts: list[Share] = []
    for key, owed in left.items():
        if amount <= ZERO:
            break
        take = min(owed, amount)
        if take > ZERO:
            parts.append((key, take))
            left[key] = owed - take
            amount -= take
    if amount > ZERO:
        parts.append((None, amount))
    return parts


def _take_back(left: dict[int, Decimal], holding: list[Share], amount: Decimal) -> list[Share]:
    parts: list[Share] = []
    while amount > ZERO and holding:
        key, had = holding.pop()
        take = min(had, amount)
        if had > take:
            holding.append((key, had - take))
        if key is not None:
            left[key] += take
        parts.append((key, -take))
        amount -= take
    if amount > ZERO:  # more than the payment still held (not in these entries): a credit
        parts.append((None, -amount))
    return parts
