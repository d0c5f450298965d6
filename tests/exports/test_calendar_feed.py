"""The inspector's calendar feed: what its events say, which inspections it holds, its cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from permitdesk.cases.models import Inspection
from permitdesk.cases.services import applications, inspections, payments
from permitdesk.exports.links import feed_for_secret, feed_url_for
from tests.api.client import Clock
from tests.exports.feeds import calendar_of, events_by_uid, fetch, path_of
from tests.factories import MONDAY, people, scheduled, submitted
from tests.moments import CENTRAL, central

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_monday(clock: Clock) -> None:
    clock.set(MONDAY)


def uid(inspection: Inspection) -> str:
    return f"inspection-request-{inspection.request_id}@127.0.0.1"


def test_an_assigned_inspection_round_trips_with_its_window_address_contact_and_case() -> None:
    who = people()
    case, visit = scheduled(who)
    calendar = calendar_of(who.inspector)
    [event] = calendar.events
    assert str(event["uid"]) == uid(visit)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start, end) == (central("2026-11-18 08:00"), central("2026-11-18 12:00"))
    assert start.tzinfo == CENTRAL  # the jurisdiction's zone, with its VTIMEZONE
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert (str(calendar["x-published-ttl"]), calendar.decoded("refresh-interval")) == (
        "PT1H",
        dt.timedelta(hours=1),
    )
    assert str(event["location"]) == "10 N Central Ave, Clayton, MO 63105"
    description = str(event["description"])
    assert f"Application {case.pk} (City of Clayton, Missouri)" in description
    assert f"/cases/{case.pk}/" in description
    assert "Contact: O, 1" in description
    assert str(event["status"]) == "CONFIRMED"


def test_an_afternoon_request_is_the_afternoon_window_in_the_feed() -> None:
    who = people()
    case = submitted(who)
    payments.record_payment(
        actor=who.clerk, application=case, method="check", amount=Decimal("80.00"), now=MONDAY
    )
    second = inspections.request_inspection(
        actor=who.owner,
        application=case,
        wanted_on=dt.date(2026, 11, 19),
        window="pm",
        contact_name="Pat Agent",
        contact_phone="314-555-0100",
        now=MONDAY,
    )
    inspections.assign_inspector(
        actor=who.clerk, inspection=second, inspector=who.inspector, now=MONDAY
    )
    event = events_by_uid(who.inspector)[uid(second)]
    assert event.decoded("dtstart") == central("2026-11-19 12:00")
    assert event.decoded("dtend") == central("2026-11-19 16:00")
    assert "Contact: Pat Agent, 314-555-0100" in str(event["description"])
    assert str(event["summary"]) == "Inspection 1: 10 N Central Ave, Clayton, MO 63105"


def test_a_reassigned_inspection_leaves_the_first_feed_and_joins_the_other() -> None:
    who = people()
    _, visit = scheduled(who)
    assert uid(visit) in events_by_uid(who.inspector)
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector_unassigned, now=MONDAY
    )
    assert uid(visit) not in events_by_uid(who.inspector)
    assert uid(visit) in events_by_uid(who.inspector_unassigned)


def test_the_inspection_of_a_withdrawn_case_is_marked_cancelled_with_the_same_uid() -> None:
    who = people()
    case, visit = scheduled(who)
    applications.withdraw_application(actor=who.owner, application=case, now=MONDAY)
    event = events_by_uid(who.inspector)[uid(visit)]
    assert str(event["status"]) == "CANCELLED"
    assert "Cancelled: the application was withdrawn" in str(event["description"])


def test_a_recorded_inspection_stays_with_its_result_and_old_ones_drop_off(clock: Clock) -> None:
    who = people()
    _, visit = scheduled(who)
    inspections.record_inspection_result(
        actor=who.inspector, inspection=visit, result="passed", now=central("2026-11-18 10:00")
    )
    assert "Result: passed" in str(events_by_uid(who.inspector)[uid(visit)]["description"])
    clock.set(central("2027-03-01 09:00"))  # more than 30 days after the visit
    assert uid(visit) not in events_by_uid(who.inspector)


@pytest.mark.parametrize(
    ("today", "listed"),
    [
        ("2026-08-19 09:00", False),  # the visit 91 days ahead: past the window's end
        ("2026-08-21 09:00", True),  # 89 days ahead
        ("2026-12-17 09:00", True),  # 29 days after it
        ("2026-12-19 09:00", False),  # 31 days after it: before the window's start
    ],
)
def test_the_feed_holds_30_days_back_and_90_ahead(clock: Clock, today: str, listed: bool) -> None:
    who = people()
    _, visit = scheduled(who)  # on Wednesday, 2026-11-18
    clock.set(central(today))
    assert (uid(visit) in events_by_uid(who.inspector)) is listed


def test_the_uid_is_the_same_on_every_fetch() -> None:
    who = people()
    scheduled(who)
    first = sorted(events_by_uid(who.inspector))
    assert first == sorted(events_by_uid(who.inspector))
    assert len(first) == 1


def test_the_feed_costs_the_same_queries_for_one_inspection_and_for_six() -> None:
    who = people()
    scheduled(who)
    url = feed_url_for(who.inspector)

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            status, _ = fetch(url)
        assert status == 200
        return len(seen.captured_queries)

    # The first fetch after a change also records the feed's new version (one UPDATE).
    first_after_change = queries()
    one = queries()
    assert first_after_change == one + 1
    for _ in range(5):
        scheduled(who)
    assert queries() == first_after_change
    assert len(calendar_of(who.inspector).events) == 6
    assert queries() == one
    assert one <= 3


def test_an_unknown_or_tampered_secret_is_not_found() -> None:
    who = people()
    scheduled(who)
    url = feed_url_for(who.inspector)
    key, mac = url.rsplit("/", 1)[1].removesuffix(".ics").split(".")
    tampered = url.replace(mac, ("0" if mac[0] != "0" else "1") + mac[1:])
    assert fetch(tampered)[0] == 404
    assert fetch(url.replace(key, "A" * len(key)))[0] == 404
    assert feed_for_secret(f"{key}\x00.{mac}") is None  # PostgreSQL refuses NUL in text
    assert fetch(url)[0] == 200


def test_a_user_no_longer_an_inspector_has_no_feed() -> None:
    who = people()
    scheduled(who)
    url = feed_url_for(who.inspector)
    assert fetch(url)[0] == 200
    who.inspector.memberships.all().delete()
    assert fetch(url)[0] == 404


def test_the_feed_is_served_as_a_private_text_calendar() -> None:
    who = people()
    response = Client().get(path_of(feed_url_for(who.inspector)))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-cache"
    assert Calendar.from_ical(response.content).events == []


def test_the_feed_answers_head_and_refuses_post() -> None:
    who = people()
    path = path_of(feed_url_for(who.inspector))
    assert Client().head(path).status_code == 200
    assert Client().post(path).status_code == 405
