"""A receipt for a payment or refund: amount, method, receipt number, who recorded it, and the
case's balance after it."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum

from permitdesk.cases.models import FeeLine, Payment
from permitdesk.cases.payment_methods import method_label
from permitdesk.documents.layout import Sheet, long_moment, pdf_bytes
from permitdesk.documents.permit import address_lines, unit_line
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import local
from permitdesk.rules.money import money

ZERO = Decimal("0.00")


def load(payment_id: int) -> Payment:
    return Payment.objects.select_related(
        "application__jurisdiction",
        "application__unit__property",
        "recorded_by",
        "refund_of",
    ).get(pk=payment_id)


def balances_after(payment: Payment) -> tuple[Decimal, Decimal]:
    """(assessed, paid) on the case's ledger of this entry's kind (fees, or refundable
    deposits, kept apart) once it was recorded: lines assessed by then and not waived, and the
    entries up to and including this one (ties broken by id)."""
    assessed = FeeLine.objects.filter(
        application_id=payment.application_id,
        kind=payment.kind,
        waived_reason="",
        assessed_at__lte=payment.recorded_at,
    ).aggregate(total=Sum("amount"))["total"]
    paid = Payment.objects.filter(
        Q(recorded_at__lt=payment.recorded_at)
        | Q(recorded_at=payment.recorded_at, pk__lte=payment.pk),
        application_id=payment.application_id,
        kind=payment.kind,
    ).aggregate(total=Sum("amount"))["total"]
    return money(Decimal(assessed or ZERO)), money(Decimal(paid or ZERO))


def _who(payment: Payment) -> str:
    person = payment.recorded_by
    return person.get_full_name() or person.get_username()


def render_receipt(payment_id: int) -> tuple[str, bytes]:
    payment = load(payment_id)
    application = payment.application
    pack = get_pack(application.jurisdiction.slug)
    at = local(pack, payment.recorded_at)
    refund = payment.amount < 0
    deposit = payment.kind == Payment.Kind.DEPOSIT
    sheet = Sheet(
        jurisdiction=pack.name,
        title=("Deposit " if deposit else "") + ("Refund Receipt" if refund else "Payment Receipt"),
        reference=payment.receipt_number,
        dated=at,
    )
    sheet.add_page()
    sheet.field("Receipt number", payment.receipt_number)
    sheet.field("Amount", f"${abs(payment.amount):,.2f}" + (" refunded" if refund else " received"))
    sheet.field("Method", method_label(payment.method))
    if payment.reference:
        sheet.field("Reference", payment.reference)
    if payment.refund_of is not None:
        sheet.field("Refund of", f"receipt {payment.refund_of.receipt_number}")
    sheet.field("Recorded", long_moment(at))
    sheet.field("Recorded by", _who(payment))
    sheet.field("Case", str(application.pk))
    sheet.field("Address", "\n".join(address_lines(application.unit)))
    sheet.field("Unit", unit_line(application.unit))
    assessed, paid = balances_after(payment)
    balance = assessed - paid
    if payment.kind == Payment.Kind.DEPOSIT:
        sheet.heading("Refundable deposits after this entry")
        rows = [
            ["Deposits assessed", f"${assessed:,.2f}"],
            ["Deposits held", f"${paid:,.2f}"],
        ]
        note = "A deposit is held apart from the fees and released by a refund."
    else:
        sheet.heading("Fees after this entry")
        rows = [
            ["Fees assessed", f"${assessed:,.2f}"],
            ["Paid, less refunds", f"${paid:,.2f}"],
            ["Balance due" if balance >= 0 else "Credit", f"${abs(balance):,.2f}"],
        ]
        note = "Fees waived by a code official are not counted; deposits are held apart."
    sheet.grid(["", "Amount"], rows, [120.0, 56.0], align=("LEFT", "RIGHT"))
    sheet.citation(note)
    return f"receipt-{payment.receipt_number}.pdf", pdf_bytes(sheet)
