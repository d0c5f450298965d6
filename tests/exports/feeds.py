"""Reading an inspector's calendar feed over HTTP, as a phone's calendar would."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.test import Client
from icalendar import Calendar, Event

from permitdesk.exports.links import feed_url_for


def path_of(url: str) -> str:
    return urlsplit(url).path


def fetch(url: str) -> tuple[int, bytes]:
    response = Client().get(path_of(url))
    return response.status_code, response.content


def calendar_of(user: User) -> Calendar:
    status, body = fetch(feed_url_for(user))
    assert status == 200, body
    return Calendar.from_ical(body)


def events_by_uid(user: User) -> dict[str, Event]:
    return {str(event["uid"]): event for event in calendar_of(user).events}
