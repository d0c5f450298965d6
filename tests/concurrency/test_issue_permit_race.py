"""Two clerks at once, on SQLite and on PostgreSQL: one permit, one payment within the balance.

The case row lock (select_for_update in services.base.locked) makes the second clerk wait on
PostgreSQL and then find the case changed; SQLite ignores the row lock but lets one writer at a
time, so the outcome is the same. The tests commit for real (transaction=True): each thread
has its own connection and sees only what the other committed.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, Payment, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import payments, permits
from permitdesk.rules.lifecycle import Refused
from tests.concurrency.racing import at_once, widened
from tests.factories import county
from tests.moments import central

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_clerks_issuing_the_same_permit_at_once_get_one_permit() -> None:
    people = county.crew()
    case = county.approved_case_with_occupants(people)
    now = central("2026-04-06 09:00")

    with widened(permits, "check_issue_permit"):
        outcomes = at_once(
            lambda: permits.issue_permit(actor=people.clerk, application=case, now=now),
            lambda: permits.issue_permit(actor=people.second_clerk, application=case, now=now),
        )

    won = [o for o in outcomes if o.error is None]
    lost = [o for o in outcomes if o.error is not None]
    assert len(won) == 1, [repr(o.error) for o in outcomes]
    assert isinstance(won[0].result, Permit)
    assert len(lost) == 1
    assert isinstance(lost[0].error, Refused), repr(lost[0].error)
    assert "case that is issued" in str(lost[0].error)
    assert Permit.objects.count() == 1
    assert Permit.objects.get().number == won[0].result.number
    assert AuditEvent.objects.filter(action="issue-permit").count() == 1
    assert OutboxMessage.objects.filter(key__startswith="permit-issued-").count() == 1
    case.refresh_from_db()
    assert case.status == Application.Status.ISSUED


def test_two_payments_that_together_exceed_the_balance_record_only_one() -> None:
    people = county.crew()
    case = county.submitted_case(people)
    assert balance_due(case) == Decimal("80.00")
    now = central("2026-04-01 11:00")

    def pay(clerk: User) -> Payment:
        return payments.record_payment(
            actor=clerk,
            application=case,
            method="check",
            amount=Decimal("50.00"),
            now=now,
        )

    with widened(payments, "balance_due"):
        outcomes = at_once(lambda: pay(people.clerk), lambda: pay(people.second_clerk))

    won = [o for o in outcomes if o.error is None]
    lost = [o for o in outcomes if o.error is not None]
    assert len(won) == 1, [repr(o.error) for o in outcomes]
    assert len(lost) == 1
    assert isinstance(lost[0].error, Refused), repr(lost[0].error)
    # On SQLite balance_due() comes back without its two places ("30"); PostgreSQL: "30.00".
    assert re.search(r"amount 50\.00 is more than the 30(\.00)? due", str(lost[0].error))
    assert Payment.objects.count() == 1
    assert Payment.objects.get().amount == Decimal("50.00")
    assert balance_due(case) == Decimal("30.00")
    assert AuditEvent.objects.filter(action="record-payment").count() == 1
