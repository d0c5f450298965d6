"""applications.withdraw_application: the applicant (or the staff) withdraws an open case."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application
from permitdesk.cases.services import applications
from tests import factories
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def withdraw(actor: User, case: Application) -> Application:
    return applications.withdraw_application(actor=actor, application=case, now=factories.MONDAY)


REFUSALS = [
    pytest.param(
        lambda who: partial(withdraw, who.other, factories.submitted(who)),
        "not-found",
        "not found",
        id="another applicant withdraws it",
    ),
    pytest.param(
        lambda who: partial(withdraw, who.inspector, factories.submitted(who)),
        "not-found",
        "not found",
        id="an inspector with no visit on the case withdraws it",
    ),
    pytest.param(
        lambda who: partial(withdraw, who.inspector, factories.scheduled(who)[0]),
        "forbidden",
        "may not withdraw",
        id="the assigned inspector withdraws it",
    ),
    pytest.param(
        lambda who: partial(withdraw, who.owner, factories.approved(who)),
        "status",
        "cannot withdraw a case that is approved",
        id="an approved case",
    ),
    pytest.param(
        lambda who: partial(withdraw, who.owner, factories.issued(who).application),
        "status",
        "cannot withdraw a case that is issued",
        id="a case with its permit",
    ),
    pytest.param(
        lambda who: partial(withdraw, who.owner, factories.withdrawn(who)),
        "status",
        "cannot withdraw a case that is withdrawn",
        id="a case withdrawn already",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


@pytest.mark.parametrize("by", ["owner", "clerk", "official"])
def test_a_withdrawal_writes_one_audit_event(who: factories.People, by: str) -> None:
    case, _ = factories.failed(who)
    with writes_one_event("withdraw") as written:
        withdraw(getattr(who, by), case)
    assert written.event.before == {"status": "failed"}
    assert written.event.after == {"status": "withdrawn"}
    case.refresh_from_db()
    assert case.status == Application.Status.WITHDRAWN
