"""Stripe, through its official SDK: hosted Checkout Sessions, webhooks verified by
`stripe.Webhook.construct_event` (signature and timestamp tolerance), refunds with an
idempotency key. Amounts go to Stripe in cents and come back from it in cents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import stripe
from stripe._base_address import BaseAddresses

from permitdesk.payments.providers.base import (
    BadEvent,
    CheckoutRequest,
    Event,
    HostedCheckout,
    PaymentState,
    PayoutLine,
    Provider,
    ProviderError,
    RefundResult,
    RefundState,
)

CENT = Decimal("0.01")

# The checkout events whose object is a Checkout Session (docs.stripe.com/api/events/types).
SESSION_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
}

# The refund events whose object is a Refund: refund.* since API version 2024-10-28 (the SDK's
# stripe.events), charge.refund.updated before it; an endpoint may be subscribed to either.
REFUND_EVENTS = {"refund.created", "refund.updated", "refund.failed", "charge.refund.updated"}
# Stripe's refund statuses (pending, requires_action, succeeded, failed, canceled) as ours.
REFUND_STATUS = {"succeeded": "succeeded", "failed": "failed", "canceled": "failed"}


def refund_state(obj: Any) -> RefundState:
    found: dict[str, Any] = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    return RefundState(
        id=str(found["id"]),
        status=REFUND_STATUS.get(str(found.get("status")), "pending"),
        amount=dollars(found.get("amount")),
    )


def cents(amount: Decimal) -> int:
    return int((amount.quantize(CENT) * 100).to_integral_value())


def dollars(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(CENT)


def _status(session: dict[str, Any], event_type: str | None = None) -> str:
    if event_type == "checkout.session.async_payment_failed":
        return "failed"
    if session.get("status") == "expired":
        return "expired"
    if session.get("status") == "complete" and session.get("payment_status") == "paid":
        return "paid"
    return "open"


def _state(obj: Any, event_type: str | None = None) -> PaymentState:
    session: dict[str, Any] = obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)
    intent = session.get("payment_intent")
    return PaymentState(
        checkout_id=str(session["id"]),
        status=_status(session, event_type),
        amount=dollars(session.get("amount_total")),
        currency=str(session.get("currency") or ""),
        reference=session.get("client_reference_id"),
        payment_id=intent if isinstance(intent, str) or intent is None else str(intent["id"]),
    )


class StripeCheckout(Provider):
    slug = "stripe"

    def __init__(
        self, *, secret_key: str, webhook_secret: str, api_base: str = "", tolerance: int = 300
    ) -> None:
        # api_base: another API address (a boundary stand-in in tests); unset, Stripe's own.
        addresses: BaseAddresses = {"api": api_base} if api_base else {}
        self._client = stripe.StripeClient(
            secret_key, base_addresses=addresses, max_network_retries=2
        )
        self._webhook_secret = webhook_secret
        self._tolerance = tolerance
        self._api_base = api_base

    @property
    def hosted_origin(self) -> str:
        # Stripe's hosted Checkout is served from checkout.stripe.com; a stand-in serves its
        # page from its own address.
        return self._api_base or "https://checkout.stripe.com"

    def create_checkout(self, request: CheckoutRequest) -> HostedCheckout:
        params: dict[str, Any] = {
            "mode": "payment",
            "client_reference_id": request.reference,
            "payment_method_types": list(request.methods),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": request.currency,
                        "unit_amount": cents(request.amount),
                        "product_data": {"name": request.description},
                    },
                }
            ],
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "metadata": {"reference": request.reference},
        }
        if request.customer_email:
            params["customer_email"] = request.customer_email
        try:
            session = self._client.v1.checkout.sessions.create(
                params,  # type: ignore[arg-type]
                {"idempotency_key": request.idempotency_key},
            )
        except stripe.StripeError as error:
            raise ProviderError(f"the payment provider refused the checkout: {error}") from error
        return HostedCheckout(id=session.id, url=str(session.url))

    def read_checkout(self, checkout_id: str) -> PaymentState:
        try:
            session = self._client.v1.checkout.sessions.retrieve(checkout_id)
        except stripe.StripeError as error:
            raise ProviderError(f"the payment provider could not be read: {error}") from error
        return _state(session)

    def refund(self, payment_id: str, amount: Decimal, idempotency_key: str) -> RefundResult:
        try:
            refund = self._client.v1.refunds.create(
                {"payment_intent": payment_id, "amount": cents(amount)},
                {"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise ProviderError(f"the payment provider refused the refund: {error}") from error
        state = refund_state(refund)
        return RefundResult(id=state.id, status=state.status, amount=state.amount or Decimal(0))

    def payout_lines(self, since: dt.datetime, until: dt.datetime) -> list[PayoutLine]:
        window: dict[str, int] = {"gte": int(since.timestamp()), "lt": int(until.timestamp())}
        lines: list[PayoutLine] = []
        try:
            params: Any = {"arrival_date": window, "limit": 100}
            payouts = self._client.v1.payouts.list(params)
            for payout in payouts.auto_paging_iter():
                arrival = dt.datetime.fromtimestamp(payout.arrival_date, tz=dt.UTC).date()
                moves = self._client.v1.balance_transactions.list(
                    {"payout": payout.id, "limit": 100, "expand": ["data.source"]}
                )
                for move in moves.auto_paging_iter():
                    source = move.source
                    intent = getattr(source, "payment_intent", None) if source else None
                    if move.type not in ("charge", "payment", "refund") or not intent:
                        continue  # the payout itself, fees, adjustments: not a case's money
                    lines.append(
                        PayoutLine(
                            payout_id=payout.id,
                            arrival=arrival,
                            payment_id=str(intent),
                            amount=dollars(move.amount) or Decimal(0),
                        )
                    )
        except stripe.StripeError as error:
            raise ProviderError(
                f"the payment provider's payouts could not be read: {error}"
            ) from error
        return lines

    def parse_event(self, payload: bytes, signature: str) -> Event:
        try:
            event = stripe.Webhook.construct_event(
                payload, signature, self._webhook_secret, tolerance=self._tolerance
            )
        except stripe.SignatureVerificationError as error:
            raise BadEvent(f"the Stripe-Signature header does not verify: {error}") from error
        except ValueError as error:
            raise BadEvent("the body is not a Stripe event (JSON)") from error
        try:
            created = dt.datetime.fromtimestamp(int(event["created"]), tz=dt.UTC)
            found = event["data"]["object"]
            session = found if event["type"] in SESSION_EVENTS else None
            refund = found if event["type"] in REFUND_EVENTS else None
            return Event(
                id=str(event["id"]),
                type=str(event["type"]),
                created=created,
                payment=None if session is None else _state(session, event["type"]),
                refund=None if refund is None else refund_state(refund),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise BadEvent(f"the event lacks what a Stripe event has: {error}") from error
