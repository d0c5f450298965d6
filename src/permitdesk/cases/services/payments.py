"""Payments, refunds and fee waivers: a ledger that is appended to, never edited."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any, NotRequired, TypedDict, Unpack

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from permitdesk.cases import messages
from permitdesk.cases.actions import require_role
from permitdesk.cases.models import Application, FeeLine, Payment
from permitdesk.cases.models.applications import REFERENCE_MAX
from permitdesk.cases.selectors.ledger import balance_due, deposits_due
from permitdesk.cases.services.base import (
    audit_act,
    check_choice,
    locked,
    locked_for,
    pack_of,
    rebalance,
)
from permitdesk.rules.calendar import local
from permitdesk.rules.lifecycle import Refused, check_transition


def _receipt_number(application: Application, now: dt.datetime) -> str:
    return f"R{now:%Y%m%d}-{application.pk}-{secrets.token_hex(3).upper()}"


def _ledger_entry(application: Application, actor: User, now: dt.datetime, **entry: Any) -> Payment:
    """A new entry in the case's ledger (`entry`: its kind, method, amount...), recorded by
    `actor` now, under a receipt number of its own."""
    return Payment.objects.create(
        application=application,
        receipt_number=_receipt_number(application, now),
        recorded_by=actor,
        recorded_at=now,
        **entry,
    )


def record_payment(
    *,
    actor: User,
    application: Application,
    method: str,
    amount: Decimal,
    now: dt.datetime,
    idempotency_key: str | None = None,
    kind: str = Payment.Kind.FEE,
    reference: str = "",
) -> Payment:
    """A payment against the case's balance (kind "fee"), or of a refundable deposit it was
    assessed (kind "deposit", held apart), by a method the jurisdiction accepts, with the
    check number or card reference the clerk read off it (`reference`, optional).

    The same idempotency key twice records one payment and returns it both times.
    """
    check_choice(kind, Payment.Kind.values, field="kind")
    reference = _reference(reference)
    if idempotency_key:
        existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replayed(actor, application, existing)
    try:
        with transaction.atomic():
            application = locked_for(actor, "record-payment", application)
            pack = pack_of(application)
            on = local(pack, now).date()
            methods = (
                pack.names("payment_methods", on) if pack.has_term("payment_methods") else None
            )
            if methods is not None and method not in methods:
                raise Refused(
                    f"method '{method}' is not accepted by {pack.name}: "
                    f"one of: {', '.join(methods)}",
                    pack.cite(pack.term_version("payment_methods", on).citation),
                    code="choice",
                    field="method",
                )
            if amount <= 0:
                raise Refused("amount must be more than 0.00", code="not-positive", field="amount")
            deposit = kind == Payment.Kind.DEPOSIT
            limit = deposits_due(application) if deposit else balance_due(application)
            if amount > limit:
                what = " in deposits" if deposit else ""
                raise Refused(
                    f"amount {amount} is more than the {limit} due{what}",
                    code="more-than-due",
                    field="amount",
                )
            payment = _write_payment(
                application, actor, method, amount, kind, idempotency_key or None, now, reference
            )
    except IntegrityError:
        if idempotency_key:
            return _replayed(
                actor, application, Payment.objects.get(idempotency_key=idempotency_key)
            )
        raise
    return payment


def _reference(value: str) -> str:
    """The check number or card reference, trimmed: printable, at most REFERENCE_MAX
    characters; a refusal naming the field otherwise."""
    found = value.strip()
    if len(found) > REFERENCE_MAX:
        raise Refused(
            f"reference is {len(found)} characters long: at most {REFERENCE_MAX}",
            code="too-long",
            field="reference",
        )
    if not found.isprintable():
        raise Refused(
            "reference may hold letters, digits, spaces and punctuation only",
            code="invalid",
            field="reference",
        )
    return found


def _write_payment(
    application: Application,
    actor: User,
    method: str,
    amount: Decimal,
    kind: str,
    idempotency_key: str | None,
    now: dt.datetime,
    reference: str = "",
) -> Payment:
    """The ledger entry, its audit event, the new balance and the receipt e-mail; the caller
    holds the case's lock and has checked who may record it."""
    payment = _ledger_entry(
        application,
        actor,
        now,
        kind=kind,
        method=method,
        amount=amount,
        idempotency_key=idempotency_key,
        reference=reference,
    )
    before = {"balance_due": str(application.balance_due)}
    after = {
        "balance_due": str(rebalance(application)),
        "amount": str(amount),
        "method": method,
        "kind": kind,
        **({"reference": reference} if reference else {}),
    }
    audit_act(application, actor, "record-payment", payment, now, before=before, after=after)
    messages.receipt(payment, at=now)
    return payment


def record_online_payment(
    *,
    payer: User,
    application: Application,
    method: str,
    amount: Decimal,
    reference: str,
    now: dt.datetime,
) -> Payment | None:
    """A payment the jurisdiction's provider confirmed (a verified event or a verified read):
    no clerk records it, so no desk role is asked; `payer` is who started the checkout. Runs
    inside the caller's transaction, which holds the checkout's lock.

    None, and nothing written, where the case can no longer take it (withdrawn, or the amount
    is more than is due): the caller marks the money as a refund owed. One `reference` (the
    provider's payment) records one payment, however often it is delivered.
    """
    key = f"online:{reference}"
    existing = Payment.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    application = locked(application)
    if not _admits("record-payment", application.status):
        return None
    if amount <= 0 or amount > balance_due(application):
        return None
    return _write_payment(application, payer, method, amount, Payment.Kind.FEE, key, now)


def _admits(transition: str, status: str) -> bool:
    try:
        check_transition(transition, status)
    except Refused:
        return False
    return True


def _replay(actor: User, action: str, existing: Payment, asked_for: bool) -> Payment:
    """The ledger entry a repeated request recorded, where it is the one this request asks for
    (`asked_for`) and `actor` may still take `action` on its case (its status may have moved
    on since, so the role is asked, not the status)."""
    if not asked_for:
        raise Refused(
            "this idempotency key was used for another payment",
            code="key-reused",
            field="idempotency_key",
        )
    require_role(actor, action, existing.application)
    return existing


def _replayed(actor: User, application: Application, existing: Payment) -> Payment:
    """The payment a repeated request recorded, if this caller asked for it on this case."""
    return _replay(actor, "record-payment", existing, existing.application_id == application.pk)


def waive_fee(*, actor: User, fee_line: FeeLine, reason: str, now: dt.datetime) -> FeeLine:
    """A code official waives one fee line, saying why."""
    if not reason.strip():
        raise Refused("a waiver needs a reason", code="required", field="reason")
    with transaction.atomic():
        application = locked_for(actor, "waive-fee", fee_line.application)
        fee_line = FeeLine.objects.select_for_update().get(pk=fee_line.pk)
        if fee_line.waived_reason:
            raise Refused("this fee is already waived", code="waived")
        fee_line.waived_reason = reason.strip()
        fee_line.save(update_fields=["waived_reason"])
        before = {"amount_due": str(fee_line.amount), "balance_due": str(application.balance_due)}
        after = {
            "amount_due": "0.00",
            "reason": fee_line.waived_reason,
            "balance_due": str(rebalance(application)),
        }
        audit_act(application, actor, "waive-fee", fee_line, now, before=before, after=after)
    return fee_line


class RefundRequest(TypedDict):
    """A clerk's refund of a payment, as refund_payment (the ledger's) and
    payments.refunds.refund (at the provider first, for a payment taken online) take it."""

    actor: User
    payment: Payment
    amount: Decimal
    reason: str
    now: dt.datetime
    idempotency_key: NotRequired[str | None]


def refund_payment(**request: Unpack[RefundRequest]) -> Payment:
    """A refund (a negative ledger entry) against a payment: an overpayment, a released
    deposit, a waived fee already paid.

    The same idempotency key twice records one refund and returns it both times (a form sent
    twice, a provider's confirmation replayed)."""
    actor, payment, reason = request["actor"], request["payment"], request["reason"]
    amount, now, idempotency_key = request["amount"], request["now"], request.get("idempotency_key")
    if not reason.strip():
        raise Refused("a refund needs a reason", code="required", field="reason")
    if idempotency_key:
        existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replayed_refund(actor, payment, existing)
    try:
        return _refund(actor, payment, amount, reason, now, idempotency_key or None)
    except IntegrityError:
        if idempotency_key:
            existing = Payment.objects.get(idempotency_key=idempotency_key)
            return _replayed_refund(actor, payment, existing)
        raise


def _replayed_refund(actor: User, payment: Payment, existing: Payment) -> Payment:
    """The refund a repeated request recorded, if this caller asked for it of this payment."""
    return _replay(actor, "refund-payment", existing, existing.refund_of_id == payment.pk)


def _refund(
    actor: User,
    payment: Payment,
    amount: Decimal,
    reason: str,
    now: dt.datetime,
    idempotency_key: str | None,
) -> Payment:
    with transaction.atomic():
        application = locked_for(actor, "refund-payment", payment.application)
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.refund_of_id is not None or payment.amount <= 0:
            raise Refused(
                "only a payment can be refunded, not a refund", code="refund", field="payment"
            )
        refunded = -sum((r.amount for r in payment.refunds.all()), Decimal(0))
        if amount <= 0 or amount > payment.amount - refunded:
            raise Refused(
                f"amount must be more than 0.00 and at most {payment.amount - refunded}",
                code="more-than-paid",
                field="amount",
            )
        refund = _ledger_entry(
            application,
            actor,
            now,
            kind=payment.kind,
            method=payment.method,
            amount=-amount,
            refund_of=payment,
            idempotency_key=idempotency_key,
        )
        before = {
            "payment": payment.receipt_number,
            "refunded": str(refunded),
            "balance_due": str(application.balance_due),
        }
        after = {
            "refunded": str(refunded + amount),
            "reason": reason.strip(),
            "balance_due": str(rebalance(application)),
        }
        audit_act(application, actor, "refund-payment", refund, now, before=before, after=after)
        messages.refund_notice(refund, reason=reason.strip(), at=now)
    return refund
