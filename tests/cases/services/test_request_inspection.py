"""inspections.request_inspection: the case's next inspection, on a day the rules allow."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.cases.models import Application, Inspection
from permitdesk.cases.services import inspections
from permitdesk.law.loader import get_pack
from permitdesk.rules.calendar import earliest_inspection_day
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.factories import request
from tests.factories.anywhere import MONDAY, SUNDAY
from tests.factories.anywhere import file_case as _file
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db

TUESDAY, SATURDAY = dt.date(2026, 11, 17), dt.date(2026, 11, 21)


def ask(
    actor: User,
    case: Application,
    wanted_on: dt.date = factories.WEDNESDAY,
    override_reason: str = "",
) -> Inspection:
    return inspections.request_inspection(
        actor=actor,
        application=case,
        wanted_on=wanted_on,
        window="am",
        contact_name="Pat Owner",
        contact_phone="314-555-0100",
        now=factories.MONDAY,
        override_reason=override_reason,
    )


def _unpaid_in_the_village(who: factories.People) -> partial[Inspection]:
    case = factories.submitted(who, factories.VILLAGE, "occupancy-permit", "sale")
    return partial(ask, who.owner, case)


REFUSALS = [
    pytest.param(
        lambda who: partial(ask, who.other, factories.paid(who)),
        "not-found",
        "not found",
        id="another applicant asks",
    ),
    pytest.param(
        lambda who: partial(ask, who.inspector, factories.failed(who)[0]),
        "forbidden",
        "may not request inspection",
        id="the case's inspector asks",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.paid(who), dt.date(2026, 11, 13)),
        "out-of-range",
        "wanted_on 2026-11-13 is out of range",
        id="a day in the past",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.paid(who), dt.date(2028, 1, 3)),
        "out-of-range",
        "wanted_on 2028-01-03 is out of range",
        id="a day more than a year ahead",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.paid(who), SATURDAY),
        "closed-day",
        "is not a business day (Saturday)",
        id="a Saturday",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.paid(who), TUESDAY),
        "too-early",
        "the first day this request can be placed on is 2026-11-18",
        id="before processing and the cut-off allow",
    ),
    pytest.param(
        lambda who: partial(ask, who.clerk, factories.paid(who), TUESDAY, "urgent"),
        "forbidden",
        "only a code official may override",
        id="a clerk overrides the day",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.scheduled(who)[0]),
        "status",
        "cannot request inspection a case that is inspection-requested",
        id="an inspection already requested",
    ),
    pytest.param(
        lambda who: partial(ask, who.owner, factories.approved(who)),
        "status",
        "cannot request inspection a case that is approved",
        id="an approved case",
    ),
    pytest.param(
        _unpaid_in_the_village,
        "fee-due",
        "the fee must be paid before the inspection; 80.00 is due",
        id="the village's fee unpaid",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_request_writes_one_audit_event(who: factories.People) -> None:
    case = factories.paid(who)
    with writes_one_event("request-inspection", messages=("inspection-requested",)) as written:
        visit = ask(who.owner, case)
    assert visit.number == 1
    assert written.event.before == {"status": "submitted"}
    assert written.event.after == {
        "status": "inspection-requested",
        "number": 1,
        "scheduled_on": "2026-11-18",
        "window": "am",
    }


def test_a_code_officials_override_is_recorded_beside_the_refusal(who: factories.People) -> None:
    case = factories.paid(who)
    with writes_one_event("request-inspection", messages=("inspection-requested",)) as written:
        ask(who.official, case, TUESDAY, " the tenant moves in Wednesday ")
    override = written.event.after["override"]
    assert override["reason"] == "the tenant moves in Wednesday"
    assert "the first day this request can be placed on is 2026-11-18" in override["refused"]


def test_a_sunday_applicant_can_be_inspected_on_tuesday() -> None:
    pack = get_pack("clayton-mo")
    case = _file("clayton-mo", factories.user("owner"), now=SUNDAY)
    assert earliest_inspection_day(pack, SUNDAY, case.processed_at) == dt.date(2026, 11, 17)


@pytest.mark.parametrize(
    ("day", "why"),
    [(dt.date(2026, 11, 21), "Saturday"), (dt.date(2027, 5, 31), "Memorial Day")],
)
def test_the_service_books_no_inspection_on_a_closed_day(day: dt.date, why: str) -> None:
    owner = factories.user("owner")
    case = _file("clayton-mo", owner)
    with pytest.raises(Refused, match=f"not a business day \\({why}\\)") as refused:
        request(case, owner, day, MONDAY)
    assert refused.value.field == "wanted_on"
    assert not Inspection.objects.exists()
