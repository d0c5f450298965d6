"""Twenty deliveries at once about one payment (Stripe retries; its events about one checkout
arrive together): one ledger entry, one receipt. On PostgreSQL the provider event's unique
row and the checkout's row lock decide it; on SQLite one writer at a time. The tests commit for
real (transaction=True): each thread has its own connection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.payments.models import Checkout, ProviderEvent
from permitdesk.payments.services import start_checkout, take_event
from tests import factories
from tests.concurrency.racing import at_once
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_deliveries_at_once_record_one_payment(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case = factories.submitted(who)
    checkout = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/"
    )
    session = stand_in.complete(str(checkout.provider_checkout_id))
    created = int(timezone.now().timestamp())
    same = stand_in.event("checkout.session.completed", session, created, "evt_same")
    bodies = [same] * 10 + [
        stand_in.event("checkout.session.async_payment_succeeded", session, created)
        for _ in range(10)
    ]

    def delivery(body: bytes) -> object:
        return take_event(
            jurisdiction_slug="clayton-mo",
            payload=body,
            signature=sign(body, WEBHOOK_SECRET, created),
            now=timezone.now(),
        )

    outcomes = at_once(*[lambda body=body: delivery(body) for body in bodies])

    assert [repr(o.error) for o in outcomes if o.error is not None] == []
    assert Payment.objects.filter(application=case).count() == 1
    assert Payment.objects.get(application=case).amount == Decimal("80.00")
    assert balance_due(case) == Decimal("0.00")
    assert ProviderEvent.objects.count() == 11  # the same event once, the ten others
    assert AuditEvent.objects.filter(action="record-payment").count() == 1
    assert AuditEvent.objects.filter(action="settle-checkout").count() == 1
    assert OutboxMessage.objects.filter(kind="receipt").count() == 1
    assert Checkout.objects.get().status == Checkout.Status.PAID
