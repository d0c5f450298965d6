"""The county's 48 hours (004: "an occupancy permit is generated in 48 hours"): the clerk's
ready-to-issue queue lists the approved cases whose occupants are named, with the hours left
and a flag when late."""

from __future__ import annotations

import datetime as dt

import pytest

from permitdesk.accounts.models import Role
from permitdesk.cases.selectors.queues import clerk_queue
from permitdesk.cases.services import occupants
from permitdesk.law.loader import get_pack
from permitdesk.rules.deadlines import permit_issue_due
from tests import factories
from tests.factories.recent import approved, paid, submitted
from tests.moments import central
from tests.web.staff.conftest import client_of


def test_the_48_hours_run_from_the_passing_inspection() -> None:
    pack = get_pack("st-louis-county-mo")
    passed = central("2026-11-16 10:00")
    due = permit_issue_due(pack, passed, central("2026-11-17 10:00"))
    assert due is not None
    assert due.due == central("2026-11-18 10:00")
    assert (due.hours_left, due.late) == (24, False)
    late = permit_issue_due(pack, passed, central("2026-11-18 13:00"))
    assert late is not None
    assert (late.late, late.hours_late) == (True, 3)
    assert "48 hours" in late.citation
    assert permit_issue_due(get_pack("clayton-mo"), passed, passed) is None


@pytest.mark.django_db
def test_the_ready_to_issue_queue_shows_the_hours_and_flags_the_late() -> None:
    slug = "st-louis-county-mo"
    crew = factories.staff(slug)
    owner = factories.user("owner")
    waiting = submitted(owner, slug)
    paid(waiting, crew[Role.CLERK])
    approved(waiting, crew)
    unnamed = clerk_queue(waiting.jurisdiction_id, "ready-to-issue", dt.date(2026, 12, 1))
    assert not unnamed.exists()  # no occupant named yet: awaiting occupants, not ready
    occupants.add_occupant(
        actor=owner,
        application=waiting,
        first_name="Nora",
        last_name="Newcomer",
        now=waiting.inspections.get().completed_at + dt.timedelta(hours=1),
    )
    html = client_of(crew[Role.CLERK]).get(f"/staff/{slug}/queues/ready-to-issue/")
    assert html.status_code == 200
    text = html.content.decode()
    assert f"Application {waiting.pk}" in text
    assert "Permit due" in text
    assert "Late by" in text  # passed about a fortnight ago: far past its 48 hours
    assert "an occupancy permit is generated in 48 hours" in text
