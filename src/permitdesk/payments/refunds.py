"""Refunds of online payments, at the provider first: a clerk's refund of a payment taken
online (recorded when the provider confirms it, at once or from its refund event: a refund it
reports pending is held, payments.ProviderRefund), and a refund owed (an online payment the
case could not take). Each writes in one transaction with its audit event; the ledger's refund
(and its e-mail) is the case service's (cases.services.payments.refund_payment)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from functools import partial
from typing import Unpack

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden, NotFound
from permitdesk.audit.services import record
from permitdesk.cases import messages
from permitdesk.cases.actions import require
from permitdesk.cases.models import Application, Payment
from permitdesk.cases.services.base import audit
from permitdesk.cases.services.payments import RefundRequest, refund_payment
from permitdesk.payments.config import provider_for
from permitdesk.payments.models import Checkout, ProviderRefund
from permitdesk.payments.providers.base import ProviderError, RefundResult, RefundState
from permitdesk.rules.lifecycle import Refused


def refund(**request: Unpack[RefundRequest]) -> Payment | ProviderRefund:
    """A clerk's refund of a payment. A payment taken online is refunded at the provider
    first, with the idempotency key (a form sent twice refunds once there too), and recorded
    in the ledger when the provider confirms it: at once where it reports it succeeded, else
    held pending (the ProviderRefund returned) until its refund event; any other payment is a
    counter refund."""
    actor, payment, amount = request["actor"], request["payment"], request["amount"]
    reason, now, idempotency_key = request["reason"], request["now"], request.get("idempotency_key")
    # The ledger's refund (the case service's), by this clerk, for this reason.
    ledger = partial(refund_payment, actor=actor, payment=payment, reason=reason, now=now)
    checkout = Checkout.objects.filter(payment=payment).first()
    if checkout is None or not checkout.provider_payment_id:
        return ledger(amount=amount, idempotency_key=idempotency_key)
    key = idempotency_key or f"refund-{checkout.reference}-{secrets.token_hex(8)}"
    ledger_key = f"online-refund:{key}"
    held = ProviderRefund.objects.filter(ledger_key=ledger_key).first()
    if held is not None and held.ledger_refund_id is None:
        require(actor, "refund-payment", payment.application)
        return held  # a replay of a refund the provider reported pending: held once
    if Payment.objects.filter(idempotency_key=ledger_key).exists():  # a replay: recorded
        return ledger(amount=amount, idempotency_key=ledger_key)
    application = payment.application
    require(actor, "refund-payment", application)
    if not reason.strip():
        raise Refused("a refund needs a reason", code="required", field="reason")
    _refuse_while_pending(payment)
    left = payment.amount + sum((r.amount for r in payment.refunds.all()), Decimal(0))
    if amount <= 0 or amount > left:
        raise Refused(
            f"amount must be more than 0.00 and at most {left}",
            code="more-than-paid",
            field="amount",
        )
    made = _refunded_at_provider(
        application,
        checkout.provider_payment_id,
        amount,
        key,
        missing="this payment was taken online, and its provider is no longer set",
    )
    if made.status == "pending":
        return _hold_refund(
            checkout, payment, made, actor=actor, reason=reason, ledger_key=ledger_key, now=now
        )
    return ledger(amount=made.amount, idempotency_key=ledger_key)


def _refuse_while_pending(payment: Payment) -> None:
    """Refuse another refund of a payment while one asked of the provider is pending: what
    is left to refund is not known until it settles (it may fail), and a refund recorded
    meanwhile would make the ledger refuse the pending one when it succeeds."""
    asked = ProviderRefund.objects.filter(payment=payment, status=ProviderRefund.Status.PENDING)
    held = asked.order_by("requested_at").first()
    if held is not None:
        asked_on = timezone.localtime(held.requested_at).date()
        raise Refused(
            f"a refund of ${held.amount:,.2f} of this payment, asked of the payment provider "
            f"on {asked_on}, is still pending: it is recorded here when the provider confirms "
            "it; refund again after that",
            code="refund-pending",
            field="payment",
        )


def _refunded_at_provider(
    application: Application,
    payment_id: str,
    amount: Decimal,
    key: str,
    *,
    missing: str,
) -> RefundResult:
    """A refund made at the jurisdiction's provider, succeeded or pending; refused (nothing
    written here) when the provider is gone, refuses it, or reports it failed."""
    provider = provider_for(application.jurisdiction.slug)
    if provider is None:
        raise Refused(f"{missing}: refund it at the provider", code="no-provider")
    try:
        made = provider.refund(payment_id, amount, idempotency_key=key)
    except ProviderError as error:
        raise Refused(str(error), code="provider") from error
    if made.status == "failed":
        raise Refused("the payment provider reports the refund failed", code="provider")
    return made


def _hold_refund(
    checkout: Checkout,
    payment: Payment,
    made: RefundResult,
    *,
    actor: User,
    reason: str,
    ledger_key: str,
    now: dt.datetime,
) -> ProviderRefund:
    """The provider took the refund but reports it pending: held, with its audit event, for
    its refund event to settle (take_event); not in the ledger yet."""
    application = payment.application
    with transaction.atomic():
        held, created = ProviderRefund.objects.get_or_create(
            provider=checkout.provider,
            provider_refund_id=made.id,
            defaults={
                "checkout": checkout,
                "payment": payment,
                "amount": made.amount,
                "reason": reason.strip(),
                "ledger_key": ledger_key,
                "requested_by": actor,
                "requested_at": now,
            },
        )
        if created:
            _audit(held, application, "request-online-refund", actor=actor, now=now, before=None)
    return held


def _refund_state(held: ProviderRefund) -> dict[str, object]:
    return {
        "status": held.status,
        "amount": str(held.amount),
        "refund": held.provider_refund_id,
        "payment": held.payment_id,
        "note": held.note,
    }


def _audit(
    held: ProviderRefund,
    application: Application,
    action: str,
    *,
    actor: User | None,
    now: dt.datetime,
    before: dict[str, object] | None,
) -> None:
    """The audit event of a change to a refund held at the provider, filed under its case:
    the refund's state after the change."""
    after = _refund_state(held)
    audit(application, actor=actor, action=action, obj=held, at=now, before=before, after=after)


def settle_refund(
    provider: str, jurisdiction_slug: str, state: RefundState, now: dt.datetime
) -> ProviderRefund | None:
    """What the provider's refund event says of a refund held pending, once: succeeded → the
    ledger's refund (its audit event and e-mail, by the clerk who asked); failed → that state
    (nothing refunded). A later word on a settled refund (a duplicate, a reordered event)
    changes nothing; a refund not held here (a succeeded one, recorded when it was made) too."""
    held = (
        ProviderRefund.objects.select_for_update()
        .select_related("checkout__application__jurisdiction", "payment", "requested_by")
        .filter(provider=provider, provider_refund_id=state.id)
        .first()
    )
    if held is None or held.checkout.application.jurisdiction.slug != jurisdiction_slug:
        return None
    if held.status != ProviderRefund.Status.PENDING or state.status == "pending":
        return held
    before = _refund_state(held)
    if state.status == "succeeded":
        try:
            with transaction.atomic():
                held.ledger_refund = refund_payment(
                    actor=held.requested_by,
                    payment=held.payment,
                    amount=held.amount,
                    reason=held.reason,
                    now=now,
                    idempotency_key=held.ledger_key,
                )
        except (Refused, Forbidden, NotFound) as error:
            # The money is back with the payer, but the ledger refuses the entry now (the
            # clerk's role revoked, a counter refund recorded meanwhile): the event is taken
            # (no endless redelivery) and the clerk sees why on the fees panel.
            held.note = f"refunded at the provider, not recorded here: {error}"[:300]
        held.status = ProviderRefund.Status.SUCCEEDED
    else:
        held.status = ProviderRefund.Status.FAILED
    held.settled_at = now
    held.save(update_fields=["ledger_refund", "status", "settled_at", "note"])
    _audit(
        held, held.checkout.application, "settle-online-refund", actor=None, now=now, before=before
    )
    return held


def refund_owed(*, actor: User, checkout: Checkout, now: dt.datetime) -> Checkout:
    """A clerk refunds, at the provider, an online payment the case could not take (a refund
    owed): the whole amount, keyed by the checkout so a second click refunds once; the
    checkout marked refunded, its audit event, and an e-mail to the applicant."""
    application = checkout.application
    require(actor, "refund-payment", application)
    if checkout.status != Checkout.Status.REFUND_OWED:
        raise Refused(
            f"this online payment is {checkout.status}, not a refund owed",
            code="status",
            field="checkout",
        )
    made = _refunded_at_provider(
        application,
        checkout.provider_payment_id,
        checkout.amount,
        f"owed-{checkout.reference}",
        missing="the jurisdiction's payment provider is no longer set",
    )
    if made.status != "succeeded":  # the whole amount, owed: the clerk sees it refunded first
        raise Refused(
            f"the payment provider reports the refund {made.status}: refresh this page later "
            "and refund it again (the provider refunds it once)",
            code="provider-pending",
        )
    with transaction.atomic():
        checkout = Checkout.objects.select_for_update().get(pk=checkout.pk)
        if checkout.status != Checkout.Status.REFUND_OWED:
            return checkout  # refunded by a click a moment ago (the provider refunded once)
        checkout.status = Checkout.Status.REFUNDED
        checkout.save(update_fields=["status"])
        record(
            actor=actor,
            action="refund-owed-online-payment",
            obj=checkout,
            at=now,
            before={"status": Checkout.Status.REFUND_OWED},
            after={"status": checkout.status, "amount": str(made.amount), "refund": made.id},
            application_id=application.pk,
            jurisdiction_slug=application.jurisdiction.slug,
        )
        messages.online_refund(
            application,
            reference=checkout.reference,
            amount=made.amount,
            note=checkout.note,
            at=now,
        )
    return checkout
