"""The API's refund of a payment taken online goes to the provider (the Stripe stand-in, a
boundary stand-in: tests/payments/stripe_stand_in.py) as the staff page's does: recorded at
once when the provider says it succeeded (201), held when it says pending (202), and once
however often the same Idempotency-Key is sent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.payments.models import ProviderRefund
from tests import factories
from tests.api.client import Api
from tests.payments.stripe_stand_in import StripeStandIn
from tests.payments.test_refund import paid_online

pytestmark = pytest.mark.django_db

BODY = {"amount": "30.00", "reason": "overpaid"}


def test_an_api_refund_of_an_online_payment_is_made_at_the_provider_once(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    api = Api(who.clerk)
    for _ in range(2):  # the same request sent twice: one refund there and here
        status, body = api.post(
            f"/payments/{payment.pk}/refunds", BODY, headers={"Idempotency-Key": "api-1"}
        )
        assert (status, body["amount"], body["refund_of"]) == (201, "-30.00", payment.pk)
    assert [r["amount"] for r in stand_in.refunds.values()] == [3000]
    assert payment.refunds.count() == 1
    assert balance_due(payment.application) == Decimal("30.00")


def test_a_refund_the_provider_reports_pending_is_answered_202_and_held(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    stand_in.refund_status = "pending"
    status, body = Api(who.clerk).post(
        f"/payments/{payment.pk}/refunds", BODY, headers={"Idempotency-Key": "api-2"}
    )
    assert status == 202
    held = ProviderRefund.objects.get()
    assert body == {"id": held.pk, "payment": payment.pk, "amount": "30.00", "status": "pending"}
    assert payment.refunds.count() == 0  # in the ledger when the provider's event says so


def test_the_applicant_may_not_refund_through_the_api(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    status, _ = Api(who.owner).post(f"/payments/{payment.pk}/refunds", BODY)
    assert status == 403
    assert stand_in.refunds == {}
