"""permit_amendments.amend_permit: a new permit for a changed household, superseding the issued one."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.cases.models import Application, Permit
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import occupants, payments, permit_amendments, permits
from tests import factories
from tests.factories import anywhere
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db
AFTER = central("2026-03-05 10:00")  # the day after the inspection passed


def amend(actor: User, case: Application) -> Permit:
    return permit_amendments.amend_permit(
        actor=actor, application=case, now=central("2026-11-20 10:00")
    )


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


def test_an_amended_permit_supersedes_the_issued_one_and_st_clair_charges_25() -> None:
    slug = "st-clair-county-il"
    crew = factories.staff(slug)
    case = anywhere.approved_case(slug, crew, "D", "occupancy-inspection")
    occupants.add_occupant(
        actor=crew[Role.CLERK], application=case, first_name="G", last_name="Renter", now=AFTER
    )
    payments.record_payment(
        actor=crew[Role.CLERK], application=case, method="cash", amount=Decimal("35.00"), now=AFTER
    )
    first = permits.issue_permit(
        actor=crew[Role.CLERK], application=case, now=AFTER, evidence="lease"
    )
    occupants.add_occupant(
        actor=crew[Role.CLERK], application=case, first_name="H", last_name="Renter", now=AFTER
    )
    amended = permit_amendments.amend_permit(actor=crew[Role.CLERK], application=case, now=AFTER)
    first.refresh_from_db()
    assert first.end_reason == "superseded by an amended permit"
    assert amended.kind == Permit.Kind.AMENDED
    assert balance_due(case) == Decimal("25.00")  # Occupancy Permit Amended
