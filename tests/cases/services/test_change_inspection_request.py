"""inspection_requests.reschedule_inspection and cancel_inspection: a pending inspection moved
or called off while its day is still open to a new request (Clayton: before the 4:00 PM
cut-off of the business day before), with no fee (every pack: "none"), audited and told to
the applicant and to the inspector it released."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.selectors.ledger import balance_due
from permitdesk.cases.services import inspection_requests, inspections
from permitdesk.cases.services.inspections import ViolationInput
from tests import factories
from tests.factories import paperwork
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2026, 11, 19)
SATURDAY = dt.date(2026, 11, 21)
MONDAY_LATER = central("2026-11-16 11:00")


def move(
    actor: User,
    visit: Inspection,
    day: dt.date = THURSDAY,
    window: str = "pm",
    at: dt.datetime = MONDAY_LATER,
) -> Inspection:
    return inspection_requests.reschedule_inspection(
        actor=actor, inspection=visit, wanted_on=day, window=window, now=at
    )


def cancel(actor: User, visit: Inspection, at: dt.datetime = MONDAY_LATER) -> Application:
    return inspection_requests.cancel_inspection(
        actor=actor, inspection=visit, now=at, reason="tenant delayed"
    )


REFUSALS = [
    pytest.param(
        lambda who: partial(move, who.owner, factories.scheduled(who)[1], SATURDAY),
        "closed-day",
        "is not a business day",
        id="moved to a Saturday",
    ),
    pytest.param(
        lambda who: partial(move, who.owner, factories.scheduled(who)[1], window="noon"),
        "invalid",
        "window 'noon' is not one of: am, pm, any",
        id="a part of the day that is not one",
    ),
    pytest.param(
        lambda who: partial(
            move, who.owner, factories.scheduled(who)[1], factories.WEDNESDAY, "am"
        ),
        "unchanged",
        "already booked for that day and time",
        id="moved to the day it has",
    ),
    pytest.param(
        lambda who: partial(
            move, who.owner, factories.scheduled(who)[1], at=central("2026-11-17 16:30")
        ),
        "schedule-set",
        "already on the inspector's schedule",
        id="moved after the cut-off the day before",
    ),
    pytest.param(
        lambda who: partial(
            cancel, who.owner, factories.scheduled(who)[1], central("2026-11-18 08:00")
        ),
        "schedule-set",
        "can no longer be moved or cancelled here; call the division",
        id="cancelled on the day",
    ),
    pytest.param(
        lambda who: partial(move, who.other, factories.scheduled(who)[1]),
        "not-found",
        "not found",
        id="another applicant moves it",
    ),
    pytest.param(
        lambda who: partial(cancel, who.inspector, factories.scheduled(who)[1]),
        "forbidden",
        "may not change inspection request",
        id="the inspector cancels it",
    ),
    pytest.param(
        lambda who: partial(cancel, who.owner, factories.failed(who)[1]),
        "status",
        "a case that is failed",
        id="a visit already recorded",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_move_releases_the_inspector_and_tells_both(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    messages = ("inspection-rescheduled", "inspection-rescheduled")
    with writes_one_event("reschedule-inspection", messages) as written:
        moved = move(who.owner, visit)
    assert (moved.scheduled_on, moved.window, moved.inspector_id) == (THURSDAY, "pm", None)
    assert moved.request.wanted_on == THURSDAY
    assert written.event.before == {
        "number": 1,
        "scheduled_on": "2026-11-18",
        "window": "am",
        "inspector": who.inspector.pk,
    }
    assert written.event.after["scheduled_on"] == "2026-11-19"
    assert written.event.after["fee"] == "none"
    assert {m.to for m in written.messages} == {who.owner.email, who.inspector.email}
    body = written.messages[0].body
    assert "November 18, 2026" in body
    assert "November 19, 2026, afternoon (PM)" in body
    assert "There is no fee for moving a request." in body
    case.refresh_from_db()
    assert case.status == Application.Status.INSPECTION_REQUESTED


def test_a_clerk_may_move_it_for_the_applicant(who: factories.People) -> None:
    _, visit = factories.requested(who)
    with writes_one_event("reschedule-inspection", ("inspection-rescheduled",)):
        move(who.clerk, visit)


def test_a_cancellation_returns_the_case_to_where_it_was(who: factories.People) -> None:
    case, visit = factories.scheduled(who)
    messages = ("inspection-cancelled", "inspection-cancelled")
    with writes_one_event("cancel-inspection", messages) as written:
        cancel(who.owner, visit)
    case.refresh_from_db()
    assert case.status == Application.Status.SUBMITTED
    assert not case.inspections.exists()
    assert written.event.before["status"] == "inspection-requested"
    assert written.event.after["status"] == "submitted"
    assert written.event.after["reason"] == "tenant delayed"
    assert "There is no fee for cancelling a request." in written.messages[0].body


def test_a_cancelled_re_inspection_waives_its_fee_and_goes_back_to_failed() -> None:
    who = factories.people("st-clair-county-il")
    failed = paperwork.failed(
        who,
        "st-clair-county-il",
        "occupancy-inspection",
        Decimal("125.00"),
        [ViolationInput("IPMC 704.2", "No smoke alarm")],
    )
    case = failed.application
    again = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=dt.date(2026, 11, 25),
        window="am",
        contact_name="O",
        contact_phone="1",
        now=central("2026-11-19 10:00"),
    )
    assert balance_due(Application.objects.get(pk=case.pk)) == Decimal("50.00")
    cancel(who.owner, again, central("2026-11-20 10:00"))
    case = Application.objects.get(pk=case.pk)
    assert case.status == Application.Status.FAILED
    assert balance_due(case) == Decimal("0.00")
    assert case.fee_lines.exclude(waived_reason="").count() == 1
    # The next request is visit 2 again, and charged again.
    visit = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=dt.date(2026, 11, 30),
        window="am",
        contact_name="O",
        contact_phone="1",
        now=central("2026-11-20 11:00"),
    )
    assert visit.number == 2
    assert balance_due(Application.objects.get(pk=case.pk)) == Decimal("50.00")
