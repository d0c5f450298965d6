"""permits.amend_permit: a new permit for a changed household, superseding the issued one."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import permits
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def amend(actor: User, case: Application) -> Permit:
    return permits.amend_permit(actor=actor, application=case, now=central("2026-11-20 10:00"))


REFUSALS = [
    pytest.param(
        lambda who: partial(amend, who.owner, factories.issued(who).application),
        "forbidden",
        "may not amend permit",
        id="the applicant amends it",
    ),
    pytest.param(
        lambda who: partial(amend, who.other, factories.issued(who).application),
        "not-found",
        "not found",
        id="another applicant amends it",
    ),
    pytest.param(
        lambda who: partial(amend, who.clerk, factories.approved(who)),
        "status",
        "cannot amend permit a case that is approved",
        id="a case with no permit yet",
    ),
    pytest.param(
        lambda who: partial(amend, who.clerk, factories.ended(who).application),
        "status",
        "cannot amend permit a case that is ended",
        id="a case whose permit ended",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_an_amendment_writes_one_audit_event_and_queues_the_new_permit(
    who: factories.People,
) -> None:
    issued = factories.issued(who)
    with writes_one_event("amend-permit", messages=("permit-issued",)) as written:
        amended = amend(who.clerk, issued.application)
    assert written.event.before == {"permit": issued.number}
    assert written.event.after == {"permit": amended.number, "ended": [issued.number]}
    assert amended.kind == Permit.Kind.AMENDED
    assert amended.ends_on == issued.ends_on
