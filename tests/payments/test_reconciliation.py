"""payments.reconciliation and `manage.py reconcile_payments`: a day's online payments and
refunds matched to the provider's payouts (the Stripe boundary stand-in's), with what is left
unmatched on either side."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from permitdesk.cases.models import Application, Payment
from permitdesk.cases.services.payments import waive_fee
from permitdesk.law.loader import get_pack
from permitdesk.payments.models import Checkout
from permitdesk.payments.reconciliation import CREDIT, reconcile, totals
from permitdesk.payments.refunds import refund
from permitdesk.payments.services import start_checkout, take_event
from permitdesk.rules.calendar import zone
from tests import factories
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.stripe_stand_in import StripeStandIn, sign

pytestmark = pytest.mark.django_db


def paid_online(who: factories.People, stand_in: StripeStandIn) -> tuple[Application, str]:
    """A Clayton case paid online now; its payment intent id."""
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
    return case, str(Checkout.objects.get(application=case).provider_payment_id)


def report(day: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("reconcile_payments", jurisdiction="clayton-mo", day=day, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_payments_and_refunds_are_matched_to_their_payout(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    first, first_intent = paid_online(who, stand_in)
    second, second_intent = paid_online(who, stand_in)
    refund(
        actor=who.clerk,
        payment=Payment.objects.get(application=first, refund_of=None),
        amount=Decimal("30.00"),
        reason="overpaid",
        now=timezone.now(),
        idempotency_key="r-1",
    )
    arrival = int(timezone.now().timestamp())
    payout = stand_in.pay_out([(first_intent, 8000), (first_intent, -3000)], arrival)
    stray = stand_in.pay_out([("pi_not_ours", 1500)], arrival)
    today = timezone.localdate(timezone=zone(get_pack("clayton-mo"))).isoformat()

    rows = report(today)

    by_kind = [(r["case"], r["kind"], r["amount"], r["payout"], r["matched"]) for r in rows]
    assert by_kind == [
        (str(first.pk), "payment", "80.00", payout, "yes"),
        (str(second.pk), "payment", "80.00", "", "no"),  # not paid out yet
        (str(first.pk), "refund", "-30.00", payout, "yes"),
        ("", "payout-only", "15.00", stray, "no"),  # money no ledger entry accounts for
    ]
    assert rows[0]["provider_payment"] == first_intent
    assert rows[1]["provider_payment"] == second_intent
    # Clayton's one fee line takes the whole payment, and the refund back from it
    line = first.fee_lines.get()
    assert [(r["fee_line"], r["fee_item"]) for r in rows[:3]] == [(line.label, line.fee_item)] * 3


def test_a_payment_beyond_the_fee_lines_is_a_credit_line_and_totals_are_by_fee_line(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    case, intent = paid_online(who, stand_in)
    line = case.fee_lines.get()
    # A code official waives the fee after it was paid online: the $80 pays no line now.
    waive_fee(actor=who.official, fee_line=line, reason="hardship", now=timezone.now())
    stand_in.pay_out([(intent, 8000)], int(timezone.now().timestamp()))
    today = timezone.localdate(timezone=zone(get_pack("clayton-mo")))

    rows = reconcile("clayton-mo", today)

    assert [(r.fee_line, r.amount, r.entry_amount) for r in rows] == [
        (CREDIT, Decimal("80.00"), Decimal("80.00"))
    ]
    assert totals(rows) == [(CREDIT, "", Decimal("80.00"))]


def test_a_day_that_is_not_a_date_is_refused(stand_in: StripeStandIn) -> None:
    with pytest.raises(CommandError, match="is not a date: YYYY-MM-DD"):
        call_command("reconcile_payments", jurisdiction="clayton-mo", day="06/12/2026")


def test_a_jurisdiction_without_a_provider_is_refused(stand_in: StripeStandIn) -> None:
    with pytest.raises(CommandError, match="st-clair-county-il takes no payment online"):
        call_command("reconcile_payments", jurisdiction="st-clair-county-il", day="2026-12-06")


def test_the_staff_page_lists_the_day_and_gives_its_csv(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    case, intent = paid_online(who, stand_in)
    stand_in.pay_out([(intent, 8000)], int(timezone.now().timestamp()))
    today = timezone.localdate(timezone=zone(get_pack("clayton-mo"))).isoformat()
    client = Client()
    client.force_login(who.clerk)
    url = "/staff/clayton-mo/payments/reconciliation/"
    page = client.get(url, {"day": today})
    assert page.status_code == 200
    assert f"Application {case.pk}" in page.content.decode()
    assert "Unmatched" not in page.content.decode()
    sheet = client.get(url, {"day": today, "format": "csv"})
    assert sheet["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(sheet.content.decode())))
    assert [(r["case"], r["matched"]) for r in rows] == [(str(case.pk), "yes")]


def test_the_staff_page_refuses_a_bad_day_with_its_format(
    who: factories.People, stand_in: StripeStandIn
) -> None:
    client = Client()
    client.force_login(who.clerk)
    page = client.get("/staff/clayton-mo/payments/reconciliation/", {"day": "yesterday"})
    assert page.status_code == 400
    assert "is not a date: give it as YYYY-MM-DD" in page.content.decode()
