"""The demo is dated relative to the day it is loaded: each inspector has visits on that day
(the next business day when it is not one) and on the business day after, nothing pending is
left overdue, everything recorded is in the past, and a later run tops the visits up."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from permitdesk.accounts.models import Role
from permitdesk.audit.models import AuditEvent
from permitdesk.cases.models import Application, Inspection
from permitdesk.law.loader import get_pack
from permitdesk.records.models import Jurisdiction
from permitdesk.rules.calendar import business_day_on_or_after, next_business_day, zone

pytestmark = pytest.mark.django_db

STATUSES = {"submitted", "inspection-requested", "failed", "approved", "issued", "ended"}


def load(today: dt.date) -> str:
    out = StringIO()
    call_command("demo_data", force=True, today=today, stdout=out)
    return out.getvalue()


def visits_by_day(place: Jurisdiction) -> dict[dt.date, int]:
    inspector = place.memberships.get(role=Role.INSPECTOR).user
    found: dict[dt.date, int] = {}
    for day in Inspection.objects.filter(
        application__jurisdiction=place, inspector=inspector, result=Inspection.Result.PENDING
    ).values_list("scheduled_on", flat=True):
        found[day] = found.get(day, 0) + 1
    return found


def expect_the_days_of(today: dt.date) -> None:
    for place in Jurisdiction.objects.all():
        pack = get_pack(place.slug)
        first = business_day_on_or_after(pack, today)
        second = next_business_day(pack, first)
        visits = visits_by_day(place)
        assert visits.get(first, 0) >= 1, (place.slug, first, visits)
        assert visits.get(second, 0) >= 1, (place.slug, second, visits)
        assert min(visits) >= today, (place.slug, visits)  # nothing pending is overdue
        statuses = set(place.applications.values_list("status", flat=True))
        assert statuses >= STATUSES, place.slug
        start_of_today = dt.datetime.combine(today, dt.time(), tzinfo=zone(pack))
        latest = AuditEvent.objects.filter(jurisdiction_slug=place.slug).order_by("-at")[0]
        assert latest.at < start_of_today, (place.slug, latest.action, latest.at)


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2027, 3, 10),  # a Wednesday
        dt.date(2027, 3, 13),  # a Saturday: its visits are on Monday and Tuesday
        dt.date(2027, 7, 2),  # a Friday before Independence Day's observed Monday
    ],
    ids=str,
)
def test_the_inspectors_have_visits_on_the_day_it_is_loaded_and_the_next(
    today: dt.date,
) -> None:
    load(today)
    expect_the_days_of(today)


def test_a_later_run_does_the_past_visits_and_books_the_coming_ones() -> None:
    load(dt.date(2027, 3, 10))
    earlier = set(
        Inspection.objects.filter(result=Inspection.Result.PENDING).values_list("pk", flat=True)
    )
    later = dt.date(2027, 3, 22)
    output = load(later)
    assert "visits done" in output
    expect_the_days_of(later)
    for inspection in Inspection.objects.filter(pk__in=earlier):
        # Done on their day by the jurisdiction's inspector, with what was due paid first.
        assert inspection.result == Inspection.Result.PASSED
        assert inspection.completed_at is not None
        assert inspection.completed_at.date() == inspection.scheduled_on
    before = Application.objects.count()
    assert "made nothing" in load(later)  # the same day again: nothing to top up
    assert Application.objects.count() == before


def test_a_bad_day_is_refused_by_name() -> None:
    with pytest.raises(CommandError, match=r"--today.*'someday' is not a date as YYYY-MM-DD"):
        call_command("demo_data", "--force", "--today", "someday", stdout=StringIO())
