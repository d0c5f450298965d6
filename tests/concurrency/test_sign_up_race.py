"""Twenty sign-ups with one e-mail address, their links followed at once: one account, one
audit event, every other link refused with a message (it was seven server errors when sign-up
made the account at once: each loser's insert met the unique user name). On PostgreSQL the
losers wait for the winner's commit; on SQLite they retry after its lock, as
tests/concurrency/racing.at_once describes."""

from __future__ import annotations

import secrets

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import registration
from permitdesk.accounts.models import SignUpRequest, token_digest
from permitdesk.accounts.registration import verify_sign_up
from permitdesk.audit.models import AuditEvent
from permitdesk.rules.lifecycle import Refused
from tests.concurrency.racing import at_once, widened
from tests.moments import central

pytestmark = pytest.mark.django_db(transaction=True)

NOW = central("2026-11-16 10:00")


def _link() -> str:
    """A pending sign-up for ada@example.test, as request_sign_up stores it; its token."""
    token = secrets.token_urlsafe(32)
    SignUpRequest.objects.create(
        email="ada@example.test",
        first_name="Ada",
        last_name="Owner",
        password="!",
        digest=token_digest(token),
        created_at=NOW,
    )
    return token


def test_twenty_links_for_one_address_followed_at_once_make_one_account() -> None:
    tokens = [_link() for _ in range(20)]
    # Every thread passes the "has the address an account?" check before any inserts.
    with widened(registration, "account_with"):
        outcomes = at_once(*[lambda t=t: verify_sign_up(token=t, now=NOW) for t in tokens])
    won = [o for o in outcomes if o.error is None]
    lost = [o for o in outcomes if o.error is not None]
    assert len(won) == 1, [repr(o.error) for o in lost if not isinstance(o.error, Refused)]
    assert all(isinstance(o.error, Refused) for o in lost), [repr(o.error) for o in lost]
    assert "already has an account" in str(lost[0].error)
    assert User.objects.filter(username="ada@example.test").count() == 1
    assert AuditEvent.objects.filter(action="register").count() == 1
