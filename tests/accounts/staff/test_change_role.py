"""staff.change_role: one of a person's roles in a jurisdiction becomes another."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import staff
from permitdesk.accounts.models import Membership, Role
from tests import factories
from tests.accounts.staff.conftest import NOW, Division
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def change(actor: User | None, membership: Membership, role: str) -> Membership:
    return staff.change_role(actor=actor, membership=membership, role=role, now=NOW)


def _holding_both(who: Division) -> partial[Membership]:
    staff.grant_role(
        actor=who.admin, user=who.clerk, jurisdiction=who.clayton, role=Role.INSPECTOR, now=NOW
    )
    return partial(change, who.admin, who.membership(who.clerk, Role.CLERK), Role.INSPECTOR)


REFUSALS = [
    pytest.param(
        lambda who: partial(change, who.admin, who.membership(who.clerk, Role.CLERK), "boss"),
        "role",
        "role 'boss' is not one of",
        id="a role that does not exist",
    ),
    pytest.param(
        lambda who: partial(
            change, who.admin_elsewhere, who.membership(who.clerk, Role.CLERK), Role.INSPECTOR
        ),
        "forbidden",
        "you are not a division administrator of City of Clayton",
        id="another jurisdiction's administrator",
    ),
    pytest.param(
        lambda who: partial(
            change, who.admin, who.membership(who.clerk, Role.CLERK), Role.DIVISION_ADMIN
        ),
        "forbidden",
        "is given by an operator or a superuser",
        id="a clerk made a division administrator by one",
    ),
    pytest.param(
        lambda who: partial(
            change, who.admin, who.membership(who.admin, Role.DIVISION_ADMIN), Role.CLERK
        ),
        "forbidden",
        "is given by an operator or a superuser",
        id="a division administrator changes their own role",
    ),
    pytest.param(
        lambda who: partial(
            change, who.official, who.membership(who.clerk, Role.CLERK), Role.INSPECTOR
        ),
        "forbidden",
        "you are not a division administrator",
        id="a code official changes a clerk",
    ),
    pytest.param(
        lambda who: partial(change, who.admin, who.membership(who.clerk, Role.CLERK), Role.CLERK),
        "unchanged",
        "is already clerk",
        id="the same role",
    ),
    pytest.param(
        _holding_both,
        "already",
        "already holds inspector",
        id="a role the person holds already",
    ),
    pytest.param(
        lambda who: partial(
            change, who.superuser, who.membership(who.admin, Role.DIVISION_ADMIN), Role.CLERK
        ),
        "last-division-admin",
        "is the last division administrator of City of Clayton",
        id="the last division administrator",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_change_writes_one_audit_event_and_mails_the_person(who: Division) -> None:
    membership = who.membership(who.clerk, Role.CLERK)
    with writes_one_event("change-role", messages=("role-changed",)) as written:
        changed = change(who.admin, membership, Role.CODE_OFFICIAL)
    assert (changed.pk, changed.role) == (membership.pk, Role.CODE_OFFICIAL)
    assert written.event.before["role"] == "clerk"
    assert written.event.after["role"] == "code-official"
    assert written.event.actor == who.admin
    [message] = written.messages
    assert message.to == who.clerk.email
    assert "from clerk to code-official" in message.body


def test_a_second_administrator_lets_an_operator_change_the_first(who: Division) -> None:
    factories.user("clayton-admin-2", Role.DIVISION_ADMIN, "clayton-mo")
    with writes_one_event("change-role", messages=("role-changed",)) as written:
        staff.change_role(
            actor=None,
            membership=who.membership(who.admin, Role.DIVISION_ADMIN),
            role=Role.CODE_OFFICIAL,
            now=NOW,
            operator="jo",
        )
    assert written.event.after == {
        "user": "clayton-admin",
        "jurisdiction": "clayton-mo",
        "role": "code-official",
        "operator": "jo",
    }
