"""Twenty sign-ups with one e-mail address at once: one account, one audit event, and every
other sign-up told the address is taken (it was seven server errors: each loser's insert met
the unique user name). On PostgreSQL the losers wait for the winner's commit; on SQLite they
retry after its lock, as tests/concurrency/cases.at_once describes."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import registration
from permitdesk.accounts.registration import EmailTaken, register_applicant
from permitdesk.audit.models import AuditEvent
from tests.concurrency.cases import at_once, widened
from tests.moments import central

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_up() -> User:
    return register_applicant(
        email="Ada@Example.test",
        first_name="Ada",
        last_name="Owner",
        password="a long enough password",
        now=central("2026-11-16 10:00"),
    )


def test_twenty_sign_ups_with_one_address_make_one_account_and_no_server_error() -> None:
    # Every thread passes the "is it taken?" check before any inserts.
    with widened(registration, "email_taken"):
        outcomes = at_once(*[_sign_up] * 20)

    won = [o for o in outcomes if o.error is None]
    lost = [o for o in outcomes if o.error is not None]
    assert len(won) == 1, [repr(o.error) for o in lost if not isinstance(o.error, EmailTaken)]
    assert all(isinstance(o.error, EmailTaken) for o in lost), [repr(o.error) for o in lost]
    assert "ada@example.test exists already" in str(lost[0].error)
    assert User.objects.filter(username="ada@example.test").count() == 1
    assert AuditEvent.objects.filter(action="register").count() == 1
