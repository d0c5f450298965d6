"""Receipts, read back: amount, method, receipt number, who recorded it, the balance after."""

from __future__ import annotations

from decimal import Decimal

import pytest

from permitdesk.cases.models import Payment
from permitdesk.cases.services import payments
from permitdesk.documents import render_attachment
from tests import factories
from tests.documents.pdf import text
from tests.moments import central

pytestmark = pytest.mark.django_db


def receipt(payment: Payment) -> str:
    name, data = render_attachment("receipt", payment.pk)
    assert name == f"receipt-{payment.receipt_number}.pdf"
    return text(data)


def test_each_receipt_gives_the_balance_after_its_own_payment() -> None:
    who = factories.people()
    who.clerk.first_name, who.clerk.last_name = "Cora", "Clerk"
    who.clerk.save()
    case = factories.submitted(who)  # a single-family home in Clayton: $80
    first = payments.record_payment(
        actor=who.clerk,
        application=case,
        method="visa",
        amount=Decimal("30.00"),
        now=central("2026-11-16 10:05"),
    )
    second = payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("50.00"),
        now=central("2026-11-17 14:30"),
    )
    printed = receipt(first)
    assert "CITY OF CLAYTON, MISSOURI Payment Receipt" in printed
    assert f"Receipt number {first.receipt_number}" in printed
    assert "Amount $30.00 received" in printed
    assert "Method Visa" in printed
    assert "Recorded November 16, 2026, 10:05 AM CST" in printed
    assert "Recorded by Cora Clerk" in printed
    assert "Fees assessed $80.00 Paid, less refunds $30.00 Balance due $50.00" in printed
    later = receipt(second)  # printed again later, the first receipt still says $50.00
    assert "Method Check" in later
    assert "Fees assessed $80.00 Paid, less refunds $80.00 Balance due $0.00" in later
    assert "Balance due $50.00" in receipt(first)


def test_a_refund_receipt_names_the_payment_it_refunds() -> None:
    who = factories.people()
    case = factories.submitted(who)
    paid = payments.record_payment(
        actor=who.clerk,
        application=case,
        method="check",
        amount=Decimal("80.00"),
        now=factories.MONDAY,
    )
    refund = payments.refund_payment(
        actor=who.clerk,
        payment=paid,
        amount=Decimal("20.00"),
        reason="overpaid",
        now=central("2026-11-17 09:00"),
    )
    printed = receipt(refund)
    assert "Refund Receipt" in printed
    assert "Amount $20.00 refunded" in printed
    assert f"Refund of receipt {paid.receipt_number}" in printed
    assert "Recorded by clayton-clerk" in printed
    assert "Paid, less refunds $60.00 Balance due $20.00" in printed
