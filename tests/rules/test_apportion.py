"""rules.apportion: a case's payments and refunds over its fee lines, the oldest line first,
a refund taking back the last share first; the shares always sum to the entry."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from permitdesk.rules.apportion import Due, Entry, apportion

D = Decimal

# Clayton's $80 occupancy fee (line 1), St. Clair-like $35 permit fee added later (line 2).
LINES = [Due(1, D("80.00")), Due(2, D("35.00"))]


def test_one_payment_settles_the_oldest_line_first() -> None:
    # 100 = 80 (line 1) + 20 (line 2)
    assert apportion(LINES, [Entry(10, D("100.00"))]) == {10: [(1, D("80.00")), (2, D("20.00"))]}


def test_a_later_payment_settles_what_the_earlier_left() -> None:
    # 50 -> line 1; 65 = 30 (rest of line 1) + 35 (line 2)
    assert apportion(LINES, [Entry(10, D("50.00")), Entry(11, D("65.00"))]) == {
        10: [(1, D("50.00"))],
        11: [(1, D("30.00")), (2, D("35.00"))],
    }


def test_an_overpayment_leaves_a_credit() -> None:
    assert apportion(LINES, [Entry(10, D("120.00"))])[10] == [
        (1, D("80.00")),
        (2, D("35.00")),
        (None, D("5.00")),
    ]


def test_a_refund_takes_back_the_last_share_first_and_the_line_is_owed_again() -> None:
    # pay 115 (80 + 35); refund 40 = 35 (line 2) + 5 (line 1); pay 40 again: 5 line 1, 35 line 2
    shares = apportion(
        LINES,
        [Entry(10, D("115.00")), Entry(11, D("-40.00"), 10), Entry(12, D("40.00"))],
    )
    assert shares[11] == [(2, D("-35.00")), (1, D("-5.00"))]
    assert shares[12] == [(1, D("5.00")), (2, D("35.00"))]


def test_a_refund_of_a_payment_not_listed_is_a_credit_taken_back() -> None:
    assert apportion(LINES, [Entry(11, D("-10.00"), 99)]) == {11: [(None, D("-10.00"))]}


cents = st.integers(min_value=1, max_value=50_000).map(lambda c: Decimal(c) / 100)


@given(
    lines=st.lists(cents, min_size=1, max_size=4),
    payments=st.lists(cents, min_size=1, max_size=4),
    refund=st.integers(min_value=0, max_value=100),
)
def test_shares_sum_to_each_entry_and_no_line_is_paid_twice(
    lines: list[Decimal], payments: list[Decimal], refund: int
) -> None:
    dues = [Due(n, amount) for n, amount in enumerate(lines)]
    entries = [Entry(100 + n, amount) for n, amount in enumerate(payments)]
    back = (payments[0] * refund / 100).quantize(D("0.01"))
    if back > 0:
        entries.append(Entry(999, -back, 100))
    shares = apportion(dues, entries)
    for entry in entries:
        assert sum((a for _, a in shares[entry.key]), D(0)) == entry.amount
    for due in dues:
        paid = sum((a for e in shares.values() for k, a in e if k == due.key), D(0))
        assert D(0) <= paid <= due.amount
