"""cases.selectors.ledger.fee_line_shares: a case's ledger entries over its fee lines, fees by
fee payments and deposits by deposit payments, a waived line owed nothing (as the balance)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from permitdesk.cases.models import FeeLine, Payment
from permitdesk.cases.selectors.ledger import fee_line_shares
from tests.moments import central

D = Decimal
DAY = central("2026-11-16 10:00")
LATER = central("2026-12-01 10:00")


def line(pk: int, kind: str, amount: str, waived: str = "", at: dt.datetime = DAY) -> FeeLine:
    return FeeLine(pk=pk, kind=kind, amount=D(amount), waived_reason=waived, assessed_at=at)


def entry(pk: int, kind: str, amount: str, refund_of: int | None = None) -> Payment:
    return Payment(pk=pk, kind=kind, amount=D(amount), refund_of_id=refund_of, recorded_at=DAY)


def test_fees_and_deposits_are_apportioned_apart_and_a_waived_line_is_skipped() -> None:
    inspection = line(1, "fee", "75.00")
    waived = line(2, "fee", "40.00", waived="hardship")
    permit = line(3, "fee", "35.00", at=LATER)  # added after approval: settled last
    deposit = line(4, "deposit", "100.00")
    shares = fee_line_shares(
        [permit, waived, inspection, deposit],
        [
            entry(10, "fee", "100.00"),
            entry(11, "deposit", "100.00"),
            entry(12, "fee", "-10.00", 10),
        ],
    )
    assert shares == {
        10: [(inspection, D("75.00")), (permit, D("25.00"))],
        11: [(deposit, D("100.00"))],
        12: [(permit, D("-10.00"))],
    }
