"""A refund the provider reports pending: held (not in the ledger), then recorded from the
provider's signed refund event when it succeeds, or marked failed; each event once, whatever
the order or the number of deliveries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts.models import Membership
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Payment
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.payments.models import ProviderRefund
from permitdesk.payments.providers.base import BadEvent
from permitdesk.payments.refunds import refund
from permitdesk.payments.selectors import refunds_unsettled
from permitdesk.payments.services import take_event
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign
from tests.payments.test_refund import paid_online, post_refund_form
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def ask(who: factories.People, payment: Payment, amount: str = "30.00", key: str = "form-1") -> Any:
    """The clerk's refund of `amount` of `payment`, keyed `key` (the form's)."""
    return refund(
        actor=who.clerk,
        payment=payment,
        amount=Decimal(amount),
        reason="overpaid",
        now=factories.MONDAY,
        idempotency_key=key,
    )


def pending(who: factories.People, stand_in: StripeStandIn) -> ProviderRefund:
    """A $30 refund of a Clayton case's $80 paid online, which the provider reports pending."""
    payment = paid_online(who, stand_in)
    stand_in.refund_status = "pending"
    held = ask(who, payment)
    assert isinstance(held, ProviderRefund)
    return held


def deliver(body: bytes, created: int) -> None:
    take_event(
        jurisdiction_slug="clayton-mo",
        payload=body,
        signature=sign(body, WEBHOOK_SECRET, created),
        now=timezone.now(),
    )


def test_a_pending_refund_is_held_with_its_audit_event_and_not_in_the_ledger(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    stand_in.refund_status = "pending"
    with writes_one_event("request-online-refund") as written:
        held = ask(who, payment)
    assert isinstance(held, ProviderRefund)
    assert (held.status, held.amount, held.payment) == ("pending", Decimal("30.00"), payment)
    assert written.event.after is not None
    assert written.event.after["status"] == "pending"
    assert payment.refunds.count() == 0
    assert balance_due(payment.application) == Decimal("0.00")


@pytest.mark.parametrize("kind", ["refund.updated", "charge.refund.updated"])
def test_the_refund_event_records_the_refund_in_the_ledger(
    who: factories.People, stand_in: StripeStandIn, kind: str
) -> None:
    held = pending(who, stand_in)
    created = int(timezone.now().timestamp())
    body = stand_in.refund_settles(held.provider_refund_id, "succeeded", created, kind)
    deliver(body, created)
    actions = list(AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[:2])
    assert actions == ["settle-online-refund", "refund-payment"]  # the ledger's, then ours
    assert OutboxMessage.objects.filter(kind="refund").count() == 1
    held.refresh_from_db()
    assert held.status == "succeeded"
    assert held.ledger_refund is not None
    assert held.ledger_refund.amount == Decimal("-30.00")
    assert held.ledger_refund.recorded_by == who.clerk
    assert balance_due(held.payment.application) == Decimal("30.00")


def test_the_same_event_twice_and_a_late_pending_word_record_once(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    created = int(timezone.now().timestamp())
    done = stand_in.refund_settles(held.provider_refund_id, "succeeded", created)
    late = stand_in.event(
        "refund.updated", {**stand_in.refunds[held.provider_refund_id], "status": "pending"},
        created - 5,
    )  # fmt: skip
    deliver(done, created)
    with writes_nothing():
        deliver(done, created)  # a replay
    deliver(late, created)  # out of order: the earlier word arrives last (taken in, no change)
    assert Payment.objects.filter(refund_of=held.payment).count() == 1
    held.refresh_from_db()
    assert held.status == "succeeded"
    assert AuditEvent.objects.filter(action="settle-online-refund").count() == 1


def test_a_failed_refund_is_marked_failed_and_nothing_is_refunded(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    created = int(timezone.now().timestamp())
    body = stand_in.refund_settles(held.provider_refund_id, "canceled", created)
    with writes_one_event("settle-online-refund"):
        deliver(body, created)
    held.refresh_from_db()
    assert (held.status, held.ledger_refund) == ("failed", None)
    assert held.payment.refunds.count() == 0


def test_a_replayed_form_holds_the_pending_refund_once(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    with writes_nothing():
        again = ask(who, held.payment)
    assert again == held
    assert len(stand_in.refunds) == 1


@pytest.mark.parametrize("amount", ["10.00", "50.01"])
def test_another_refund_of_the_payment_is_refused_while_one_is_pending(
    who: factories.People, stand_in: StripeStandIn, amount: str
) -> None:
    held = pending(who, stand_in)
    with writes_nothing(), pytest.raises(Refused) as refused:
        ask(who, held.payment, amount, key="form-2")
    assert (refused.value.code, refused.value.field) == ("refund-pending", "payment")
    assert "a refund of $30.00 of this payment" in str(refused.value)
    assert "still pending" in str(refused.value)
    assert len(stand_in.refunds) == 1  # the provider was not asked again


def test_the_payment_is_refunded_again_once_its_pending_refund_settles(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    ProviderRefund.objects.filter(pk=held.pk).update(status=ProviderRefund.Status.FAILED)
    stand_in.refund_status = "succeeded"
    made = ask(who, held.payment, "10.00", key="form-2")
    assert isinstance(made, Payment)
    assert made.amount == Decimal("-10.00")


def test_the_staff_form_names_the_pending_refund_when_it_refuses_another(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    response = post_refund_form(who, held.payment)
    assert response.status_code == 422
    assert "is still pending" in response.content.decode()
    assert len(stand_in.refunds) == 1


def test_a_refund_event_with_a_bad_signature_changes_nothing(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    created = int(timezone.now().timestamp())
    body = stand_in.refund_settles(held.provider_refund_id, "succeeded", created)
    with writes_nothing(), pytest.raises(BadEvent):
        take_event(
            jurisdiction_slug="clayton-mo",
            payload=body,
            signature=sign(body, "whsec_someone_else", created),
            now=timezone.now(),
        )
    held.refresh_from_db()
    assert held.status == "pending"


def test_the_staff_form_says_the_refund_is_pending(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    payment = paid_online(who, stand_in)
    stand_in.refund_status = "pending"
    page = post_refund_form(who, payment, follow=True)
    assert "which reports it pending" in page.content.decode()
    assert ProviderRefund.objects.get().status == "pending"
    assert AuditEvent.objects.filter(action="request-online-refund").count() == 1


def test_the_case_page_flags_a_refund_that_failed_at_the_provider(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    created = int(timezone.now().timestamp())
    deliver(stand_in.refund_settles(held.provider_refund_id, "failed", created), created)
    client = Client()
    client.force_login(who.clerk)
    page = client.get(reverse("web:staff-case", args=[held.payment.application_id]))
    assert "failed at the provider" in page.content.decode()


def test_a_refund_the_ledger_now_refuses_is_taken_and_flagged_not_redelivered_forever(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    held = pending(who, stand_in)
    Membership.objects.filter(user=who.clerk).delete()  # the clerk who asked has left
    created = int(timezone.now().timestamp())
    deliver(stand_in.refund_settles(held.provider_refund_id, "succeeded", created), created)
    held.refresh_from_db()
    assert (held.status, held.ledger_refund) == ("succeeded", None)
    assert held.note.startswith("refunded at the provider, not recorded here:")
    assert held.payment.refunds.count() == 0
    assert refunds_unsettled(held.payment.application) == [held]
