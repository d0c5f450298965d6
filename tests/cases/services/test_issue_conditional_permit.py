"""permits.issue_conditional_permit: the village's temporary conditional permit after a failed
inspection, on the owner's statement that the deficiencies will be corrected by a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import permits
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 18)


@pytest.fixture
def who(db: None) -> factories.People:
    return factories.people(factories.VILLAGE)


def failed(who: factories.People) -> Application:
    return factories.failed_in_the_village(who)


def _in_clayton(who: factories.People) -> Callable[[], object]:
    """A Clayton case whose inspection failed, and Clayton's code official granting it."""
    crew = factories.staff("clayton-mo")
    clayton = replace(
        who,
        clerk=crew[Role.CLERK],
        inspector=crew[Role.INSPECTOR],
        official=crew[Role.CODE_OFFICIAL],
    )
    return partial(grant, clayton.official, factories.failed(clayton)[0])


def grant(
    actor: User, case: Application, statement: str = "I will fix it.", due: dt.date = DUE
) -> Permit:
    return permits.issue_conditional_permit(
        actor=actor,
        application=case,
        owner_statement=statement,
        correction_due_on=due,
        now=factories.ON_WEDNESDAY,
    )


REFUSALS = [
    pytest.param(
        lambda who: _in_clayton(who),
        "not-offered",
        "does not provide for conditional occupancy permits",
        id="Clayton, which has none",
    ),
    pytest.param(
        lambda who: partial(grant, who.clerk, failed(who)),
        "forbidden",
        "may not issue conditional permit",
        id="a clerk grants it",
    ),
    pytest.param(
        lambda who: partial(grant, who.owner, failed(who)),
        "forbidden",
        "may not issue conditional permit",
        id="the applicant grants it",
    ),
    pytest.param(
        lambda who: partial(
            grant,
            who.official,
            factories.scheduled(
                who, factories.submitted(who, factories.VILLAGE, "occupancy-permit", "sale")
            )[0],
        ),
        "status",
        "cannot issue conditional permit a case that is inspection-requested",
        id="before any inspection failed",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, failed(who), statement="  "),
        "required",
        "needs the owner's statement",
        id="without the owner's statement",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, failed(who), due=factories.WEDNESDAY),
        "past",
        "the correction date must be in the future",
        id="corrections due today",
    ),
    pytest.param(
        lambda who: partial(grant, who.official, failed(who), due=dt.date(2028, 1, 3)),
        "out-of-range",
        "correction_due_on 2028-01-03 is out of range",
        id="corrections due more than a year ahead",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_conditional_permit_writes_one_audit_event_and_queues_its_notice(
    who: factories.People,
) -> None:
    case = failed(who)
    with writes_one_event("issue-conditional-permit", messages=("permit-issued",)) as written:
        permit = grant(who.official, case, statement=" I will fix it. ")
    assert written.event.before == {"status": "failed"}
    assert written.event.after == {
        "status": "conditional",
        "permit": permit.number,
        "correction_due_on": "2026-12-18",
        "owner_statement": "I will fix it.",
        "ended": [],
    }
