"""staff.grant_role: an operator, a superuser or a division administrator gives a staff role."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts import staff
from permitdesk.accounts.models import Membership, Role
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.lifecycle import Refused
from tests.accounts.staff.conftest import NOW, Division
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def grant(
    actor: User | None, person: User, role: str, place: Jurisdiction, operator: str = ""
) -> Membership:
    return staff.grant_role(
        actor=actor, user=person, jurisdiction=place, role=role, now=NOW, operator=operator
    )


def _deactivated(who: Division) -> partial[Membership]:
    who.applicant.is_active = False
    who.applicant.save()
    return partial(grant, who.admin, who.applicant, Role.CLERK, who.clayton)


REFUSALS = [
    pytest.param(
        lambda who: partial(grant, who.admin, who.applicant, "mayor", who.clayton),
        "role",
        "role 'mayor' is not one of: clerk, inspector, code-official, division-admin",
        id="a role that does not exist",
    ),
    pytest.param(
        lambda who: partial(grant, who.admin, who.applicant, Role.CLERK, who.elsewhere),
        "forbidden",
        "you are not a division administrator of St. Louis County",
        id="a division administrator grants in another jurisdiction",
    ),
    pytest.param(
        lambda who: partial(grant, who.admin_elsewhere, who.applicant, Role.CLERK, who.clayton),
        "forbidden",
        "you are not a division administrator of",
        id="another jurisdiction's administrator grants here",
    ),
    pytest.param(
        lambda who: partial(grant, who.admin, who.applicant, Role.DIVISION_ADMIN, who.clayton),
        "forbidden",
        "is given by an operator or a superuser",
        id="a division administrator makes another",
    ),
    pytest.param(
        lambda who: partial(grant, who.admin, who.admin, Role.CODE_OFFICIAL, who.clayton),
        "forbidden",
        "you may not change your own roles",
        id="a division administrator grants themself a case role",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, who.applicant, Role.CLERK, who.clayton),
        "forbidden",
        "you are not a division administrator of",
        id="a code official grants",
    ),
    pytest.param(
        lambda who: partial(grant, who.applicant, who.applicant, Role.CLERK, who.clayton),
        "forbidden",
        "you are not a division administrator of",
        id="an applicant grants themself",
    ),
    pytest.param(
        lambda who: partial(grant, who.admin, who.clerk, Role.CLERK, who.clayton),
        "already",
        "is already clerk in",
        id="a role already held",
    ),
    pytest.param(
        _deactivated,
        "inactive",
        "is deactivated",
        id="a deactivated account",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_refusal_names_its_field(who: Division) -> None:
    with pytest.raises(Refused) as refused:
        grant(who.admin, who.applicant, "mayor", who.clayton)
    assert (refused.value.code, refused.value.field) == ("role", "role")


def test_a_grant_writes_one_audit_event_and_mails_the_person(who: Division) -> None:
    with writes_one_event("grant-role", messages=("role-granted",)) as written:
        membership = grant(who.admin, who.applicant, Role.INSPECTOR, who.clayton)
    assert (membership.user, membership.jurisdiction, membership.role) == (
        who.applicant,
        who.clayton,
        Role.INSPECTOR,
    )
    event = written.event
    assert (event.actor, event.jurisdiction_slug) == (who.admin, "clayton-mo")
    assert event.before == {"user": "applicant", "jurisdiction": "clayton-mo", "role": None}
    assert event.after == {"user": "applicant", "jurisdiction": "clayton-mo", "role": "inspector"}
    [message] = written.messages
    assert message.to == "applicant@example.test"
    assert "inspector" in message.subject
    assert "City of Clayton" in message.body


def test_an_operator_grants_a_division_administrator_and_is_named(who: Division) -> None:
    with writes_one_event("grant-role", messages=("role-granted",)) as written:
        grant(None, who.applicant, Role.DIVISION_ADMIN, who.elsewhere, operator="jo")
    assert written.event.actor is None
    assert written.event.after["operator"] == "jo"
    assert "an operator" in written.messages[0].body.lower()


def test_a_superuser_grants_anywhere_without_a_membership(who: Division) -> None:
    with writes_one_event("grant-role", messages=("role-granted",)):
        grant(who.superuser, who.applicant, Role.DIVISION_ADMIN, who.elsewhere)
    assert staff.administers(who.applicant, who.elsewhere.pk)


def test_a_person_without_an_address_gets_the_role_and_no_message(who: Division) -> None:
    who.applicant.email = ""
    who.applicant.save()
    with writes_one_event("grant-role", messages=()):
        grant(who.admin, who.applicant, Role.CLERK, who.clayton)
