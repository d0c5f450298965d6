"""payments.record_payment: a payment against the case's balance, or of a deposit it owes."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Payment
from permitdesk.cases.services import payments
from permitdesk.cases.services.base import balance_due
from tests import factories
from tests.writes import refusal_table, writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def pay(
    actor: User, case: Application, amount: str = "80.00", method: str = "check", **more: Any
) -> Payment:
    return payments.record_payment(
        actor=actor,
        application=case,
        method=method,
        amount=Decimal(amount),
        now=factories.MONDAY,
        **more,
    )


def _key_of_another_case(who: factories.People) -> partial[Payment]:
    pay(who.clerk, factories.submitted(who), idempotency_key="k-1")
    return partial(pay, who.clerk, factories.submitted(who), idempotency_key="k-1")


REFUSALS = [
    pytest.param(
        lambda who: partial(pay, who.owner, factories.submitted(who)),
        "forbidden",
        "may not record payment",
        id="the applicant records a payment",
    ),
    pytest.param(
        lambda who: partial(pay, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant records a payment",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk_elsewhere, factories.submitted(who)),
        "not-found",
        "not found",
        id="a clerk of another jurisdiction records a payment",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), kind="tip"),
        "choice",
        "kind 'tip' is not one of: fee, deposit",
        id="a kind of payment that does not exist",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), method="bitcoin"),
        "choice",
        "method 'bitcoin' is not accepted by",
        id="a method Clayton does not take",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), amount="0.00"),
        "not-positive",
        "amount must be more than 0.00",
        id="nothing paid",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), amount="-5.00"),
        "not-positive",
        "amount must be more than 0.00",
        id="a negative payment",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), amount="80.01"),
        "more-than-due",
        "amount 80.01 is more than the 80.00 due",
        id="more than the balance",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.paid(who), amount="1.00"),
        "more-than-due",
        "amount 1.00 is more than the 0.00 due",
        id="anything on a case paid in full",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.submitted(who), kind="deposit"),
        "more-than-due",
        "is more than the 0.00 due in deposits",
        id="a deposit the case does not owe",
    ),
    pytest.param(
        lambda who: partial(pay, who.clerk, factories.withdrawn(who)),
        "status",
        "cannot record payment a case that is withdrawn",
        id="a withdrawn case",
    ),
    pytest.param(
        _key_of_another_case,
        "key-reused",
        "this idempotency key was used for another payment",
        id="an idempotency key used on another case",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_payment_writes_one_audit_event_and_queues_its_receipt(who: factories.People) -> None:
    case = factories.submitted(who)
    with writes_one_event("record-payment", messages=("receipt",)) as written:
        payment = pay(who.clerk, case, amount="30.00")
    assert written.event.after == {
        "balance_due": "50.00",
        "amount": "30.00",
        "method": "check",
        "kind": "fee",
    }
    assert written.messages[0].to == "owner@example.test"
    assert payment.receipt_number.startswith("R20261116-")
    assert balance_due(case) == Decimal("50.00")


def test_the_same_idempotency_key_again_returns_the_payment_and_writes_nothing(
    who: factories.People,
) -> None:
    case = factories.submitted(who)
    first = pay(who.clerk, case, amount="30.00", idempotency_key="k-1")
    with writes_nothing():
        again = pay(who.clerk, case, amount="30.00", idempotency_key="k-1")
    assert again == first
