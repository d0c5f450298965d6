"""The payment-provider boundary: what PermitDesk asks of a city's processor. A city on
another processor adds one module implementing `Provider` and names it in its settings
(docs/payments.md)."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal


class ProviderError(Exception):
    """The provider could not be reached or refused the request; `reason` is for people."""


class BadEvent(ValueError):
    """A webhook whose signature does not verify, whose timestamp is outside the tolerance
    window, or whose body is not an event: nothing is written."""


@dataclass(frozen=True)
class CheckoutRequest:
    """A hosted checkout for one amount the server computed (never the browser's)."""

    reference: str  # ours: the checkout row's reference, echoed back in every event
    amount: Decimal
    currency: str
    description: str
    methods: tuple[str, ...]  # the provider's payment method types, e.g. ("card",)
    success_url: str
    cancel_url: str
    idempotency_key: str
    customer_email: str | None = None


@dataclass(frozen=True)
class HostedCheckout:
    id: str
    url: str


@dataclass(frozen=True)
class PaymentState:
    """A checkout as the provider reports it: status is one of open, paid, failed, expired."""

    checkout_id: str
    status: str
    amount: Decimal | None
    currency: str
    reference: str | None
    payment_id: str | None


@dataclass(frozen=True)
class RefundState:
    """A refund as the provider reports it: status is one of pending, succeeded, failed
    (a refund canceled at the provider is failed: nothing was refunded)."""

    id: str
    status: str
    amount: Decimal | None


@dataclass(frozen=True)
class Event:
    """A verified event: its id (each delivery of one event carries the same id), its type,
    when the provider created it, and the checkout or the refund it is about, if any."""

    id: str
    type: str
    created: dt.datetime
    payment: PaymentState | None
    refund: RefundState | None = None


@dataclass(frozen=True)
class RefundResult:
    """A refund the provider made: status as RefundState's (pending, succeeded, failed)."""

    id: str
    status: str
    amount: Decimal


@dataclass(frozen=True)
class PayoutLine:
    """One payment or refund in a payout the provider sent to the city's bank: `payment_id` is
    the provider's payment it belongs to; `amount` is negative for a refund."""

    payout_id: str
    arrival: dt.date
    payment_id: str
    amount: Decimal


class Provider(ABC):
    slug: str

    @property
    @abstractmethod
    def hosted_origin(self) -> str:
        """The origin of the provider's hosted page: the case page's Content Security Policy
        lets its Pay form be redirected there (form-action)."""

    @abstractmethod
    def create_checkout(self, request: CheckoutRequest) -> HostedCheckout: ...

    @abstractmethod
    def read_checkout(self, checkout_id: str) -> PaymentState: ...

    @abstractmethod
    def refund(self, payment_id: str, amount: Decimal, idempotency_key: str) -> RefundResult: ...

    @abstractmethod
    def payout_lines(self, since: dt.datetime, until: dt.datetime) -> list[PayoutLine]:
        """The payments and refunds of the payouts arriving from `since` to before `until`."""

    @abstractmethod
    def parse_event(self, payload: bytes, signature: str) -> Event:
        """The event, if `signature` verifies over `payload` within the tolerance window;
        BadEvent otherwise."""
