"""The stored balance (Application.balance_due) is always what the ledger says: fees not
waived, less fee payments and their refunds, whatever sequence of services ran; a deposit
held is not a fee paid, and a released deposit is not due again."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, FeeLine, Payment
from permitdesk.cases.selectors.ledger import balance_due, deposits_due
from permitdesk.cases.services import applications, payments
from permitdesk.cases.services.base import add_fee_lines, locked
from permitdesk.law.loader import get_pack
from permitdesk.rules.lifecycle import Refused
from permitdesk.rules.money import money
from permitdesk.rules.quote import quote
from tests import factories
from tests.moments import central

pytestmark = pytest.mark.django_db
NOW = central("2026-03-02 10:00")
CENT = Decimal("0.01")
_serial = itertools.count()


def _case() -> tuple[Application, dict[str, User]]:
    """A Clayton case of $80 (a fresh one per hypothesis example; the crew is made once)."""
    n = next(_serial)
    clerk = User.objects.filter(username="clayton-clerk").first()
    crew = (
        factories.staff("clayton-mo")
        if clerk is None
        else {
            Role.CLERK: clerk,
            Role.CODE_OFFICIAL: User.objects.get(username="clayton-code-official"),
        }
    )
    case = applications.submit_application(
        actor=(owner := factories.user(f"ledger-owner-{n}")),
        unit=factories.unit("clayton-mo", parcel=f"L-{n}", owner=owner),
        fee_item="residential-occupancy",
        trigger="lease",
        now=NOW,
    )
    return case, crew


def _demolition(case: Application, total: bool) -> None:
    """More lines on the case, a refundable deposit among them when `total` (Clayton's
    demolition permit: $1,000 held), added as a service adds them: under the row lock."""
    pack = get_pack("clayton-mo")
    with transaction.atomic():
        row = locked(case)
        add_fee_lines(
            row, quote(pack, "demolition-permit", {"total_demolition": total}, NOW.date()), NOW
        )


def _ledger(case: Application) -> Decimal:
    """The balance from the rows themselves, summed here and not by the services."""
    fees = sum(
        (
            ln.amount
            for ln in FeeLine.objects.filter(application=case)
            if ln.kind == "fee" and not ln.waived_reason
        ),
        Decimal(0),
    )
    paid = sum(
        (p.amount for p in Payment.objects.filter(application=case) if p.kind == "fee"), Decimal(0)
    )
    return money(fees - paid)


def _part(whole: Decimal, share: float) -> Decimal:
    return max(money(whole * Decimal(str(share))), CENT)


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("charge"), st.booleans()),
        st.tuples(st.just("pay"), st.sampled_from(["fee", "deposit"]), st.floats(0.01, 1)),
        st.tuples(st.just("refund"), st.integers(0, 20), st.floats(0.01, 1)),
        st.tuples(st.just("waive"), st.integers(0, 20)),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_the_stored_balance_is_the_ledgers_after_any_sequence_of_services(
    ops: list[tuple[object, ...]],
) -> None:
    case, crew = _case()
    clerk, official = crew[Role.CLERK], crew[Role.CODE_OFFICIAL]
    for op in ops:
        try:
            if op[0] == "charge":
                _demolition(case, bool(op[1]))
            elif op[0] == "pay":
                kind, share = str(op[1]), float(op[2])  # type: ignore[arg-type]
                limit = deposits_due(case) if kind == "deposit" else balance_due(case)
                if limit > 0:
                    payments.record_payment(
                        actor=clerk, application=case, method="check",
                        amount=_part(limit, share), now=NOW, kind=kind,
                    )  # fmt: skip
            elif op[0] == "refund":
                paid = list(Payment.objects.filter(application=case, amount__gt=0).order_by("id"))
                if paid:
                    payment = paid[int(op[1]) % len(paid)]  # type: ignore[call-overload]
                    left = payment.amount + sum(r.amount for r in payment.refunds.all())
                    if left > 0:
                        payments.refund_payment(
                            actor=clerk, payment=payment, amount=_part(left, float(op[2])),  # type: ignore[arg-type]
                            reason="overpaid", now=NOW,
                        )  # fmt: skip
            else:
                lines = list(
                    FeeLine.objects.filter(application=case, waived_reason="").order_by("id")
                )
                if lines:
                    line = lines[int(op[1]) % len(lines)]  # type: ignore[call-overload]
                    payments.waive_fee(actor=official, fee_line=line, reason="hardship", now=NOW)
        except Refused as refused:  # pragma: no cover - the draws stay within what is allowed
            raise AssertionError(f"{op}: {refused}") from refused
        case.refresh_from_db()
        assert case.balance_due == _ledger(case), op


def test_a_deposit_held_is_not_a_fee_paid_and_its_release_is_not_due_again() -> None:
    case, crew = _case()
    clerk = crew[Role.CLERK]
    _demolition(case, total=True)  # + $30 application, $80 demolition, $1,000 deposit
    assert (balance_due(case), deposits_due(case)) == (Decimal("190.00"), Decimal("1000.00"))
    deposit = payments.record_payment(
        actor=clerk, application=case, method="check", amount=Decimal("1000.00"), now=NOW,
        kind="deposit",
    )  # fmt: skip
    assert (balance_due(case), deposits_due(case)) == (Decimal("190.00"), Decimal("0.00"))
    with pytest.raises(Refused, match=r"more than the 0\.00 due in deposits"):
        payments.record_payment(
            actor=clerk, application=case, method="check", amount=CENT, now=NOW, kind="deposit"
        )
    payments.refund_payment(
        actor=clerk, payment=deposit, amount=Decimal("1000.00"), reason="released", now=NOW
    )
    assert (balance_due(case), deposits_due(case)) == (Decimal("190.00"), Decimal("0.00"))
    case.refresh_from_db()
    assert case.balance_due == Decimal("190.00")


def test_a_payment_of_an_unknown_kind_is_refused_and_records_nothing() -> None:
    case, crew = _case()
    with pytest.raises(Refused, match="kind 'tip' is not one of: fee, deposit"):
        payments.record_payment(
            actor=crew[Role.CLERK], application=case, method="check", amount=CENT, now=NOW,
            kind="tip",
        )  # fmt: skip
    assert not Payment.objects.filter(application=case).exists()
    case.refresh_from_db()
    assert case.balance_due == Decimal("80.00")
