"""payments.refunds.refund_owed: an online payment the case could not take (paid after the
withdrawal), refunded whole at the provider by a clerk, once, with an e-mail to the applicant."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from permitdesk.accounts.permissions import Forbidden
from permitdesk.cases.services import applications
from permitdesk.payments.models import Checkout
from permitdesk.payments.refunds import refund_owed
from permitdesk.payments.services import start_checkout, take_event
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign
from tests.writes import writes_nothing, writes_one_event

pytestmark = pytest.mark.django_db


def owed(who: factories.People, stand_in: StripeStandIn) -> Checkout:
    case = factories.submitted(who)
    checkout = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/"
    )
    applications.withdraw_application(actor=who.owner, application=case, now=factories.MONDAY)
    session = stand_in.complete(str(checkout.provider_checkout_id))
    created = int(timezone.now().timestamp())
    body = stand_in.event("checkout.session.completed", session, created)
    take_event(
        jurisdiction_slug="clayton-mo",
        payload=body,
        signature=sign(body, WEBHOOK_SECRET, created),
        now=timezone.now(),
    )
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.REFUND_OWED
    return checkout


def test_a_refund_owed_is_refunded_at_the_provider_with_an_email(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    checkout = owed(who, stand_in)
    with writes_one_event("refund-owed-online-payment", messages=("online-refund",)) as w:
        done = refund_owed(actor=who.clerk, checkout=checkout, now=factories.MONDAY)
    assert done.status == Checkout.Status.REFUNDED
    refund = next(iter(stand_in.refunds.values()))
    assert (refund["amount"], refund["payment_intent"]) == (8000, checkout.provider_payment_id)
    assert "withdrawn" in w.messages[0].body


def test_a_second_click_refunds_once(who: factories.People, stand_in: StripeStandIn) -> None:
    checkout = owed(who, stand_in)
    refund_owed(actor=who.clerk, checkout=checkout, now=factories.MONDAY)
    with writes_nothing(), pytest.raises(Refused, match="is refunded, not a refund owed"):
        refund_owed(actor=who.clerk, checkout=Checkout.objects.get(), now=factories.MONDAY)
    assert len(stand_in.refunds) == 1


def test_the_applicant_may_not_refund_it(who: factories.People, stand_in: StripeStandIn) -> None:
    checkout = owed(who, stand_in)
    with writes_nothing(), pytest.raises(Forbidden):
        refund_owed(actor=who.owner, checkout=checkout, now=factories.MONDAY)
    assert stand_in.refunds == {}


def test_the_staff_button_refunds_it(who: factories.People, stand_in: StripeStandIn) -> None:
    checkout = owed(who, stand_in)
    client = Client()
    client.force_login(who.clerk)
    page = client.get(reverse("web:staff-case", args=[checkout.application_id]))
    assert "Refund $80.00 at the provider" in page.content.decode()
    url = reverse("web:staff-refund-online", args=[checkout.application_id, checkout.pk])
    response = client.post(url)
    assert response.status_code == 302
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.REFUNDED
