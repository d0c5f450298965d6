"""payments.refunds.refund: a clerk's refund, at the provider for a payment taken online, with
an idempotency key so a replayed form refunds (and records) once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden
from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.payments.models import Checkout
from permitdesk.payments.refunds import refund
from permitdesk.payments.services import start_checkout, take_event
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def paid_online(who: factories.People, stand_in: StripeStandIn) -> Payment:
    case = factories.submitted(who)
    checkout = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/"
    )
    session = stand_in.complete(str(checkout.provider_checkout_id))
    created = int(timezone.now().timestamp())
    body = stand_in.event("checkout.session.completed", session, created)
    take_event(
        jurisdiction_slug="clayton-mo",
        payload=body,
        signature=sign(body, WEBHOOK_SECRET, created),
        now=timezone.now(),
    )
    return Checkout.objects.get(application=case).payment  # type: ignore[return-value]


def post_refund_form(who: factories.People, payment: Payment, **follow: bool) -> Any:
    """The clerk sends the staff case page's refund form: $5.00 of `payment`, its key shown
    once with the form."""
    client = Client()
    client.force_login(who.clerk)
    form = {
        "refund-payment": str(payment.pk),
        "refund-amount": "5.00",
        "refund-reason": "overpaid",
        "refund-key": "shown-once",
    }
    return client.post(reverse("web:staff-refund", args=[payment.application_id]), form, **follow)


def test_an_online_payment_is_refunded_at_the_provider_then_recorded(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    with writes_one_event("refund-payment", messages=("refund",)):
        made = refund(
            actor=who.clerk,
            payment=payment,
            amount=Decimal("30.00"),
            reason="overpaid",
            now=factories.MONDAY,
            idempotency_key="form-1",
        )
    assert made.amount == Decimal("-30.00")
    assert made.refund_of == payment
    assert next(iter(stand_in.refunds.values()))["amount"] == 3000
    assert balance_due(payment.application) == Decimal("30.00")


def test_a_replayed_refund_refunds_and_records_once(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    first = refund(
        actor=who.clerk,
        payment=payment,
        amount=Decimal("30.00"),
        reason="overpaid",
        now=factories.MONDAY,
        idempotency_key="form-1",
    )
    with writes_nothing():
        again = refund(
            actor=who.clerk,
            payment=payment,
            amount=Decimal("30.00"),
            reason="overpaid",
            now=factories.MONDAY,
            idempotency_key="form-1",
        )
    assert again.pk == first.pk
    assert len(stand_in.refunds) == 1
    assert payment.refunds.count() == 1


def test_a_replayed_counter_refund_records_once(who: factories.People) -> None:
    case = factories.paid(who)
    payment = case.payments.get()
    for _ in range(2):
        refund(
            actor=who.clerk,
            payment=payment,
            amount=Decimal("10.00"),
            reason="overpaid",
            now=factories.MONDAY,
            idempotency_key="counter-1",
        )
    assert payment.refunds.count() == 1


def test_more_than_was_paid_is_refused_before_the_provider_is_asked(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    with writes_nothing(), pytest.raises(Refused, match=r"at most 80\.00"):
        refund(
            actor=who.clerk,
            payment=payment,
            amount=Decimal("80.01"),
            reason="overpaid",
            now=factories.MONDAY,
        )
    assert stand_in.refunds == {}


def test_the_applicant_may_not_refund(who: factories.People, stand_in: StripeStandIn) -> None:
    payment = paid_online(who, stand_in)
    with writes_nothing(), pytest.raises(Forbidden, match="may not refund payment"):
        refund(
            actor=who.owner,
            payment=payment,
            amount=Decimal("1.00"),
            reason="x",
            now=factories.MONDAY,
        )
    assert stand_in.refunds == {}


def test_the_staff_form_sent_twice_refunds_once(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    codes = [post_refund_form(who, payment).status_code for _ in range(2)]
    assert codes == [302, 302]
    assert payment.refunds.count() == 1
    assert len(stand_in.refunds) == 1
