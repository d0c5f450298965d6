"""approvals.lapse_approval: an approval whose window passed without a permit lapses."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from permitdesk.cases.models import Application
from permitdesk.cases.services import approvals
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import anywhere
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def lapse(case: Application, at: str = "2027-02-17 10:00") -> Application:
    """Clayton's approval of Wednesday 2026-11-18 runs 90 days, to 2027-02-16."""
    return approvals.lapse_approval(actor=None, application=case, now=central(at))


REFUSALS = [
    pytest.param(
        lambda who: partial(lapse, factories.approved(who), "2027-02-16 23:00"),
        "still-valid",
        "the approval is still valid",
        id="on its last day",
    ),
    pytest.param(
        lambda who: partial(lapse, factories.issued(who).application),
        "status",
        "cannot lapse approval a case that is issued",
        id="a case whose permit was issued",
    ),
    pytest.param(
        lambda who: partial(lapse, factories.failed(who)[0]),
        "status",
        "cannot lapse approval a case that is failed",
        id="a case never approved",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_lapse_writes_one_audit_event(who: factories.People) -> None:
    case = factories.approved(who)
    with writes_one_event("lapse-approval") as written:
        lapse(case)
    assert written.event.actor is None
    assert written.event.before == {"status": "approved"}
    assert written.event.after == {"status": "lapsed", "valid_through": "2027-02-16"}


def test_an_approval_lapses_only_after_its_window() -> None:
    slug = "clayton-mo"
    crew = factories.staff(slug)
    case = anywhere.approved_case(slug, crew, "E", "residential-occupancy")
    assert case.approval.valid_through == dt.date(2026, 6, 2)  # March 4 + 90 days
    with pytest.raises(Refused, match="still valid"):
        approvals.lapse_approval(actor=None, application=case, now=central("2026-06-02 23:00"))
    approvals.lapse_approval(actor=None, application=case, now=central("2026-06-03 08:00"))
    case.refresh_from_db()
    assert case.status == Application.Status.LAPSED
