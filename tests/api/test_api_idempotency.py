"""An Idempotency-Key makes a retried POST safe: the same key twice returns the first result
and records nothing more (one row, one audit event, one e-mail)."""

from __future__ import annotations

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Payment
from tests import factories
from tests.api.client import Api, Clock
from tests.factories import people, submitted

pytestmark = pytest.mark.django_db


def test_the_same_application_posted_twice_with_one_key_is_recorded_once(clock: Clock) -> None:
    person = factories.user("owner")
    owner = Api(person)
    unit = factories.unit("clayton-mo", owner=person)
    body = {"unit": unit.pk, "fee_item": "residential-occupancy", "trigger": "lease"}
    key = {"Idempotency-Key": "3f1c2a9e-apply-once"}
    first = owner.post("/applications", body, headers=key)
    again = owner.post("/applications", body, headers=key)
    assert first[0] == again[0] == 201
    assert first[1]["id"] == again[1]["id"]
    assert Application.objects.count() == 1
    assert AuditEvent.objects.filter(action="submit").count() == 1
    assert OutboxMessage.objects.filter(key__startswith="application-received-").count() == 1
    # Without a key, a second POST is a second application.
    assert owner.post("/applications", body)[0] == 201
    assert Application.objects.count() == 2


def test_another_users_key_does_not_reveal_their_application(clock: Clock) -> None:
    person = factories.user("owner")
    unit = factories.unit("clayton-mo", owner=person)
    body = {"unit": unit.pk, "fee_item": "residential-occupancy", "trigger": "lease"}
    key = {"Idempotency-Key": "shared-key"}
    assert Api(person).post("/applications", body, headers=key)[0] == 201
    status, _ = Api(factories.user("someone-else")).post("/applications", body, headers=key)
    assert status == 404
    assert Application.objects.count() == 1


def test_the_same_payment_posted_twice_with_one_key_is_recorded_once(clock: Clock) -> None:
    who = people()
    case = submitted(who)
    clerk = Api(who.clerk)
    path = f"/applications/{case.pk}/payments"
    body = {"method": "check", "amount": "50.00"}
    key = {"Idempotency-Key": "receipt-7731"}
    first = clerk.post(path, body, headers=key)
    again = clerk.post(path, body, headers=key)
    assert first[0] == again[0] == 201
    assert first[1]["receipt_number"] == again[1]["receipt_number"]
    assert Payment.objects.count() == 1
    assert AuditEvent.objects.filter(action="record-payment").count() == 1
    assert OutboxMessage.objects.filter(key__startswith="receipt-").count() == 1
    assert clerk.get(f"/applications/{case.pk}")[1]["balance"] == "30.00"  # 80 - 50, once


def test_an_idempotency_key_is_short_plain_text() -> None:
    owner = Api(factories.user("owner"))
    body = {"unit": 1, "fee_item": "residential-occupancy", "trigger": "lease"}
    status, errors = owner.post("/applications", body, headers={"Idempotency-Key": "x" * 101})
    assert status == 422
    assert errors["detail"][0]["loc"] == ["header", "Idempotency-Key"]


def test_a_payment_key_used_on_another_case_is_not_replayed(clock: Clock) -> None:
    who = people()
    key = {"Idempotency-Key": "reused-key"}
    body = {"method": "check", "amount": "10.00"}
    clayton_case = submitted(who)
    county_case = submitted(who, "st-louis-county-mo", "re-occupancy-permit", "sale")
    path = f"/applications/{clayton_case.pk}/payments"
    assert Api(who.clerk).post(path, body, headers=key)[0] == 201
    path = f"/applications/{county_case.pk}/payments"
    status, answer = Api(who.clerk_elsewhere).post(path, body, headers=key)
    assert status == 409
    assert answer["detail"] == "this idempotency key was used for another payment"
    assert county_case.payments.count() == 0
