"""permits.issue_temporary_permit: St. Clair's temporary permit (utilities in the owner's name;
it never authorises occupancy), applied for in person by the owner or agent."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import applications, permits
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories.anywhere import MONDAY
from tests.factories.anywhere import file_case as _file
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

ST_CLAIR = "st-clair-county-il"


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people(ST_CLAIR)


def case_of(who: factories.People) -> Application:
    return factories.submitted(who, ST_CLAIR, "occupancy-inspection", "lease")


def grant(actor: User, case: Application, **more: Any) -> Permit:
    return permits.issue_temporary_permit(
        actor=actor, application=case, now=factories.MONDAY, **more
    )


def _withdrawn(who: factories.People) -> partial[Permit]:
    case = applications.withdraw_application(
        actor=who.owner, application=case_of(who), now=factories.MONDAY
    )
    return partial(grant, who.official, case)


REFUSALS = [
    pytest.param(
        lambda who: partial(
            grant,
            factories.user("clayton-official", Role.CODE_OFFICIAL, "clayton-mo"),
            factories.submitted(who),
        ),
        "not-offered",
        "does not provide for temporary occupancy permits",
        id="Clayton, which has none",
    ),
    pytest.param(
        lambda who: partial(grant, who.clerk, case_of(who)),
        "forbidden",
        "may not issue temporary permit",
        id="a clerk grants it",
    ),
    pytest.param(
        lambda who: partial(grant, who.other, case_of(who)),
        "not-found",
        "not found",
        id="another applicant asks for it",
    ),
    pytest.param(
        _withdrawn,
        "status",
        "cannot issue temporary permit a case that is withdrawn",
        id="a withdrawn case",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, case_of(who), applied_by="tenant"),
        "applicant",
        "not by the tenant in person",
        id="the tenant applies",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, case_of(who), channel="online"),
        "applicant",
        "not by the owner online",
        id="the owner applies online",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_temporary_permit_writes_one_audit_event(who: factories.People) -> None:
    case = case_of(who)
    with writes_one_event("issue-temporary-permit") as written:
        permit = grant(who.official, case, applied_by="agent")
    assert written.event.after == {
        "permit": permit.number,
        "authorizes_occupancy": False,
        "applied_by": "agent",
        "channel": "in-person",
    }
    case.refresh_from_db()
    assert case.status == Application.Status.SUBMITTED  # it authorises no occupancy


def test_st_clairs_temporary_permit_is_applied_for_in_person_by_the_owner_or_agent() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = _file(slug, factories.user("owner"))
    with pytest.raises(Refused, match="owner-in-person, agent-in-person"):
        permits.issue_temporary_permit(
            actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, channel="online"
        )
    with pytest.raises(Refused, match="not by the tenant in person"):
        permits.issue_temporary_permit(
            actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, applied_by="tenant"
        )
    permit = permits.issue_temporary_permit(
        actor=crew[Role.CODE_OFFICIAL], application=case, now=MONDAY, applied_by="agent"
    )
    assert permit.kind == "temporary"
