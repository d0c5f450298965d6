"""permit_endings.end_permit: a permit ends (change of tenancy, expiry, revocation...)."""

from __future__ import annotations

from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Permit
from permitdesk.cases.services import permit_endings
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def end(actor: User, permit: Permit, reason: str = "change-of-tenancy") -> Permit:
    return permit_endings.end_permit(
        actor=actor, permit=permit, reason=reason, now=central("2026-11-20 10:00")
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(end, who.clerk, factories.issued(who), "boredom"),
        "choice",
        "reason 'boredom' is not one of: change-of-tenancy, change-of-occupancy",
        id="a reason that does not exist",
    ),
    pytest.param(
        lambda who: partial(end, who.owner, factories.issued(who)),
        "forbidden",
        "may not end permit",
        id="the applicant ends it",
    ),
    pytest.param(
        lambda who: partial(end, who.clerk_elsewhere, factories.issued(who)),
        "not-found",
        "not found",
        id="a clerk of another jurisdiction ends it",
    ),
    pytest.param(
        lambda who: partial(end, who.clerk, factories.ended(who)),
        "status",
        "cannot end permit a case that is ended",
        id="a permit ended already",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_an_end_writes_one_audit_event_and_ends_the_case(who: factories.People) -> None:
    permit = factories.issued(who)
    with writes_one_event("end-permit") as written:
        end(who.clerk, permit, "revoked")
    assert written.event.before == {"status": "issued"}
    assert written.event.after == {"status": "ended", "permit": permit.number, "reason": "revoked"}
    permit.application.refresh_from_db()
    assert permit.application.status == Application.Status.ENDED
