"""staff.revoke_role: a person's role in a jurisdiction ends (the account stays)."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import staff
from permitdesk.accounts.models import Membership, Role
from permitdesk.accounts.permissions import Forbidden
from tests import factories
from tests.accounts.staff.conftest import NOW, Division
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def revoke(actor: User | None, membership: Membership) -> Membership:
    return staff.revoke_role(actor=actor, membership=membership, now=NOW)


REFUSALS = [
    pytest.param(
        lambda who: partial(revoke, who.admin_elsewhere, who.membership(who.clerk, Role.CLERK)),
        "forbidden",
        "you are not a division administrator of City of Clayton",
        id="another jurisdiction's administrator",
    ),
    pytest.param(
        lambda who: partial(revoke, who.clerk, who.membership(who.inspector, Role.INSPECTOR)),
        "forbidden",
        "you are not a division administrator",
        id="a clerk revokes an inspector",
    ),
    pytest.param(
        lambda who: partial(revoke, who.applicant, who.membership(who.clerk, Role.CLERK)),
        "forbidden",
        "you are not a division administrator",
        id="an applicant",
    ),
    pytest.param(
        lambda who: partial(revoke, who.admin, who.membership(who.admin, Role.DIVISION_ADMIN)),
        "forbidden",
        "is given by an operator or a superuser",
        id="a division administrator revokes their own role",
    ),
    pytest.param(
        lambda who: partial(revoke, None, who.membership(who.admin, Role.DIVISION_ADMIN)),
        "last-division-admin",
        "grant the role to someone else first",
        id="an operator revokes the last division administrator",
    ),
    pytest.param(
        lambda who: partial(revoke, who.superuser, who.membership(who.admin, Role.DIVISION_ADMIN)),
        "last-division-admin",
        "is the last division administrator",
        id="a superuser revokes the last division administrator",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_revocation_writes_one_audit_event_and_mails_the_person(who: Division) -> None:
    membership = who.membership(who.inspector, Role.INSPECTOR)
    with writes_one_event("revoke-role", messages=("role-revoked",)) as written:
        gone = revoke(who.admin, membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert written.event.object_id == str(gone.pk) == str(membership.pk)
    assert written.event.before["role"] == "inspector"
    assert written.event.after["role"] is None
    [message] = written.messages
    assert message.to == who.inspector.email
    assert "no longer inspector" in message.subject
    assert User.objects.filter(pk=who.inspector.pk, is_active=True).exists()


def test_one_of_two_division_administrators_may_go_but_not_by_the_other(who: Division) -> None:
    second = factories.user("clayton-admin-2", Role.DIVISION_ADMIN, "clayton-mo")
    first = who.membership(who.admin, Role.DIVISION_ADMIN)
    with pytest.raises(Forbidden):
        revoke(second, first)
    with writes_one_event("revoke-role", messages=("role-revoked",)):
        revoke(None, first)
    assert not staff.administers(who.admin, who.clayton.pk)
