"""A change and its audit event commit together or not at all.

The audit write is made to fail inside the service's transaction; nothing of the change may
remain. transaction=True: the service's atomic block is the outermost one, so this is a real
rollback, not a savepoint inside the test's transaction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NoReturn

import pytest

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import payments, permits
from tests.factories import county
from tests.moments import central

pytestmark = pytest.mark.django_db(transaction=True)


class AuditStoreDown(RuntimeError):
    pass


def _audit_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def bulk_create(events: list[AuditEvent], *args: object, **kwargs: object) -> NoReturn:
        raise AuditStoreDown(f"cannot write audit event {events[0].action}")

    # The manager method permitdesk.audit.services.record_all() writes every event through
    # (AuditEvent.objects is one object, whichever module names it).
    monkeypatch.setattr(AuditEvent.objects, "bulk_create", bulk_create)


def test_a_permit_is_not_issued_when_its_audit_event_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = county.crew()
    case = county.approved_case_with_occupants(people)
    events_before = AuditEvent.objects.count()
    _audit_fails(monkeypatch)

    with pytest.raises(AuditStoreDown, match="issue-permit"):
        permits.issue_permit(actor=people.clerk, application=case, now=central("2026-04-06 09:00"))

    monkeypatch.undo()
    case.refresh_from_db()
    assert case.status == Application.Status.APPROVED
    assert Permit.objects.count() == 0
    assert AuditEvent.objects.count() == events_before
    assert not OutboxMessage.objects.filter(key__startswith="permit-issued-").exists()
    # Nothing was left half-done: the permit can be issued once the audit trail works.
    permit = permits.issue_permit(
        actor=people.clerk, application=case, now=central("2026-04-06 09:05")
    )
    assert AuditEvent.objects.filter(action="issue-permit", object_id=str(permit.pk)).count() == 1


def test_a_payment_is_not_recorded_when_its_audit_event_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = county.crew()
    case = county.submitted_case(people)
    _audit_fails(monkeypatch)

    with pytest.raises(AuditStoreDown, match="record-payment"):
        payments.record_payment(
            actor=people.clerk,
            application=case,
            method="check",
            amount=Decimal("80.00"),
            now=central("2026-04-01 11:00"),
        )

    monkeypatch.undo()
    assert Payment.objects.count() == 0
    assert balance_due(case) == Decimal("80.00")
    assert not OutboxMessage.objects.filter(key__startswith="receipt-").exists()
    assert not AuditEvent.objects.filter(action="record-payment").exists()
