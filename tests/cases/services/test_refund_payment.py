"""payments.refund_payment: a refund (a negative ledger entry) against a payment."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Payment
from permitdesk.cases.services import applications, payments
from permitdesk.cases.services.base import balance_due
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def paid(who: factories.People) -> Payment:
    """The $80 check paid on a Clayton case."""
    return Payment.objects.get(application=factories.paid(who))


def refund(
    actor: User, payment: Payment, amount: str = "30.00", reason: str = "overpaid"
) -> Payment:
    return payments.refund_payment(
        actor=actor, payment=payment, amount=Decimal(amount), reason=reason, now=factories.MONDAY
    )


def _refund_of_a_refund(who: factories.People) -> partial[Payment]:
    return partial(refund, who.clerk, refund(who.clerk, paid(who)))


def _more_than_is_left(who: factories.People) -> partial[Payment]:
    payment = paid(who)
    refund(who.clerk, payment, amount="30.00")
    return partial(refund, who.clerk, payment, amount="50.01")


REFUSALS = [
    pytest.param(
        lambda who: partial(refund, who.clerk, paid(who), reason=""),
        "required",
        "a refund needs a reason",
        id="no reason given",
    ),
    pytest.param(
        lambda who: partial(refund, who.owner, paid(who)),
        "forbidden",
        "may not refund payment",
        id="the applicant refunds it",
    ),
    pytest.param(
        lambda who: partial(refund, who.clerk_elsewhere, paid(who)),
        "not-found",
        "not found",
        id="a clerk of another jurisdiction refunds it",
    ),
    pytest.param(
        _refund_of_a_refund,
        "refund",
        "only a payment can be refunded, not a refund",
        id="a refund of a refund",
    ),
    pytest.param(
        lambda who: partial(refund, who.clerk, paid(who), amount="0.00"),
        "more-than-paid",
        "amount must be more than 0.00 and at most 80.00",
        id="nothing refunded",
    ),
    pytest.param(
        lambda who: partial(refund, who.clerk, paid(who), amount="80.01"),
        "more-than-paid",
        "amount must be more than 0.00 and at most 80.00",
        id="more than was paid",
    ),
    pytest.param(
        _more_than_is_left,
        "more-than-paid",
        "at most 50.00",
        id="more than is left after an earlier refund",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_refund_writes_one_audit_event_and_queues_its_notice(who: factories.People) -> None:
    payment = paid(who)
    with writes_one_event("refund-payment", messages=("refund",)) as written:
        made = refund(who.clerk, payment, reason=" overpaid ")
    assert made.amount == Decimal("-30.00")
    assert made.refund_of == payment
    assert written.event.before == {
        "payment": payment.receipt_number,
        "refunded": "0",
        "balance_due": "0.00",
    }
    assert written.event.after == {
        "refunded": "30.00",
        "reason": "overpaid",
        "balance_due": "30.00",
    }
    assert balance_due(payment.application) == Decimal("30.00")


def test_a_refund_is_a_negative_entry_and_cannot_exceed_the_payment() -> None:
    crew = factories.staff("clayton-mo")
    owner = factories.user("owner")
    case = applications.submit_application(
        actor=owner,
        unit=factories.unit("clayton-mo", "condo", 8, owner=owner),
        fee_item="residential-occupancy",
        trigger="lease",
        now=central("2026-05-04 10:00"),
    )
    paid = payments.record_payment(
        actor=crew[Role.CLERK],
        application=case,
        method="check",
        amount=Decimal("60.00"),
        now=central("2026-05-04 10:00"),
    )
    with pytest.raises(Refused, match=r"at most 60\.00"):
        payments.refund_payment(
            actor=crew[Role.CLERK],
            payment=paid,
            amount=Decimal("60.01"),
            reason="duplicate",
            now=central("2026-05-05 10:00"),
        )
    refund = payments.refund_payment(
        actor=crew[Role.CLERK],
        payment=paid,
        amount=Decimal("60.00"),
        reason="withdrawn before processing",
        now=central("2026-05-05 10:00"),
    )
    assert refund.amount == Decimal("-60.00")
    assert balance_due(case) == Decimal("60.00")
