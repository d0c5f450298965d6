"""Paying online through the Stripe boundary stand-in: the applicant's checkout for the
server's balance, the verified webhook into the ledger, once, whatever the deliveries."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Payment
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import applications
from permitdesk.payments import services
from permitdesk.payments.models import Checkout, ProviderEvent
from permitdesk.payments.services import start_checkout
from tests import factories
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/webhook/clayton-mo/"


def _now_ts() -> int:
    return int(timezone.now().timestamp())


def deliver(
    client: Client,
    body: bytes,
    *,
    secret: str = WEBHOOK_SECRET,
    at: int | None = None,
    signed_body: bytes | None = None,
) -> Any:
    header = sign(signed_body or body, secret, _now_ts() if at is None else at)
    return client.post(
        WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def paid_event(stand_in: StripeStandIn, checkout: Checkout, event_id: str | None = None) -> bytes:
    session = stand_in.complete(str(checkout.provider_checkout_id))
    return stand_in.event("checkout.session.completed", session, _now_ts(), event_id)


def started(who: factories.People) -> tuple[Application, Checkout]:
    case = factories.submitted(who)
    checkout = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/cases/1/"
    )
    return case, checkout


def test_a_checkout_is_for_the_balance_the_server_works_out(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    assert checkout.amount == balance_due(case) == Decimal("80.00")
    session = stand_in.sessions[str(checkout.provider_checkout_id)]
    assert session["amount_total"] == 8000
    assert session["client_reference_id"] == checkout.reference
    assert checkout.hosted_url == session["url"]
    assert AuditEvent.objects.filter(action="start-checkout").count() == 1


def test_a_double_click_starts_one_checkout(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, first = started(who)
    again = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/"
    )
    assert again.pk == first.pk
    assert len(stand_in.sessions) == 1


def test_the_pay_button_ignores_an_amount_from_the_browser(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case = factories.submitted(who)
    client = Client()
    client.force_login(who.owner)
    response = client.post(reverse("web:case-pay", args=[case.pk]), {"amount": "1.00"})
    checkout = Checkout.objects.get()
    assert response.status_code == 302
    assert response["Location"] == checkout.hosted_url
    assert checkout.amount == Decimal("80.00")
    assert stand_in.sessions[str(checkout.provider_checkout_id)]["amount_total"] == 8000


def test_another_applicant_cannot_pay_someone_elses_case(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case = factories.submitted(who)
    client = Client()
    client.force_login(who.other)
    response = client.post(reverse("web:case-pay", args=[case.pk]))
    assert response.status_code == 404
    assert Checkout.objects.count() == 0


def test_a_verified_webhook_records_one_payment_with_receipt(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    response = deliver(Client(), paid_event(stand_in, checkout))
    assert response.status_code == 200, response.content
    payment = Payment.objects.get(application=case)
    assert payment.amount == Decimal("80.00")
    assert payment.method == "card-online"
    assert payment.recorded_by == who.owner
    assert balance_due(case) == Decimal("0.00")
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.PAID
    assert checkout.payment == payment
    assert (
        AuditEvent.objects.filter(action="record-payment", object_id=str(payment.pk)).count() == 1
    )
    assert OutboxMessage.objects.filter(key=f"receipt-{payment.receipt_number}").count() == 1


def test_the_same_event_twice_records_one_payment(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    body = paid_event(stand_in, checkout)
    client = Client()
    assert deliver(client, body).status_code == 200
    assert deliver(client, body).status_code == 200
    assert Payment.objects.filter(application=case).count() == 1
    assert ProviderEvent.objects.count() == 1


def test_two_events_for_one_payment_record_one(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    session = stand_in.complete(str(checkout.provider_checkout_id))
    client = Client()
    for kind in ("checkout.session.async_payment_succeeded", "checkout.session.completed"):
        assert deliver(client, stand_in.event(kind, session, _now_ts())).status_code == 200
    assert Payment.objects.filter(application=case).count() == 1
    assert ProviderEvent.objects.count() == 2


def test_an_expiry_delivered_after_the_payment_changes_nothing(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    client = Client()
    paid = paid_event(stand_in, checkout)
    session = dict(stand_in.sessions[str(checkout.provider_checkout_id)], status="expired")
    expired = stand_in.event("checkout.session.expired", session, _now_ts())
    assert deliver(client, paid).status_code == 200
    assert deliver(client, expired).status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.PAID
    assert Payment.objects.filter(application=case).count() == 1


def test_an_expired_checkout_records_no_payment(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    session = stand_in.expire(str(checkout.provider_checkout_id))
    response = deliver(Client(), stand_in.event("checkout.session.expired", session, _now_ts()))
    assert response.status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.EXPIRED
    assert not Payment.objects.filter(application=case).exists()


def test_a_bad_signature_is_refused_and_writes_nothing(stand_in: StripeStandIn) -> None:
    who = factories.people()
    _case, checkout = started(who)
    response = deliver(Client(), paid_event(stand_in, checkout), secret="whsec_wrong")
    assert response.status_code == 400
    assert "Stripe-Signature" in response.json()["error"]
    assert not Payment.objects.exists()
    assert not ProviderEvent.objects.exists()


def test_a_missing_signature_is_refused(stand_in: StripeStandIn) -> None:
    response = Client().post(WEBHOOK, data=b"{}", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "the Stripe-Signature header is missing"}


def test_a_stale_timestamp_is_refused_and_writes_nothing(stand_in: StripeStandIn) -> None:
    who = factories.people()
    _case, checkout = started(who)
    response = deliver(Client(), paid_event(stand_in, checkout), at=_now_ts() - 301)
    assert response.status_code == 400
    assert "timestamp" in response.json()["error"].lower()
    assert not Payment.objects.exists()
    assert not ProviderEvent.objects.exists()


def test_an_amount_changed_after_signing_is_refused(stand_in: StripeStandIn) -> None:
    who = factories.people()
    _case, checkout = started(who)
    body = paid_event(stand_in, checkout)
    event = json.loads(body)
    event["data"]["object"]["amount_total"] = 100
    tampered = json.dumps(event).encode()
    response = deliver(Client(), tampered, signed_body=body)
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_a_payment_after_withdrawal_becomes_a_refund_owed(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    applications.withdraw_application(actor=who.owner, application=case, now=factories.MONDAY)
    assert deliver(Client(), paid_event(stand_in, checkout)).status_code == 200
    checkout.refresh_from_db()
    assert checkout.status == Checkout.Status.REFUND_OWED
    assert "withdrawn" in checkout.note
    assert not Payment.objects.filter(application=case).exists()
    flagged = AuditEvent.objects.get(action="settle-checkout")
    assert flagged.after is not None
    assert flagged.after["status"] == "refund-owed"


def test_two_checkouts_both_paid_record_one_payment(stand_in: StripeStandIn) -> None:
    """Two tabs: the second checkout is started after the first expired from the reuse (its
    amount differs), both are paid; the ledger takes one, the other is a refund owed."""
    who = factories.people()
    case, first = started(who)
    Checkout.objects.filter(pk=first.pk).update(amount=Decimal("79.00"))  # not reused
    second = start_checkout(
        actor=who.owner, application=case, now=factories.MONDAY, return_url="http://t/"
    )
    assert second.pk != first.pk
    client = Client()
    assert deliver(client, paid_event(stand_in, second)).status_code == 200
    first.refresh_from_db()
    assert deliver(client, paid_event(stand_in, first)).status_code == 200
    assert Payment.objects.filter(application=case).count() == 1
    first.refresh_from_db()
    assert first.status == Checkout.Status.REFUND_OWED


def test_the_return_from_the_provider_reads_the_checkout_and_shows_it_paid(
    stand_in: StripeStandIn,
) -> None:
    who = factories.people()
    case, checkout = started(who)
    stand_in.complete(str(checkout.provider_checkout_id))
    client = Client()
    client.force_login(who.owner)
    page = client.get(reverse("web:case", args=[case.pk]), {"checkout": checkout.reference})
    assert page.status_code == 200
    assert "Paid online: $80.00" in page.content.decode()
    assert Payment.objects.filter(application=case).count() == 1


def test_the_case_page_offers_to_pay_the_balance_online(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case = factories.submitted(who)
    client = Client()
    client.force_login(who.owner)
    text = client.get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Pay $80.00 online" in text
    assert "No convenience fee is charged" in text
    assert "applicationsbd@claytonmo.gov" in text
    assert "sk_test_stand_in" not in text
    assert WEBHOOK_SECRET not in text


def test_st_clair_shows_where_to_pay_in_person_and_no_button(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case = factories.submitted(
        who, "st-clair-county-il", fee_item="occupancy-inspection", trigger="lease"
    )
    client = Client()
    client.force_login(who.owner)
    text = client.get(reverse("web:case", args=[case.pk])).content.decode()
    assert "online</button>" not in text
    assert "10 Public Square, 5th Floor, Belleville" in text


def test_a_signed_body_that_is_no_event_is_refused(stand_in: StripeStandIn) -> None:
    response = deliver(Client(), b'{"id": "evt_1", "object": "event"}')
    assert response.status_code == 400
    assert "lacks what a Stripe event has" in response.json()["error"]
    assert not ProviderEvent.objects.exists()


def test_a_jurisdiction_without_a_provider_refuses_deliveries(stand_in: StripeStandIn) -> None:
    header = sign(b"{}", WEBHOOK_SECRET, _now_ts())
    response = Client().post(
        "/payments/webhook/st-clair-county-il/",
        data=b"{}",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert response.json() == {"error": "st-clair-county-il takes no payment online"}


def test_deliveries_past_the_limit_are_refused_with_429(
    stand_in: StripeStandIn, settings: Any
) -> None:
    settings.THROTTLES = {**settings.THROTTLES, "payment-webhook": (2, 60)}
    client = Client()
    codes = [deliver(client, b"{}").status_code for _ in range(3)]
    assert codes == [400, 400, 429]
    assert AuditEvent.objects.filter(action="throttled").count() == 1


def test_an_event_for_no_checkout_of_ours_is_taken_and_changes_nothing(
    stand_in: StripeStandIn,
) -> None:
    session = {"id": "cs_elsewhere", "status": "complete", "payment_status": "paid"}
    body = stand_in.event("checkout.session.completed", session | {"amount_total": 500}, _now_ts())
    assert deliver(Client(), body).status_code == 200
    assert ProviderEvent.objects.get().checkout is None
    assert not Payment.objects.exists()


def test_the_clerk_sees_a_payment_after_withdrawal_to_refund(stand_in: StripeStandIn) -> None:
    who = factories.people()
    case, checkout = started(who)
    applications.withdraw_application(actor=who.owner, application=case, now=factories.MONDAY)
    assert deliver(Client(), paid_event(stand_in, checkout)).status_code == 200
    client = Client()
    client.force_login(who.clerk)
    text = client.get(reverse("web:staff-case", args=[case.pk])).content.decode()
    assert "Online payments to refund" in text
    assert "$80.00 paid online" in text
    assert "after the case was withdrawn" in text


def test_a_convenience_fee_is_charged_and_kept_out_of_the_ledger(
    stand_in: StripeStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No pack names one today (each says 0.00, cited); a city that charges one gets it added
    to the checkout, and the case's ledger takes the balance alone."""
    fee = services.ConvenienceFee(Decimal("2.50"), "a city's fee schedule", None)
    monkeypatch.setattr(services, "convenience_fee", lambda pack, on: fee)
    who = factories.people()
    case, checkout = started(who)
    assert checkout.amount == Decimal("82.50")
    assert stand_in.sessions[str(checkout.provider_checkout_id)]["amount_total"] == 8250
    assert deliver(Client(), paid_event(stand_in, checkout)).status_code == 200
    assert Payment.objects.get(application=case).amount == Decimal("80.00")
    assert balance_due(case) == Decimal("0.00")
