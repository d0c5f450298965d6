"""occupants.report_change_of_occupancy: the village's report of a new occupancy of a unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth.models import User

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent, OutboxMessage
from permitdesk.cases.models import Application, ChangeOfOccupancyReport
from permitdesk.cases.services import occupants
from permitdesk.records.models import Unit
from permitdesk.rules.lifecycle import Refused
from tests import factories
from tests.moments import central
from tests.writes import refusal_table, writes_one_event

pytestmark = pytest.mark.django_db


def report(
    actor: User, unit: Unit, changed_on: dt.date = dt.date(2026, 11, 2)
) -> ChangeOfOccupancyReport:
    return occupants.report_change_of_occupancy(
        actor=actor, unit=unit, changed_on=changed_on, now=factories.MONDAY
    )


def village_unit(who: factories.People) -> Unit:
    """A village unit the applicant applied for (which makes it theirs to report on)."""
    return factories.submitted(who, factories.VILLAGE, "occupancy-permit", "sale").unit


REFUSALS = [
    pytest.param(
        lambda who: partial(report, who.owner, factories.submitted(who).unit),
        "not-offered",
        "asks for no change-of-occupancy report",
        id="a Clayton unit",
    ),
    pytest.param(
        lambda who: partial(report, who.other, village_unit(who)),
        "not-found",
        "not found",
        id="someone with no tie to the unit",
    ),
    pytest.param(
        lambda who: partial(
            report,
            factories.user("village-insp", Role.INSPECTOR, factories.VILLAGE),
            village_unit(who),
        ),
        "forbidden",
        "inspectors do not record properties, units or changes of occupancy",
        id="an inspector of the village",
    ),
    pytest.param(
        lambda who: partial(
            occupants.report_change_of_occupancy,
            actor=who.owner,
            unit=village_unit(who),
            changed_on=dt.date(2026, 11, 2),
            now=factories.MONDAY,
            new_occupants="A" * 501,
        ),
        "too-long",
        "at most 500 characters",
        id="new occupants' names too long",
    ),
    pytest.param(
        lambda who: partial(report, who.owner, village_unit(who), dt.date(2022, 1, 1)),
        "out-of-range",
        "changed_on 2022-01-01 is out of range",
        id="a change more than three years back",
    ),
]


test_it_refuses_and_writes_nothing = refusal_table(REFUSALS)


def test_a_report_writes_one_audit_event(who: factories.People) -> None:
    unit = village_unit(who)
    with writes_one_event("report-change-of-occupancy", ("owner-filing",)) as written:
        made = report(who.owner, unit, dt.date(2026, 10, 1))
    assert written.event.jurisdiction_slug == factories.VILLAGE
    assert written.event.after == {
        "changed_on": "2026-10-01",
        "due_on": made.due_on.isoformat(),
        "late": made.late,
        "new_occupants": "",
        "application_id": made.application_id,
        "no_case_reason": "",
    }
    # the unit's case still on its way to a permit is the one the inspector inspects under
    assert made.application is not None
    assert made.application.unit_id == unit.pk
    assert made.late  # reported 46 days after the change: the 30 days had passed


def test_a_change_of_occupancy_report_after_30_days_is_recorded_as_late() -> None:
    # the village's clerk reports for the owner (the owner of a property they recorded may too)
    owner = factories.user("village-clerk", Role.CLERK, "village-ord-08-457")
    house = factories.unit("village-ord-08-457", "single-family")
    on_time = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 10:00")
    )
    late = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-04-01 10:00")
    )
    assert (on_time.due_on, on_time.late, late.late) == (dt.date(2026, 3, 31), False, True)
    # 8:30 PM on the last day is 01:30 the next day in UTC: still on time, the village's day.
    evening = occupants.report_change_of_occupancy(
        actor=owner, unit=house, changed_on=dt.date(2026, 3, 1), now=central("2026-03-31 20:30")
    )
    assert (evening.reported_at.astimezone(dt.UTC).date(), evening.late) == (
        dt.date(2026, 4, 1),
        False,
    )
    clayton_clerk = factories.user("clayton-clerk", Role.CLERK, "clayton-mo")
    with pytest.raises(Refused, match="asks for no change-of-occupancy report"):
        occupants.report_change_of_occupancy(
            actor=clayton_clerk,
            unit=factories.unit("clayton-mo", parcel="P-9"),
            changed_on=dt.date(2026, 3, 1),
            now=central("2026-03-02 10:00"),
        )


def test_a_report_on_a_type_i_unit_without_a_case_opens_its_re_occupancy_case(
    who: factories.People,
) -> None:
    """§1.D: the report is made "so that the Building Inspector may inspect": it opens the
    case the owner pays (§2: before the inspection) and books, and says so by e-mail."""
    house = factories.unit(factories.VILLAGE, parcel="R-1", owner=who.owner)
    first = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    made = occupants.report_change_of_occupancy(
        actor=who.owner,
        unit=house,
        changed_on=dt.date(2026, 9, 1),  # 76 days before Monday: late
        now=factories.MONDAY,
        new_occupants=" Ada   Lovelace ",
    )
    case = made.application
    assert case is not None
    assert (case.applicant, case.trigger, case.unit_id) == (
        who.owner,
        "change-of-occupancy",
        house.pk,
    )
    assert (case.balance_due, made.late, made.new_occupants) == (
        Decimal("80.00"),
        True,
        "Ada Lovelace",
    )
    events = AuditEvent.objects.filter(pk__gt=first).order_by("pk")
    assert [e.action for e in events] == ["submit", "report-change-of-occupancy"]
    mail = OutboxMessage.objects.get(kind="owner-filing", to=who.owner.email)
    assert "It is late" in mail.body
    assert "Pay the fee of $80.00" in mail.body
    assert f"/cases/{case.pk}/inspection/" in mail.body
    assert OutboxMessage.objects.filter(
        kind="application-received", application_id=case.pk
    ).exists()


def test_a_report_on_a_type_ii_unit_opens_no_case_and_says_why(who: factories.People) -> None:
    flat = factories.unit(
        factories.VILLAGE, "apartment", units_in_building=12, parcel="R-2", owner=who.owner
    )
    with writes_one_event("report-change-of-occupancy", ("owner-filing",)):
        made = report(who.owner, flat)
    assert made.application is None
    assert "Type II" in made.no_case_reason
    assert Application.objects.filter(unit=flat).count() == 0


def test_a_report_the_clerk_takes_at_the_counter_opens_no_case_in_the_clerks_name(
    who: factories.People,
) -> None:
    clerk = factories.user("village-clerk", Role.CLERK, factories.VILLAGE)
    house = factories.unit(factories.VILLAGE, parcel="R-3", owner=who.owner)
    with writes_one_event("report-change-of-occupancy", ("owner-filing",)):
        made = report(clerk, house)
    assert (made.application, made.no_case_reason.startswith("reported at the counter")) == (
        None,
        True,
    )
