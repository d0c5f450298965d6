"""The calendar feed's HTTP caching: an ETag and a Last-Modified date, 304 Not Modified while
the feed reads the same, 200 with the new feed once it changes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.http import parse_http_date

from permitdesk.cases.services import inspections
from permitdesk.exports.links import feed_url_for
from tests.api.client import Clock
from tests.exports.feeds import path_of
from tests.factories import MONDAY, People, people, scheduled

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_monday(clock: Clock) -> None:
    clock.set(MONDAY)  # and there it stays: every fetch below falls in one second


def feed_path(who: People) -> str:
    return path_of(feed_url_for(who.inspector))


def test_the_feed_carries_an_etag_and_a_last_modified_date() -> None:
    who = people()
    scheduled(who)
    response = Client().get(feed_path(who))
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert len(response["ETag"]) == 66  # a quoted SHA-256
    assert parse_http_date(response["Last-Modified"]) == int(MONDAY.timestamp())


def test_a_repeat_fetch_with_the_etag_is_304_without_a_body() -> None:
    who = people()
    scheduled(who)
    first = Client().get(feed_path(who))
    again = Client().get(feed_path(who), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "private, no-cache"


def test_a_repeat_fetch_with_the_date_is_304() -> None:
    who = people()
    scheduled(who)
    first = Client().get(feed_path(who))
    again = Client().get(feed_path(who), headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert (
        Client().head(feed_path(who), headers={"If-None-Match": first["ETag"]}).status_code == 304
    )


def test_after_a_change_the_old_etag_gets_200_and_the_new_feed() -> None:
    who = people()
    _, visit = scheduled(who)
    first = Client().get(feed_path(who))
    inspections.assign_inspector(
        actor=who.clerk, inspection=visit, inspector=who.inspector_unassigned, now=MONDAY
    )
    changed = Client().get(feed_path(who), headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"BEGIN:VEVENT" in first.content
    assert b"BEGIN:VEVENT" not in changed.content
    latest = Client().get(feed_path(who), headers={"If-None-Match": changed["ETag"]})
    assert latest.status_code == 304


def test_a_change_in_the_same_second_still_moves_last_modified_on() -> None:
    """A calendar that sends only If-Modified-Since must not keep a version it has not seen,
    though HTTP dates have whole seconds and the clock here never moves."""
    who = people()
    first = Client().get(feed_path(who))
    scheduled(who)
    changed = Client().get(feed_path(who), headers={"If-Modified-Since": first["Last-Modified"]})
    assert changed.status_code == 200
    assert b"BEGIN:VEVENT" in changed.content
    assert parse_http_date(changed["Last-Modified"]) == parse_http_date(first["Last-Modified"]) + 1


def test_the_feed_reads_the_same_on_every_fetch_while_nothing_changes(clock: Clock) -> None:
    """No part of the feed is the time of the fetch (DTSTAMP is the visit's own date)."""
    who = people()
    scheduled(who)
    first = Client().get(feed_path(who))
    clock.set(MONDAY.replace(hour=15))
    later = Client().get(feed_path(who))
    assert later.content == first.content
    assert later["Last-Modified"] == first["Last-Modified"]
